/*
 * Construct: a handler with findings of two kinds: a single convertible
 * remap_pfn_range() and an atomic_inc() that needs the mapping to exist.
 * The most restrictive finding wins; each finding keeps its own kind.
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct scope_dev {
	unsigned long buf_pfn;
	unsigned long buf_size;
	atomic_t mappers;
};

static void scope_vm_close(struct vm_area_struct *vma)
{
	struct scope_dev *sd = vma->vm_private_data;

	atomic_dec(&sd->mappers);
}

static const struct vm_operations_struct scope_vm_ops = {
	.close = scope_vm_close,
};

// CHECK-DAG: {{.*}}mixed_kinds.c:[[@LINE+1]]:12: note: ->mmap handler 'scope_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int scope_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct scope_dev *sd = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;
	int ret;

	if (vma->vm_pgoff || size > sd->buf_size)
		return -EINVAL;

	ret = remap_pfn_range(vma, vma->vm_start, sd->buf_pfn, size,
			      vma->vm_page_prot);
	// CHECK-DAG: {{.*}}mixed_kinds.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
	if (ret)
		return ret;

	/* Capture must not be reprogrammed while anyone maps the buffer. */
	atomic_inc(&sd->mappers);
	// CHECK-DAG: {{.*}}mixed_kinds.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}atomic_inc{{.*}} [mmap-migrate-needs-mapped]
	vma->vm_private_data = sd;
	vma->vm_ops = &scope_vm_ops;
	return 0;
}

static const struct file_operations scope_fops = {
	.owner = THIS_MODULE,
	.mmap = scope_mmap,
	// CHECK-DAG: {{.*}}mixed_kinds.c:[[@LINE-1]]:10: note: 'scope_fops' sets ->mmap to 'scope_mmap' [mmap-migrate-site]
};

int scope_register(void)
{
	return register_chrdev(0, "scope", &scope_fops);
}
