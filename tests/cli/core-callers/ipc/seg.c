// SPDX-License-Identifier: GPL-2.0
/* Maps a segment's file through its own slot: becomes vfs_mmap(). */
#include <linux/fs.h>
#include <linux/mm.h>

int seg_map(struct file *file, struct vm_area_struct *vma)
{
	return file->f_op->mmap(file, vma);
}
