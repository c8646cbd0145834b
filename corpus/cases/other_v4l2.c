/*
 * Construct: struct v4l2_file_operations has an .mmap slot with the very
 * same prototype as file_operations ->mmap. It is not a fops site.
 * Expected: one other-table line; no site, no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]
// NEG-NOT: note: ->mmap handler

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <media/v4l2-dev.h>
#include <media/videobuf2-v4l2.h>

struct tvcap {
	bool read_mode;
};

static int tvcap_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct tvcap *cap = file->private_data;

	if (cap->read_mode)
		return -EBUSY;
	return vb2_fop_mmap(file, vma);
}

static const struct v4l2_file_operations tvcap_fops = {
	.owner = THIS_MODULE,
	.open = v4l2_fh_open,
	.release = vb2_fop_release,
	.poll = vb2_fop_poll,
	.unlocked_ioctl = video_ioctl2,
	.mmap = tvcap_mmap,
	// CHECK-DAG: {{.*}}other_v4l2.c:[[@LINE-1]]:10: note: struct v4l2_file_operations.mmap = 'tvcap_mmap' is not a file_operations ->mmap [mmap-migrate-other-table]
};

struct video_device tvcap_vdev = {
	.name = "tvcap",
	.fops = &tvcap_fops,
};
