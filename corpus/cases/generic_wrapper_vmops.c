/*
 * Construct: a wrapper that calls generic_file_mmap() and then replaces
 * vma->vm_ops with the filesystem's own table (kind 2 in the fact sheet:
 * overriding vm_ops after the generic call does not make it pure-setup).
 * Expected: generic-wrapper, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>

void jfs_lite_note_dirty(struct inode *inode);

static vm_fault_t jfs_lite_page_mkwrite(struct vm_fault *vmf)
{
	struct inode *inode = file_inode(vmf->vma->vm_file);

	/* The journal must hear about the page before it is written. */
	jfs_lite_note_dirty(inode);
	return filemap_page_mkwrite(vmf);
}

static const struct vm_operations_struct jfs_lite_file_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,
	.page_mkwrite = jfs_lite_page_mkwrite,
};

// CHECK-DAG: {{.*}}generic_wrapper_vmops.c:[[@LINE+1]]:12: note: ->mmap handler 'jfs_lite_file_mmap' is generic-wrapper, verdict convert [mmap-migrate-generic-wrapper]
static int jfs_lite_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	int ret;

	ret = generic_file_mmap(file, vma);
	// CHECK-DAG: {{.*}}generic_wrapper_vmops.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}generic_file_mmap{{.*}} [mmap-migrate-generic-wrapper]
	if (ret)
		return ret;

	vma->vm_ops = &jfs_lite_file_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int jfs_lite_file_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	ret = generic_file_mmap_prepare(desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}generic_wrapper_vmops.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}generic_file_mmap{{\{\{}}.*}} [mmap-migrate-generic-wrapper]{{$}}
// CHECK-FIXES: {{^}}	desc->vm_ops = &jfs_lite_file_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

const struct file_operations jfs_lite_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = generic_file_write_iter,
	.mmap = jfs_lite_file_mmap,
	// CHECK-DAG: {{.*}}generic_wrapper_vmops.c:[[@LINE-1]]:10: note: 'jfs_lite_file_operations' sets ->mmap to 'jfs_lite_file_mmap' [mmap-migrate-site]
	.fsync = generic_file_fsync,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = jfs_lite_file_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}generic_wrapper_vmops.c:{{\[\[}}@LINE-1]]:10: note: 'jfs_lite_file_operations' sets ->mmap to 'jfs_lite_file_mmap' [mmap-migrate-site]{{$}}
