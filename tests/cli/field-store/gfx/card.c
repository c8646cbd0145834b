// SPDX-License-Identifier: GPL-2.0
/* A handler that converts on its own. */
#include <linux/mm.h>
#include "gfx.h"

static const struct vm_operations_struct card_vm_ops;

static int card_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &card_vm_ops;
	return 0;
}

const struct file_operations card_fops = {
	.mmap = card_mmap,
};
