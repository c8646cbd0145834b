/*
 * Construct: as alias_inactive_stub.c, but the other arm's definition does
 * more than return a constant (it counts the refusals). That body is never
 * parsed in this configuration, so nothing shows it harmless.
 * Expected: pure-setup, verdict manual, naming the other definition; the
 * rewrite leaves the file alone.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DCONFIG_TICK_MMAP | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc -DCONFIG_TICK_MMAP
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// CHECK: note: left for a human: tick_mmap is also named in line [[@LINE+17]] of alias_inactive_stub_body.c, which this configuration does not compile: renaming it would break another configuration [mmap-migrate-verdict]

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct tick_vm_ops;
static int tick_refused;

#ifdef CONFIG_TICK_MMAP
static int tick_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &tick_vm_ops;
	return 0;
}
#else
static int tick_mmap(struct file *file, struct vm_area_struct *vma)
{
	tick_refused++;
	return -ENXIO;
}
#endif

const struct file_operations tick_fops = {
	.owner	= THIS_MODULE,
	.mmap	= tick_mmap,
};
