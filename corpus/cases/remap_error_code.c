/*
 * Construct: `if (remap_pfn_range(...)) return -EAGAIN;` before the final
 * `return 0;`, over the whole mapping, with the size in a local that only
 * the remap reads.
 * Expected: remap-pfn, verdict convert. The action's error hook (6.19+)
 * keeps -EAGAIN for a failed remap, through a new scratch_mmap_error(),
 * and the rewrite says so. The local goes with the size argument. The RFC
 * profile keeps -EAGAIN in mmap_complete.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %mmap-migrate rewrite --profile rfc-mmap-complete --verify-arg=-DMOCK_PROFILE_RFC_MMAP_COMPLETE --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RFC %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: remap_error_code.c:[[@LINE+15]]:12: note: 'scratch_mmap' becomes ->mmap_prepare (1 slot)
// RW-NEXT: remap_error_code.c:[[@LINE+14]]:12: note: if remap_pfn_range() fails, mmap() still returns -EAGAIN (line [[@LINE+23]]): the action's error hook scratch_mmap_error() keeps the old handler's code
// RFC: 'scratch_mmap' becomes ->mmap_prepare (1 slot)
// RFC-NOT: error hook

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct scratch_buf {
	struct page *first;
	unsigned long pages;
};

static int scratch_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct scratch_buf *buf = file->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff || vma_pages(vma) > buf->pages)
		return -EINVAL;

	vm_flags_set(vma, VM_DONTCOPY);
	if (remap_pfn_range(vma, vma->vm_start, page_to_pfn(buf->first), len,
			    vma->vm_page_prot))
		return -EAGAIN;

	return 0;
}
// CHECK-FIXES-V619-V70-V71: {{^}}/* A failed remap made scratch_mmap() return -{{E}}AGAIN: keep that. */{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}static int scratch_mmap_error(int err){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC: {{^}}static int scratch_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	return -EAGAIN;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}static int scratch_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	struct scratch_buf *buf = desc->file->private_data;{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-RFC: {{^}}	struct scratch_buf *buf = desc->file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-V619-V70-V71: {{^}}	if (desc->pgoff || vma_desc_pages(desc) > buf->pages){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC: {{^}}	if (desc->pgoff || ((desc->end - desc->start) >> PAGE_SHIFT) > buf->pages){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC: {{^}}	desc->vm_flags |= VM_DONTCOPY;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	remap_pfn_range_prepare(desc, page_to_pfn(buf->first));{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int scratch_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				 const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct scratch_buf *buf = file->private_data;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	unsigned long len = vma->vm_end - vma->vm_start;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	if (remap_pfn_range_complete(vma, vma->vm_start,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				     page_to_pfn(buf->first), len,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				     vma->vm_page_prot)){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EAGAIN;{{$}}
// CHECK-FIXES-V619: {{^}}	desc->vm_flags |= VM_DONTCOPY;{{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	mmap_action_remap_full(desc, page_to_pfn(buf->first));{{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	desc->action.error_hook = scratch_mmap_error;{{$}}
// CHECK-FIXES-V619-EMPTY:
// CHECK-FIXES-V70-V71: {{^}}	vma_desc_set_flags(desc, VMA_DONTCOPY_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	mmap_action_remap_full(desc, page_to_pfn(buf->first));{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	desc->action.error_hook = scratch_mmap_error;{{$}}
// CHECK-FIXES-V70-V71-EMPTY:

static const struct file_operations scratch_fops = {
	.owner		= THIS_MODULE,
	.mmap		= scratch_mmap,
	.llseek		= noop_llseek,
};
// CHECK-FIXES-V619-V70-V71: {{^}}	.mmap_prepare	= scratch_mmap_prepare,{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	.llseek		= noop_llseek,{{$}}
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare	= scratch_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete	= scratch_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.llseek		= noop_llseek,{{$}}

int scratch_register(void)
{
	return register_chrdev(0, "scratch", &scratch_fops);
}
