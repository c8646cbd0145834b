/*
 * Construct: pure setup done in a helper that receives the vma and that
 * other files may call (it is not static). The helper is followed (its
 * findings count), but converting it would break callers this translation
 * unit does not show (helper_vma_static.c is the static one, which
 * converts).
 * Expected: pure-setup, verdict manual, with the helper call as the blocker.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct cfgspace_vm_ops;

void cfgspace_setup_vma(struct vm_area_struct *vma, void *priv)
{
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
// CHECK-DAG: {{.*}}blocker_setup_helper.c:[[@LINE-1]]:{{[0-9]+}}: note: changes vma flags with vm_flags_set() (in cfgspace_setup_vma()) [mmap-migrate-pure-setup]
	vma->vm_private_data = priv;
	vma->vm_ops = &cfgspace_vm_ops;
}

// CHECK-DAG: {{.*}}blocker_setup_helper.c:[[@LINE+2]]:12: note: ->mmap handler 'cfgspace_mmap' is pure-setup, verdict manual [mmap-migrate-pure-setup]
// CHECK-DAG: {{.*}}blocker_setup_helper.c:[[@LINE+1]]:12: note: left for a human: the vma goes to cfgspace_setup_vma(), which would need a descriptor form too (line [[@LINE+5]]) [mmap-migrate-verdict]
static int cfgspace_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	cfgspace_setup_vma(vma, file->private_data);
	return 0;
}

static const struct file_operations cfgspace_fops = {
	.owner	= THIS_MODULE,
	.mmap	= cfgspace_mmap,
};
