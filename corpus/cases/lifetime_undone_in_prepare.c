/*
 * Construct: the handler marks the device busy for the length of its own
 * checks and clears the mark again before it returns; the vm_ops->close it
 * installs clears it too.
 * Expected: needs-mapped, verdict manual; no profile rewrites it: moving
 * the store to vm_ops->mapped would leave the clear in prepare, so the
 * order of the two would flip.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct fifo_dev {
	bool busy;
	unsigned long pages;
};

static void fifo_vm_close(struct vm_area_struct *vma)
{
	struct fifo_dev *fifo = vma->vm_private_data;

	fifo->busy = false;
}

static const struct vm_operations_struct fifo_vm_ops = {
	.close = fifo_vm_close,
};

// CHECK-DAG: {{.*}}lifetime_undone_in_prepare.c:[[@LINE+1]]:12: note: ->mmap handler 'fifo_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int fifo_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct fifo_dev *fifo = file->private_data;

	fifo->busy = true;
	// CHECK-DAG: {{.*}}lifetime_undone_in_prepare.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}fifo->busy{{.*}}undone in fifo_vm_close(){{.*}} [mmap-migrate-needs-mapped]
	vma->vm_private_data = fifo;
	vma->vm_ops = &fifo_vm_ops;
	fifo->busy = false;
	return 0;
}

static const struct file_operations fifo_fops = {
	.owner = THIS_MODULE,
	.mmap = fifo_mmap,
};

int fifo_register(void)
{
	return register_chrdev(0, "fifo", &fifo_fops);
}
