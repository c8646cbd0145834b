/*
 * Construct: a stacking filesystem hands the mapping to the lower file with
 * call_mmap().
 * Expected: dispatch, verdict manual. The handler stays ->mmap, but its
 * test and its call go through the core's helpers (the core-caller
 * patches): can_mmap_file() and vfs_mmap() know ->mmap_prepare too.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct shimfs_file {
	struct file *lower;
};

// CHECK-DAG: {{.*}}dispatch_call_mmap.c:[[@LINE+1]]:12: note: ->mmap handler 'shimfs_mmap' is dispatch, verdict manual [mmap-migrate-dispatch]
static int shimfs_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct shimfs_file *sf = file->private_data;

	if (!sf->lower->f_op->mmap)
		return -ENODEV;
// CHECK-FIXES: {{^}}	if (!can_mmap_file(sf->lower)){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -ENODEV;{{$}}

	// CHECK-DAG: {{.*}}dispatch_call_mmap.c:[[@LINE+1]]:{{[0-9]+}}: note: {{.*}}call_mmap{{.*}} [mmap-migrate-dispatch]
	return call_mmap(sf->lower, vma);
}
// CHECK-FIXES: {{^}}	return vfs_mmap(sf->lower, vma);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

const struct file_operations shimfs_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.mmap = shimfs_mmap,
	// CHECK-DAG: {{.*}}dispatch_call_mmap.c:[[@LINE-1]]:10: note: 'shimfs_file_operations' sets ->mmap to 'shimfs_mmap' [mmap-migrate-site]
};
