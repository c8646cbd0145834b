// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <linux/module.h>
#include "bell.h"

static const struct file_operations bell_fops = {
	.owner		= THIS_MODULE,
	.mmap		= bell_mmap,
};
