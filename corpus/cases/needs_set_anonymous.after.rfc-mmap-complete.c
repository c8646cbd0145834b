/*
 * Construct: vma_set_anonymous() turning private mappings into plain
 * anonymous memory. It assumes the VMA exists.
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

// CHECK-DAG: {{.*}}needs_set_anonymous.c:[[@LINE+1]]:12: note: ->mmap handler 'scratch_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int scratch_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->vm_flags & VM_SHARED)
		return -EINVAL;

	// CHECK-DAG: {{.*}}needs_set_anonymous.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}vma_set_anonymous{{.*}} [mmap-migrate-needs-mapped]
	return 0;
}

static int scratch_mmap_complete(struct file *file, struct vm_area_struct *vma,
				 const void *context)
{
	vma_set_anonymous(vma);
	return 0;
}

static const struct file_operations scratch_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = scratch_mmap_prepare,
	.mmap_complete = scratch_mmap_complete,
	// CHECK-DAG: {{.*}}needs_set_anonymous.c:[[@LINE-1]]:10: note: 'scratch_fops' sets ->mmap to 'scratch_mmap' [mmap-migrate-site]
};

int scratch_register(void)
{
	return register_chrdev(0, "scratch", &scratch_fops);
}
