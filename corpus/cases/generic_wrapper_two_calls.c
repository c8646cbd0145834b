/*
 * Construct: a block-device-like wrapper picks the read-only helper for a
 * read-only disk and the writable one otherwise: two generic calls, each
 * returned, after a test that only reads (blkdev_mmap's shape).
 * Expected: generic-wrapper, verdict convert: each call becomes its
 * _prepare form.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct slab_disk {
	bool read_only;
};

// CHECK-DAG: {{.*}}generic_wrapper_two_calls.c:[[@LINE+1]]:12: note: ->mmap handler 'slabdev_mmap' is generic-wrapper, verdict convert [mmap-migrate-generic-wrapper]
static int slabdev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct slab_disk *disk = file->private_data;

	if (disk->read_only)
		return generic_file_readonly_mmap(file, vma);

	return generic_file_mmap(file, vma);
}
// CHECK-FIXES: {{^}}static int slabdev_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct slab_disk *disk = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}		return generic_file_readonly_mmap_prepare(desc);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	return generic_file_mmap_prepare(desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

const struct file_operations slabdev_fops = {
	.read_iter = generic_file_read_iter,
	.mmap = slabdev_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = slabdev_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
