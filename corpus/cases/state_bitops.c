/*
 * Construct: the handler marks the device busy with set_bit() on a word in
 * its own struct.
 * Expected: changes-state, verdict manual (a bitop is a store, whatever its
 * name).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

#define SCOPE_MAPPED	0

struct scope_dev {
	unsigned long flags;
	unsigned long pages;
};

// CHECK-DAG: {{.*}}state_bitops.c:[[@LINE+1]]:12: note: ->mmap handler 'scope_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int scope_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct scope_dev *sd = file->private_data;

	if (test_bit(SCOPE_MAPPED, &sd->flags))
		return -EBUSY;
	if (vma_pages(vma) > sd->pages)
		return -EINVAL;

	set_bit(SCOPE_MAPPED, &sd->flags);
	// CHECK-DAG: {{.*}}state_bitops.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}set_bit{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = sd;
	return 0;
}

static const struct file_operations scope_fops = {
	.owner = THIS_MODULE,
	.mmap = scope_mmap,
};

int scope_register(void)
{
	return register_chrdev(0, "scope", &scope_fops);
}
