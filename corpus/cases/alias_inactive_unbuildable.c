/*
 * Construct: the other arm aliases the handler to generic_file_mmap, as in
 * alias_inactive_generic.c, but that configuration does not build here
 * (an #error for the platform). The alias line would be renamed without a
 * compiler ever seeing it.
 * Expected: the planner makes the edits, the verifier parses with the
 * macro unset, cannot build that configuration, and refuses, saying so.
 */
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc -DCONFIG_SPOOL_DAX 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc -DCONFIG_SPOOL_DAX
// RW: warning: 'spool_file_mmap' not rewritten: the rewritten code does not compile: an edit is in code compiled only with `CONFIG_SPOOL_DAX` unset (alias_inactive_unbuildable.c:[[@LINE+24]]), and alias_inactive_unbuildable.c does not compile that way here, so that configuration cannot be checked ({{.*}}spool needs DAX here{{.*}}) [mmap-migrate-rewrite]
// RW: 0 handlers rewritten, 1 convertible ones refused
// RW-NOT: ---

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct spool_inode_info {
	int dax;
};

#ifdef CONFIG_SPOOL_DAX
static const struct vm_operations_struct spool_dax_vm_ops;

static int spool_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct spool_inode_info *si = file->private_data;

	if (!si->dax)
		return generic_file_mmap(file, vma);
	vma->vm_ops = &spool_dax_vm_ops;
	return 0;
}
#else
#error "spool needs DAX here"
#define spool_file_mmap	generic_file_mmap
#endif

const struct file_operations spool_file_fops = {
	.owner	= THIS_MODULE,
	.mmap	= spool_file_mmap,
};
