// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <linux/module.h>
#include "horn.h"

static const struct file_operations horn_fops = {
	.owner		= THIS_MODULE,
	.mmap		= horn_mmap,
};
