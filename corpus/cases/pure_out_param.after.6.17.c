/*
 * Construct: a static helper returns two results, one through a pointer to
 * the handler's own local (`&limit`): a store through a parameter that
 * points at the caller's stack.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
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
static int cam_mmap_prepare(struct vm_area_desc *desc)
{
	struct cam_dev *cam = desc->file->private_data;
	unsigned long limit;
	int ret;

	ret = cam_window(cam, &limit);
	if (ret)
		return ret;
	if (((desc->end - desc->start) >> PAGE_SHIFT) > limit)
		return -EINVAL;

	desc->private_data = cam;
	return 0;
}

static const struct file_operations cam_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = cam_mmap_prepare,
};

int cam_register(void)
{
	return register_chrdev(0, "cam", &cam_fops);
}
