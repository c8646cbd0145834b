/*
 * Construct: a wrapper that checks the inode, then returns
 * generic_file_mmap(file, vma).
 * Expected: generic-wrapper, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

// CHECK-DAG: {{.*}}generic_wrapper.c:[[@LINE+1]]:12: note: ->mmap handler 'tinyfs_file_mmap' is generic-wrapper, verdict convert [mmap-migrate-generic-wrapper]
static int tinyfs_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct inode *inode = file_inode(file);

	/* DAX files are mapped through another path in this filesystem. */
	if (inode->i_flags & S_DAX)
		return -EOPNOTSUPP;

	return generic_file_mmap(file, vma);
	// CHECK-DAG: {{.*}}generic_wrapper.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}generic_file_mmap{{.*}} [mmap-migrate-generic-wrapper]
}
// CHECK-FIXES: {{^}}static int tinyfs_file_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct inode *inode = file_inode(desc->file);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}	return generic_file_mmap_prepare(desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}generic_wrapper.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}generic_file_mmap{{\{\{}}.*}} [mmap-migrate-generic-wrapper]{{$}}

const struct file_operations tinyfs_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = generic_file_write_iter,
	.mmap = tinyfs_file_mmap,
	// CHECK-DAG: {{.*}}generic_wrapper.c:[[@LINE-1]]:10: note: 'tinyfs_file_operations' sets ->mmap to 'tinyfs_file_mmap' [mmap-migrate-site]
	.fsync = generic_file_fsync,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tinyfs_file_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}generic_wrapper.c:{{\[\[}}@LINE-1]]:10: note: 'tinyfs_file_operations' sets ->mmap to 'tinyfs_file_mmap' [mmap-migrate-site]{{$}}
