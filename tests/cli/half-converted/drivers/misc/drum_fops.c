// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <linux/module.h>
#include "drum.h"

static const struct file_operations drum_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= drum_mmap_prepare,
};

static const struct file_operations drum_plain_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= generic_file_mmap_prepare,
};
