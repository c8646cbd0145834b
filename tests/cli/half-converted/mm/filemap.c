// SPDX-License-Identifier: GPL-2.0
/*
 * The core's generic ->mmap, defined in the scanned files while its _prepare
 * form is only declared: a slot naming that form is no half-conversion.
 */
#include <linux/fs.h>
#include <linux/mm.h>

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	return 0;
}
