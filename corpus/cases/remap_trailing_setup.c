/*
 * Construct: `if (remap_pfn_range(...)) return -EAGAIN;`, then vm_ops and
 * vm_private_data set, then `return 0;`. The remap neither reads nor
 * writes those fields, so the setup can run first, as upstream writes it.
 * Expected: remap-pfn, verdict convert. The setup moves to the descriptor
 * before the action (6.19+), which stays prepare's last step, with the
 * error hook keeping -EAGAIN; the RFC profile keeps the setup in prepare
 * and the remap in mmap_complete.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ringwin {
	unsigned long pfn;
	unsigned long size;
};

static const struct vm_operations_struct ringwin_vm_ops;

static int ringwin_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ringwin *rw = file->private_data;

	if (vma->vm_end - vma->vm_start > rw->size)
		return -EINVAL;
	if (remap_pfn_range(vma, vma->vm_start, rw->pfn,
			    vma->vm_end - vma->vm_start, vma->vm_page_prot))
		return -EAGAIN;
	vma->vm_ops = &ringwin_vm_ops;
	vma->vm_private_data = rw;
	return 0;
}
// CHECK-FIXES-V619-V70-V71: {{^}}/* A failed remap made ringwin_mmap() return -{{E}}AGAIN: keep that. */{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}static int ringwin_mmap_error(int err){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	return -EAGAIN;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}static int ringwin_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	struct ringwin *rw = desc->file->private_data;{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	if (desc->end - desc->start > rw->size){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	desc->vm_ops = &ringwin_vm_ops;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	desc->private_data = rw;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	mmap_action_remap_full(desc, rw->pfn);{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	desc->action.error_hook = ringwin_mmap_error;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC: {{^}}static int ringwin_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct ringwin *rw = desc->file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	if (desc->end - desc->start > rw->size){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->vm_ops = &ringwin_vm_ops;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->private_data = rw;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	remap_pfn_range_prepare(desc, rw->pfn);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int ringwin_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				 const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct ringwin *rw = file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	if (remap_pfn_range_complete(vma, vma->vm_start, rw->pfn,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				     vma->vm_end - vma->vm_start,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				     vma->vm_page_prot)){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EAGAIN;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}

static const struct file_operations ringwin_fops = {
	.owner = THIS_MODULE,
	.mmap = ringwin_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = ringwin_mmap_prepare,{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}};{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = ringwin_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}};{{$}}

int ringwin_register(void)
{
	return register_chrdev(0, "ringwin", &ringwin_fops);
}
