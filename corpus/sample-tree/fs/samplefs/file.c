// SPDX-License-Identifier: GPL-2.0
/* A small filesystem: page-cache mmap, read-write and read-only. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

static int samplefs_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file_inode(file)->i_mapping)
		return -ENODEV;
	return generic_file_mmap(file, vma);
}

const struct file_operations samplefs_file_operations = {
	.mmap		= samplefs_file_mmap,
};

const struct file_operations samplefs_ro_file_operations = {
	.mmap		= generic_file_readonly_mmap,
};
