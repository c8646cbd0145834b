/*
 * Construct: a handler named by a second table that only another
 * configuration compiles. Renaming it in the active code would leave the
 * inactive table pointing at a function that no longer exists.
 * Expected: pure-setup, verdict manual, with the rewrite's reason: the scan
 * and the rewrite agree, and the rewrite leaves it.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// CHECK: refuse_name_in_inactive_table.c:[[@LINE+12]]:12: note: left for a human: panel_mmap is also named in line [[@LINE+26]] of refuse_name_in_inactive_table.c, which this configuration does not compile: renaming it would break another configuration [mmap-migrate-verdict]
// RW: 0 handlers rewritten, 0 convertible ones refused, 1 left manual
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct panel_vm_ops;

/* panel_mmap() only installs the fault handler. */
static int panel_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &panel_vm_ops;
	return 0;
}

static const struct file_operations panel_fops = {
	.owner	= THIS_MODULE,
	.mmap	= panel_mmap,
};

#ifdef CONFIG_PANEL_LEGACY_NODE
static const struct file_operations panel_legacy_fops = {
	.owner	= THIS_MODULE,
	.mmap	= panel_mmap,
};
#endif
