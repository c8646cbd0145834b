/*
 * Construct: WRITE_ONCE() of the last mapper's page offset into the
 * device: a volatile store through a pointer, spelled as a macro.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct mbox_dev {
	unsigned long last_pgoff;
};

// CHECK-DAG: {{.*}}state_write_once.c:[[@LINE+1]]:12: note: ->mmap handler 'mbox_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int mbox_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mbox_dev *mb = file->private_data;

	WRITE_ONCE(mb->last_pgoff, vma->vm_pgoff);
	// CHECK-DAG: {{.*}}state_write_once.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = mb;
	return 0;
}

static const struct file_operations mbox_fops = {
	.owner = THIS_MODULE,
	.mmap = mbox_mmap,
};

int mbox_register(void)
{
	return register_chrdev(0, "mbox", &mbox_fops);
}
