/*
 * Construct: the handler reads vma->anon_vma, a field with no vm_area_desc
 * equivalent (only vm_start, vm_end, vm_mm, vm_pgoff, vm_flags,
 * vm_page_prot, vm_ops, vm_private_data and vm_file have one).
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct cow_dev {
	unsigned long nr_pages;
};

static const struct vm_operations_struct cow_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}needs_anon_vma.c:[[@LINE+1]]:12: note: ->mmap handler 'cow_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int cow_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cow_dev *cdev = file->private_data;

	/* A private mapping that already holds COW copies cannot be rebound. */
	if (!(vma->vm_flags & VM_SHARED) && vma->anon_vma)
		return -EBUSY;
	// CHECK-DAG: {{.*}}needs_anon_vma.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}} [mmap-migrate-needs-mapped]

	vma->vm_private_data = cdev;
	vma->vm_ops = &cow_vm_ops;
	return 0;
}

static const struct file_operations cow_fops = {
	.owner = THIS_MODULE,
	.mmap = cow_mmap,
	// CHECK-DAG: {{.*}}needs_anon_vma.c:[[@LINE-1]]:10: note: 'cow_fops' sets ->mmap to 'cow_mmap' [mmap-migrate-site]
};

int cow_register(void)
{
	return register_chrdev(0, "cow", &cow_fops);
}
