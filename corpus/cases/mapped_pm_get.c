/*
 * Construct: a handler that powers its device up for the mapping, with
 * pm_runtime_get_noresume() on its own line and nothing after it that can
 * fail; its vm_operations (used by no one else) drop the reference in
 * ->close.
 * Expected: needs-mapped (prepare must not take the reference), verdict
 * convert under 7.1, the scan's default here. The 7.1 rewrite moves the call into a new
 * vm_ops->mapped callback, repeating the local it reads; the RFC profile
 * moves it into ->mmap_complete; profiles without such a hook leave it.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: mapped_pm_get.c:[[@LINE+40]]:12: note: 'dsp_mmap' becomes ->mmap_prepare (1 slot)
// RW-NEXT: note: pm_runtime_get_noresume() (line [[@LINE+48]]) now runs in dsp_mmap_mapped(), once the mapping exists
// RW-NOT: warning

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pm_runtime.h>

struct dsp_dev {
	struct device *dev;
	unsigned long sram_pages;
};

static void dsp_vm_close(struct vm_area_struct *vma)
{
	struct dsp_dev *dsp = vma->vm_private_data;

	pm_runtime_put(dsp->dev);
}

/* Mappings of the DSP's shared SRAM. */
static const struct vm_operations_struct dsp_vm_ops = {
	.close	= dsp_vm_close,
};
// CHECK-FIXES-V71: {{^}}static int dsp_mmap_mapped(unsigned long start, unsigned long end,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   pgoff_t pgoff, const struct file *file,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   void **vm_private_data){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	struct dsp_dev *dsp = file->private_data;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	pm_runtime_get_noresume(dsp->dev);{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}/* Mappings of the DSP's shared SRAM. */{{$}}
// CHECK-FIXES-V71: {{^}}	.mapped	= dsp_mmap_mapped,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}};{{$}}

static int dsp_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct dsp_dev *dsp = file->private_data;

	if (vma_pages(vma) > dsp->sram_pages)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	pm_runtime_get_noresume(dsp->dev);

	vma->vm_private_data = dsp;
	vma->vm_ops = &dsp_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int dsp_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct dsp_dev *dsp = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V71: {{^}}	if (vma_desc_pages(desc) > dsp->sram_pages){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > dsp->sram_pages){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71: {{^}}	if (!vma_desc_test(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC: {{^}}	if (!(desc->vm_flags & VM_SHARED)){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC: {{^}}	desc->private_data = dsp;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->vm_ops = &dsp_vm_ops;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-V71: {{^}}	desc->private_data = dsp;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	desc->vm_ops = &dsp_vm_ops;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC: {{^}}static int dsp_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}			     const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct dsp_dev *dsp = file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	pm_runtime_get_noresume(dsp->dev);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations dsp_fops = {
	.owner	= THIS_MODULE,
	.mmap	= dsp_mmap,
};
// CHECK-FIXES-V71: {{^}}	.mmap_prepare = dsp_mmap_prepare,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}};{{$}}
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare = dsp_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = dsp_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}};{{$}}

int dsp_register(void)
{
	return register_chrdev(0, "dsp", &dsp_fops);
}
