/*
 * Construct: the handler shrinks the mapping by writing vma->vm_end.
 * Expected: vma-surgery, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct win_dev {
	unsigned long win_size;
};

static const struct vm_operations_struct win_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}surgery_vm_end.c:[[@LINE+1]]:12: note: ->mmap handler 'win_mmap' is vma-surgery, verdict manual [mmap-migrate-vma-surgery]
static int win_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct win_dev *wd = file->private_data;

	/* Clamp the mapping to the window instead of failing. */
	if (vma->vm_end - vma->vm_start > wd->win_size)
		vma->vm_end = vma->vm_start + wd->win_size;
	// CHECK-DAG: {{.*}}surgery_vm_end.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}} [mmap-migrate-vma-surgery]

	vma->vm_private_data = wd;
	vma->vm_ops = &win_vm_ops;
	return 0;
}

static const struct file_operations win_fops = {
	.owner = THIS_MODULE,
	.mmap = win_mmap,
	// CHECK-DAG: {{.*}}surgery_vm_end.c:[[@LINE-1]]:10: note: 'win_fops' sets ->mmap to 'win_mmap' [mmap-migrate-site]
};

int win_register(void)
{
	return register_chrdev(0, "win", &win_fops);
}
