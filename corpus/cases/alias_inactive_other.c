/*
 * Construct: the other arm aliases the handler to a driver function, not to
 * a generic helper with a _prepare form. Renaming the handler would leave
 * that configuration's slot naming a function of the old signature.
 * Expected: generic-wrapper, verdict manual, with the line of the alias;
 * the rewrite leaves the file alone.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DCONFIG_SPOOL_DAX | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc -DCONFIG_SPOOL_DAX
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// CHECK: note: left for a human: spool_file_mmap is also named in line [[@LINE+19]] of alias_inactive_other.c, which this configuration does not compile: renaming it would break another configuration [mmap-migrate-verdict]

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

int spool_nodax_mmap(struct file *file, struct vm_area_struct *vma);

#ifdef CONFIG_SPOOL_DAX
static const struct vm_operations_struct spool_dax_vm_ops;

static int spool_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file->private_data)
		return generic_file_mmap(file, vma);
	vma->vm_ops = &spool_dax_vm_ops;
	return 0;
}
#else
#define spool_file_mmap	spool_nodax_mmap
#endif

const struct file_operations spool_file_fops = {
	.owner	= THIS_MODULE,
	.mmap	= spool_file_mmap,
};
