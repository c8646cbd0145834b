// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <linux/module.h>
#include "ring.h"

static const struct file_operations ring_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= ring_mmap_prepare,
};
