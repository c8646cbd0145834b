/*
 * Construct: atomic_inc() of a "mapped" counter that blocks reconfiguration.
 * Expected: needs-mapped, verdict convert under 7.1 (moved to
 * vm_ops->mapped), manual under 6.19.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RUN: %mmap-migrate scan --profile 6.19 %s -- -nostdinc -I%inc | FileCheck --check-prefix=P619 %s
// P619: summary: 1 sites, 1 handlers, 0 convert, 1 manual,
// P619: left for a human: {{.*}}; profile 6.19 has no hook for work that needs the mapping to exist

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct cam_dev {
	atomic_t mmap_count;
};

static void cam_vm_close(struct vm_area_struct *vma)
{
	struct cam_dev *cam = vma->vm_private_data;

	atomic_dec(&cam->mmap_count);
}

static const struct vm_operations_struct cam_vm_ops = {
	.close = cam_vm_close,
};

// CHECK-DAG: {{.*}}needs_atomic.c:[[@LINE+1]]:12: note: ->mmap handler 'cam_mmap' is needs-mapped, verdict convert [mmap-migrate-needs-mapped]
static int cam_mmap_prepare(struct vm_area_desc *desc)
{
	struct cam_dev *cam = desc->file->private_data;

	/* S_FMT is refused while anyone maps the frame buffers. */
	// CHECK-DAG: {{.*}}needs_atomic.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}atomic_inc{{.*}} [mmap-migrate-needs-mapped]
	desc->private_data = cam;
	desc->vm_ops = &cam_vm_ops;
	return 0;
}

static int cam_mmap_complete(struct file *file, struct vm_area_struct *vma,
			     const void *context)
{
	struct cam_dev *cam = file->private_data;

	atomic_inc(&cam->mmap_count);
	return 0;
}

static const struct file_operations cam_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = cam_mmap_prepare,
	.mmap_complete = cam_mmap_complete,
	// CHECK-DAG: {{.*}}needs_atomic.c:[[@LINE-1]]:10: note: 'cam_fops' sets ->mmap to 'cam_mmap' [mmap-migrate-site]
};

int cam_register(void)
{
	return register_chrdev(0, "cam", &cam_fops);
}
