// SPDX-License-Identifier: GPL-2.0
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include "bell.h"

int bell_mmap_prepare(struct vm_area_desc *desc)
{
	return desc->pgoff ? -EINVAL : 0;
}
