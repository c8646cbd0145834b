// SPDX-License-Identifier: GPL-2.0
/*
 * The helper fills each hook its caller's table lacks from a default
 * table. The member names reach `->` only through the macro's argument,
 * so no `->mmap` is in this file's text.
 */
#include <linux/fs.h>
#include "fops_macro_arg.h"

static ssize_t lens_default_read(struct file *file, char __user *buf, size_t len,
				 loff_t *pos)
{
	return 0;
}

static const struct file_operations lens_defaults = {
	.read = lens_default_read,
};

#define LENS_PATCH_FOPS(NAME) \
	do { if (!fops->NAME) fops->NAME = lens_defaults.NAME; } while (0)

int lens_get_fd(void *ctx, struct file_operations *fops, int *fd)
{
	if (fops) {
		LENS_PATCH_FOPS(read);
		LENS_PATCH_FOPS(mmap);
	}
	*fd = -1;
	return 0;
}
