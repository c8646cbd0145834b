/*
 * Construct: the handler takes the device's mutex and leaves it held for
 * the mapping (vm_ops->close releases it).
 * Expected: changes-state, verdict manual: a lock still held when prepare
 * returns is state.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct excl_dev {
	struct mutex map_lock;
};

static void excl_vm_close(struct vm_area_struct *vma)
{
	struct excl_dev *ex = vma->vm_private_data;

	mutex_unlock(&ex->map_lock);
}

static const struct vm_operations_struct excl_vm_ops = {
	.close = excl_vm_close,
};

// CHECK-DAG: {{.*}}state_unbalanced_lock.c:[[@LINE+1]]:12: note: ->mmap handler 'excl_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int excl_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct excl_dev *ex = file->private_data;

	if (mutex_lock_interruptible(&ex->map_lock))
		// CHECK-DAG: {{.*}}state_unbalanced_lock.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}not released{{.*}} [mmap-migrate-changes-state]
		return -EINTR;

	vma->vm_private_data = ex;
	vma->vm_ops = &excl_vm_ops;
	return 0;
}

static const struct file_operations excl_fops = {
	.owner = THIS_MODULE,
	.mmap = excl_mmap,
};

int excl_register(void)
{
	return register_chrdev(0, "excl", &excl_fops);
}
