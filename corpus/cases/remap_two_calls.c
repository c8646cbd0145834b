/*
 * Construct: two straight-line remap_pfn_range() calls, a control page then
 * the data pages. Only a single remap can become an action.
 * Expected: remap-pfn, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct hwq {
	unsigned long ctrl_pfn;
	unsigned long data_pfn;
	unsigned long data_len;
};

// CHECK-DAG: {{.*}}remap_two_calls.c:[[@LINE+1]]:12: note: ->mmap handler 'hwq_mmap' is remap-pfn, verdict manual [mmap-migrate-remap-pfn]
static int hwq_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hwq *q = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;
	int ret;

	if (size <= PAGE_SIZE || size - PAGE_SIZE > q->data_len)
		return -EINVAL;

	ret = remap_pfn_range(vma, vma->vm_start, q->ctrl_pfn, PAGE_SIZE,
			      vma->vm_page_prot);
	// CHECK-DAG: {{.*}}remap_two_calls.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
	if (ret)
		return ret;

	return remap_pfn_range(vma, vma->vm_start + PAGE_SIZE, q->data_pfn,
			       size - PAGE_SIZE, vma->vm_page_prot);
	// CHECK-DAG: {{.*}}remap_two_calls.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
}

static const struct file_operations hwq_fops = {
	.owner = THIS_MODULE,
	.mmap = hwq_mmap,
	// CHECK-DAG: {{.*}}remap_two_calls.c:[[@LINE-1]]:10: note: 'hwq_fops' sets ->mmap to 'hwq_mmap' [mmap-migrate-site]
};

int hwq_register(void)
{
	return register_chrdev(0, "hwq", &hwq_fops);
}
