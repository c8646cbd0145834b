/*
 * Construct: the vma pointer is stored in the driver's state
 * (fdev->user_vma = vma) for later use; close clears it.
 * Expected: vma-escapes, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct fpga_dev {
	struct mutex lock;
	struct vm_area_struct *user_vma;
};

static void fpga_vm_close(struct vm_area_struct *vma)
{
	struct fpga_dev *fdev = vma->vm_private_data;

	mutex_lock(&fdev->lock);
	fdev->user_vma = NULL;
	mutex_unlock(&fdev->lock);
}

static const struct vm_operations_struct fpga_vm_ops = {
	.close = fpga_vm_close,
};

// CHECK-DAG: {{.*}}escape_store.c:[[@LINE+1]]:12: note: ->mmap handler 'fpga_mmap' is vma-escapes, verdict manual [mmap-migrate-vma-escapes]
static int fpga_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct fpga_dev *fdev = file->private_data;

	mutex_lock(&fdev->lock);
	if (fdev->user_vma) {
		mutex_unlock(&fdev->lock);
		return -EBUSY;
	}
	/* Reconfiguration zaps the user mapping through this pointer. */
	fdev->user_vma = vma;
	// CHECK-DAG: {{.*}}escape_store.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}} [mmap-migrate-vma-escapes]
	mutex_unlock(&fdev->lock);

	vma->vm_private_data = fdev;
	vma->vm_ops = &fpga_vm_ops;
	return 0;
}

static const struct file_operations fpga_fops = {
	.owner = THIS_MODULE,
	.mmap = fpga_mmap,
	// CHECK-DAG: {{.*}}escape_store.c:[[@LINE-1]]:10: note: 'fpga_fops' sets ->mmap to 'fpga_mmap' [mmap-migrate-site]
};

int fpga_register(void)
{
	return register_chrdev(0, "fpga", &fpga_fops);
}
