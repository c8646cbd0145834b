/*
 * Construct: a static helper returns two results, one through a pointer to
 * the handler's own local (`&limit`): a store through a parameter that
 * points at the caller's stack.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// JSON: "rule": "caller-local-write"

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct cam_dev {
	unsigned long frame_pages;
	unsigned int frames;
};

static int cam_window(const struct cam_dev *cam, unsigned long *limit)
{
	if (!cam->frames)
		return -ENODEV;
	*limit = cam->frame_pages * cam->frames;
	return 0;
}

// CHECK-DAG: {{.*}}pure_out_param.c:[[@LINE+1]]:12: note: ->mmap handler 'cam_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int cam_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cam_dev *cam = file->private_data;
	unsigned long limit;
	int ret;

	ret = cam_window(cam, &limit);
	if (ret)
		return ret;
	if (vma_pages(vma) > limit)
		return -EINVAL;

	vma->vm_private_data = cam;
	return 0;
}
// CHECK-FIXES: {{^}}static int cam_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct cam_dev *cam = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	unsigned long limit;{{$}}
// CHECK-FIXES-V617-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > limit){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (vma_desc_pages(desc) > limit){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = cam;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations cam_fops = {
	.owner = THIS_MODULE,
	.mmap = cam_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = cam_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int cam_register(void)
{
	return register_chrdev(0, "cam", &cam_fops);
}
