/*
 * Construct: io_remap_pfn_range() of one page at the start of the mapping
 * (not all of it), with a PFN computed in a local after the checks.
 * Expected: remap-pfn, verdict convert. 6.19+ use the ranged ioremap
 * action; the RFC profile has no split for io_remap_pfn_range() and 6.17
 * has no actions, so both leave it alone.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile rfc-mmap-complete --verify-arg=-DMOCK_PROFILE_RFC_MMAP_COMPLETE --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RFC %s
// RUN: %mmap-migrate rewrite --profile 6.17 --verify-arg=-DMOCK_PROFILE_6_17 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=OLD %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1 -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RFC: warning: 'regwin_mmap' not rewritten: profile rfc-mmap-complete splits only remap_pfn_range() between prepare and mmap_complete, not io_remap_pfn_range() (line [[@LINE+26]])
// OLD: warning: 'regwin_mmap' not rewritten: profile 6.17 has no mmap actions: io_remap_pfn_range() at line [[@LINE+25]] has to stay in ->mmap

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct regwin {
	phys_addr_t base;
	unsigned int nr_windows;
};

static int regwin_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct regwin *rw = file->private_data;
	unsigned long pfn;

	if (vma->vm_pgoff >= rw->nr_windows)
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	pfn = (rw->base >> PAGE_SHIFT) + vma->vm_pgoff;
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND);
	return io_remap_pfn_range(vma, vma->vm_start, pfn, PAGE_SIZE,
				  vma->vm_page_prot);
}
// CHECK-FIXES: {{^}}static int regwin_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct regwin *rw = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	unsigned long pfn;{{$}}
// CHECK-FIXES: {{^}}	if (desc->pgoff >= rw->nr_windows){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619: {{^}}	if (!(desc->vm_flags & VM_SHARED)){{$}}
// CHECK-FIXES-V619-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V70: {{^}}	if (!vma_desc_test_flags(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71: {{^}}	if (!vma_desc_test(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619: {{^}}	pfn = (rw->base >> PAGE_SHIFT) + desc->pgoff;{{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	desc->vm_flags |= VM_IO | VM_DONTEXPAND;{{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	mmap_action_ioremap(desc, desc->start, pfn, PAGE_SIZE);{{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V619-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V70-V71: {{^}}	pfn = (rw->base >> PAGE_SHIFT) + desc->pgoff;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_set_flags(desc, VMA_IO_BIT, VMA_DONTEXPAND_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	mmap_action_ioremap(desc, desc->start, pfn, PAGE_SIZE);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}}{{$}}

static const struct file_operations regwin_fops = {
	.owner = THIS_MODULE,
	.mmap = regwin_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = regwin_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int regwin_register(void)
{
	return register_chrdev(0, "regwin", &regwin_fops);
}
