/*
 * Construct: two handlers pass their vma to one static helper of the file.
 * Each handler's rewrite would convert the helper, and the other handler
 * would then call it with a vma.
 * Expected: both pure-setup, both refused by the rewrite with the other
 * call's line; nothing in the file changes.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 2 sites, 2 handlers, 0 convert, 2 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct win_vm_ops;

static int win_setup_vma(struct vm_area_struct *vma, void *priv)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	vma->vm_ops = &win_vm_ops;
	vma->vm_private_data = priv;
	return 0;
}

// CHECK-DAG: {{.*}}helper_vma_shared.c:[[@LINE+1]]:12: note: left for a human: win_setup_vma(), which the vma goes to, is also used at line [[@LINE+11]]: converting it would break that use [mmap-migrate-verdict]
static int win_mmap(struct file *file, struct vm_area_struct *vma)
{
	return win_setup_vma(vma, file->private_data);
}

// CHECK-DAG: {{.*}}helper_vma_shared.c:[[@LINE+1]]:12: note: left for a human: win_setup_vma(), which the vma goes to, is also used at line [[@LINE-3]]: converting it would break that use [mmap-migrate-verdict]
static int win_ro_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	return win_setup_vma(vma, file->private_data);
}

static const struct file_operations win_fops = {
	.owner = THIS_MODULE,
	.mmap = win_mmap,
};

static const struct file_operations win_ro_fops = {
	.owner = THIS_MODULE,
	.mmap = win_ro_mmap,
};

int win_register(void)
{
	return register_chrdev(0, "win", &win_fops) ?:
	       register_chrdev(0, "win-ro", &win_ro_fops);
}
