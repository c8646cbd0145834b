/*
 * Construct: the handler records that the buffer is mapped
 * (`dev->mapped = true`), so that a later ioctl refuses to resize it.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ring_dev {
	unsigned long size;
	bool mapped;
};

// CHECK-DAG: {{.*}}state_flag_field.c:[[@LINE+1]]:12: note: ->mmap handler 'ring_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ring_dev *ring = file->private_data;

	if (vma->vm_end - vma->vm_start > ring->size)
		return -EINVAL;

	ring->mapped = true;
	// CHECK-DAG: {{.*}}state_flag_field.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}mapped{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = ring;
	return 0;
}

static const struct file_operations ring_fops = {
	.owner = THIS_MODULE,
	.mmap = ring_mmap,
};

int ring_register(void)
{
	return register_chrdev(0, "ring", &ring_fops);
}
