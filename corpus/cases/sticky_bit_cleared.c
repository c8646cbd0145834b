/*
 * Construct: the handler sets a bit in its own struct and can still fail
 * after it, but release() clears the bit again: it is neither left for
 * good nor undone by the mapping's vm_ops->close.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

#define PROBE_MAPPED	0

struct probe_dev {
	unsigned long flags;
	unsigned long pages;
};

static int probe_release(struct inode *inode, struct file *file)
{
	struct probe_dev *pd = file->private_data;

	clear_bit(PROBE_MAPPED, &pd->flags);
	return 0;
}

// CHECK-DAG: {{.*}}sticky_bit_cleared.c:[[@LINE+1]]:12: note: ->mmap handler 'probe_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int probe_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct probe_dev *pd = file->private_data;

	set_bit(PROBE_MAPPED, &pd->flags);
	// CHECK-DAG: {{.*}}sticky_bit_cleared.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}set_bit{{.*}} [mmap-migrate-changes-state]
	if (vma_pages(vma) > pd->pages)
		return -EINVAL;

	vma->vm_private_data = pd;
	return 0;
}

static const struct file_operations probe_fops = {
	.owner = THIS_MODULE,
	.mmap = probe_mmap,
	.release = probe_release,
};

int probe_register(void)
{
	return register_chrdev(0, "probe", &probe_fops);
}
