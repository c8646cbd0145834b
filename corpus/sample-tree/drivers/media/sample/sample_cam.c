// SPDX-License-Identifier: GPL-2.0
/* A camera: powers up on mmap, and has a v4l2 table that is not fops. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pm_runtime.h>
#include <media/v4l2-dev.h>

struct cam {
	struct device *dev;
	unsigned long buf_phys;
};

static int cam_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cam *cam = file->private_data;
	int ret;

	ret = pm_runtime_resume_and_get(cam->dev);
	if (ret < 0)
		return ret;
	return io_remap_pfn_range(vma, vma->vm_start, cam->buf_phys >> PAGE_SHIFT,
				  vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct file_operations cam_fops = {
	.mmap	= cam_mmap,
};

static int cam_v4l2_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -EINVAL;
}

static const struct v4l2_file_operations cam_v4l2_fops = {
	.mmap	= cam_v4l2_mmap,
};
