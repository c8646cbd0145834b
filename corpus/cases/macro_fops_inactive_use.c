/*
 * Construct: a driver macro whose body names the handler, used once in
 * this configuration and once more in an #ifdef block it does not build.
 * Expected: pure-setup, verdict manual with the rewrite's refusal: the
 * #define also builds the table nobody here compiles.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: warning: 'trcbuf_mmap' not rewritten: the slot is written by macro TRCBUF_FOPS, which is also used at {{.*}}macro_fops_inactive_use.c:[[@LINE+24]], which this configuration does not build: the macro is rewritten only when all its users convert
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct trcbuf_vm_ops;

static int trcbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &trcbuf_vm_ops;
	return 0;
}

#define TRCBUF_FOPS(name)				\
static const struct file_operations name = {		\
	.owner		= THIS_MODULE,			\
	.mmap		= trcbuf_mmap,			\
}

TRCBUF_FOPS(trcbuf_fops);
#ifdef CONFIG_TRCBUF_LEGACY
TRCBUF_FOPS(trcbuf_legacy_fops);
#endif

int trcbuf_register(void)
{
	return register_chrdev(0, "trcbuf", &trcbuf_fops);
}
