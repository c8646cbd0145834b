/*
 * Construct: a user count changed under the device's mutex. The lock pair
 * is harmless; the count it protects is not.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct fpga_mgr_dev {
	struct mutex lock;
	unsigned int users;
	unsigned long pages;
};

// CHECK-DAG: {{.*}}state_locked_count.c:[[@LINE+1]]:12: note: ->mmap handler 'fmgr_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int fmgr_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct fpga_mgr_dev *mgr = file->private_data;

	if (vma_pages(vma) > mgr->pages)
		return -EINVAL;

	mutex_lock(&mgr->lock);
	mgr->users++;
	// CHECK-DAG: {{.*}}state_locked_count.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}users{{.*}} [mmap-migrate-changes-state]
	mutex_unlock(&mgr->lock);

	vma->vm_private_data = mgr;
	return 0;
}

static const struct file_operations fmgr_fops = {
	.owner = THIS_MODULE,
	.mmap = fmgr_mmap,
};

int fmgr_register(void)
{
	return register_chrdev(0, "fmgr", &fmgr_fops);
}
