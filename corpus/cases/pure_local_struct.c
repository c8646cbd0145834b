/*
 * Construct: the handler fills a struct on its own stack (field stores,
 * a compound assignment, an increment in a loop) before it decides.
 * Expected: pure-setup, verdict convert: every store lands in a local.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct dsc_dev {
	unsigned long bank_pages[4];
};

struct dsc_span {
	unsigned long first;
	unsigned long pages;
};

// CHECK-DAG: {{.*}}pure_local_struct.c:[[@LINE+1]]:12: note: ->mmap handler 'dsc_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int dsc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct dsc_dev *dsc = file->private_data;
	struct dsc_span span;
	int i;

	span.first = vma->vm_pgoff;
	span.pages = 0;
	for (i = 0; i < 4; i++)
		span.pages += dsc->bank_pages[i];

	if (span.first + vma_pages(vma) > span.pages)
		return -EINVAL;

	vma->vm_private_data = dsc;
	return 0;
}
// CHECK-FIXES: {{^}}static int dsc_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct dsc_dev *dsc = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct dsc_span span;{{$}}
// CHECK-FIXES: {{^}}	span.first = desc->pgoff;{{$}}
// CHECK-FIXES-NEXT: {{^}}	span.pages = 0;{{$}}
// CHECK-FIXES-V617-RFC: {{^}}	if (span.first + ((desc->end - desc->start) >> PAGE_SHIFT) > span.pages){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (span.first + vma_desc_pages(desc) > span.pages){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = dsc;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations dsc_fops = {
	.owner = THIS_MODULE,
	.mmap = dsc_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = dsc_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int dsc_register(void)
{
	return register_chrdev(0, "dsc", &dsc_fops);
}
