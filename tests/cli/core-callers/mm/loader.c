// SPDX-License-Identifier: GPL-2.0
/* A core caller: tests a file's ->mmap, then maps it through the slot. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

int loader_map(struct file *file, struct vm_area_struct *vma)
{
	if (!file->f_op->mmap)
		return -ENODEV;
	return call_mmap(file, vma);
}
