/*
 * Construct: the handler's static helper passes the vma on to a second
 * static helper. One level of helper is converted with the handler; the
 * second would need its own descriptor form.
 * Expected: pure-setup, verdict manual, naming the inner helper.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct seg_vm_ops;

static void seg_set_ops(struct vm_area_struct *vma)
{
	vma->vm_ops = &seg_vm_ops;
}

static int seg_setup(struct vm_area_struct *vma, void *priv)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	seg_set_ops(vma);
	vma->vm_private_data = priv;
	return 0;
}

// CHECK-DAG: {{.*}}helper_vma_nested.c:[[@LINE+1]]:12: note: left for a human: the vma goes to seg_set_ops(), which would need a descriptor form too (line [[@LINE-5]]) [mmap-migrate-verdict]
static int seg_mmap(struct file *file, struct vm_area_struct *vma)
{
	return seg_setup(vma, file->private_data);
}

static const struct file_operations seg_fops = {
	.owner = THIS_MODULE,
	.mmap = seg_mmap,
};

int seg_register(void)
{
	return register_chrdev(0, "seg", &seg_fops);
}
