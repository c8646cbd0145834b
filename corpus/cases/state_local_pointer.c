/*
 * Construct: the store goes through a local pointer into the device
 * (`st = &dev->stats; st->maps++`): the pointer is local, what it points
 * at is not.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct gpio_stats {
	unsigned long maps;
	unsigned long faults;
};

struct gpio_bank {
	struct gpio_stats stats;
	unsigned long regs_pages;
};

// CHECK-DAG: {{.*}}state_local_pointer.c:[[@LINE+1]]:12: note: ->mmap handler 'gbank_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int gbank_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct gpio_bank *bank = file->private_data;
	struct gpio_stats *st = &bank->stats;

	if (vma_pages(vma) > bank->regs_pages)
		return -EINVAL;

	st->maps++;
	// CHECK-DAG: {{.*}}state_local_pointer.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}maps{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = bank;
	return 0;
}

static const struct file_operations gbank_fops = {
	.owner = THIS_MODULE,
	.mmap = gbank_mmap,
};

int gbank_register(void)
{
	return register_chrdev(0, "gbank", &gbank_fops);
}
