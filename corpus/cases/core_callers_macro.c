/*
 * Construct: core code that tests f_op->mmap and calls it inside one macro
 * argument, so both uses sit at the macro's expansion point; the other
 * function tests the slot on its own.
 * Trap: counted as one use, the call goes unseen and the tests are
 * rewritten while it still calls ->mmap directly. Expected: the two become
 * one 'other' use, which keeps every test. The control beside it is
 * core_callers_convert.c.
 */
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: core callers: 0 of 1 f_op->mmap tests -> can_mmap_file(), 0 of 0 calls -> vfs_mmap(), 1 other use left

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

#define relay_checked(x) (x)

int relay_try(struct file *file, struct vm_area_struct *vma)
{
	return relay_checked(!file->f_op->mmap || file->f_op->mmap(file, vma));
}

int relay_can(struct file *file)
{
	if (!file->f_op->mmap)
		return -ENODEV;
	return 0;
}
