// SPDX-License-Identifier: GPL-2.0
/* A trace ring shared with user space: only fills in the vma. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ring {
	unsigned long nr_pages;
};

static vm_fault_t ring_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct ring_vm_ops = {
	.fault	= ring_fault,
};

static int ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ring *ring = file->private_data;

	if (vma_pages(vma) > ring->nr_pages)
		return -EINVAL;

	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = ring;
	vma->vm_ops = &ring_vm_ops;
	file_accessed(file);
	return 0;
}

static const struct file_operations ring_fops = {
	.owner	= THIS_MODULE,
	.mmap	= ring_mmap,
};

static const struct file_operations ring_ro_fops = {
	.owner	= THIS_MODULE,
	.mmap	= ring_mmap,
};
