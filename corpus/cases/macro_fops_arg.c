/*
 * Construct: a fops macro that takes the handler as an argument. The slot's
 * name is in the #define, the handler in the use: rewriting either alone
 * breaks the other uses.
 * Expected: pure-setup, verdict manual with the rewrite's refusal.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: warning: 'lut_mmap' not rewritten: the slot at line [[@LINE+22]] is written by a macro from its arguments: the macro is not rewritten
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct lut_vm_ops;

static int lut_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &lut_vm_ops;
	return 0;
}

#define MMAP_ONLY_FOPS(name, fn)			\
static const struct file_operations name = {		\
	.owner		= THIS_MODULE,			\
	.mmap		= fn,				\
}

MMAP_ONLY_FOPS(lut_fops, lut_mmap);

int lut_register(void)
{
	return register_chrdev(0, "lut", &lut_fops);
}
