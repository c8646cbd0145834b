/*
 * Construct: the remap maps with a local copy of vma->vm_page_prot made
 * uncached (aspeed's shape): declared with the copy, or declared first and
 * copied later; the step may be a macro (pgprot_device here, as the
 * kernel's fallback defines it). An action maps with desc->page_prot, so
 * the step moves onto the descriptor and the local goes. Nothing else reads
 * the vma's protection and no vm_ops are set, so only the recorded
 * protection changes, to the one the pages are mapped with.
 * Both refuse private mappings first: a writable private mapping maps its
 * copy-on-write pages with vm_page_prot, which the fold would make uncached.
 * Controls: the local read once more (a test of its value), a handler that
 * sets vm_ops (whose faults would map with the folded protection), and one
 * that takes private mappings: all manual, with the line that blocks.
 * Expected: remap-pfn; the first two convert under the action profiles,
 * with a note for the patch (under the RFC profile the second keeps its
 * later-assigned size, which mmap_complete cannot recompute); the controls
 * stay manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc -DMOCK_PROFILE_7_1 2>&1 >/dev/null | FileCheck --check-prefix=NOTE %s
// CHECK: summary: 5 sites, 5 handlers, 2 convert, 3 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NOTE: remap_prot_local.c:[[@LINE+16]]:12: note: the remap used a local copy of the vma's protection made with pgprot_noncached(); that is now made on desc->page_prot, so the mapping also records the protection its pages are mapped with (it refuses private mappings and sets no vm_ops: nothing else maps with it)

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

#ifndef pgprot_device
#define pgprot_device(prot) pgprot_noncached(prot)
#endif

struct bridge_dev {
	unsigned long mem_base;
	unsigned long mem_size;
};

static int bridge_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct bridge_dev *dev = file->private_data;
	unsigned long vsize = vma->vm_end - vma->vm_start;
	pgprot_t prot = vma->vm_page_prot;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (vma->vm_pgoff + vma_pages(vma) > dev->mem_size >> PAGE_SHIFT)
		return -EINVAL;

	/* The bus is not cache coherent. */
	prot = pgprot_noncached(prot);

	if (remap_pfn_range(vma, vma->vm_start,
			    (dev->mem_base >> PAGE_SHIFT) + vma->vm_pgoff,
			    vsize, prot))
		return -EAGAIN;

	return 0;
}
// CHECK-FIXES-V619-V70-V71: {{^}}/* A failed remap made bridge_mmap() return -EAGAIN: keep that. */{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}static int bridge_mmap_error(int err){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	return -EAGAIN;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES: {{^}}static int bridge_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct bridge_dev *dev = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	if (!vma_desc_test(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}	if (!vma_desc_test_flags(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V619-RFC-NEXT: {{^}}	if (!(desc->vm_flags & VM_SHARED)){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	if (desc->pgoff + vma_desc_pages(desc) > dev->mem_size >> PAGE_SHIFT){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	if (desc->pgoff + ((desc->end - desc->start) >> PAGE_SHIFT) > dev->mem_size >> PAGE_SHIFT){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	/* The bus is not cache coherent. */{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	mmap_action_remap_full(desc,{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}			       (dev->mem_base >> PAGE_SHIFT) + desc->pgoff);{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	desc->action.error_hook = bridge_mmap_error;{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	remap_pfn_range_prepare(desc,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				(dev->mem_base >> PAGE_SHIFT) + desc->pgoff);{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int bridge_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct bridge_dev *dev = file->private_data;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	unsigned long vsize = vma->vm_end - vma->vm_start;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	if (remap_pfn_range_complete(vma, vma->vm_start,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				     (dev->mem_base >> PAGE_SHIFT) + vma->vm_pgoff,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}				     vsize, vma->vm_page_prot)){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EAGAIN;{{$}}

static int bridge_ctl_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct bridge_dev *dev = file->private_data;
	unsigned long vsize;
	pgprot_t prot;

	if (!dev->mem_size || !(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (!(vma->vm_flags & VM_SHARED))
		return -EACCES;

	vsize = vma->vm_end - vma->vm_start;
	prot = vma->vm_page_prot;

	if (vma->vm_pgoff + vma_pages(vma) > dev->mem_size >> PAGE_SHIFT)
		return -EINVAL;

	prot = pgprot_device(prot);

	return remap_pfn_range(vma, vma->vm_start,
			       (dev->mem_base >> PAGE_SHIFT) + vma->vm_pgoff,
			       vsize, prot);
}
// CHECK-FIXES-V619-V70-V71: {{^}}static int bridge_ctl_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	struct bridge_dev *dev = desc->file->private_data;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	unsigned long vsize;{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-V71: {{^}}	if (!dev->mem_size || !vma_desc_test(desc, VMA_MAYSHARE_BIT)){{$}}
// CHECK-FIXES-V70: {{^}}	if (!dev->mem_size || !vma_desc_test_flags(desc, VMA_MAYSHARE_BIT)){{$}}
// CHECK-FIXES-V619: {{^}}	if (!dev->mem_size || !(desc->vm_flags & VM_MAYSHARE)){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	if (!vma_desc_test(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}	if (!vma_desc_test_flags(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	if (!(desc->vm_flags & VM_SHARED)){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EACCES;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	vsize = desc->end - desc->start;{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-V619-V70-V71: {{^}}	desc->page_prot = pgprot_device(desc->page_prot);{{$}}
// CHECK-FIXES-V619-V70-V71-EMPTY:
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	mmap_action_remap(desc, desc->start,{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}			  (dev->mem_base >> PAGE_SHIFT) + desc->pgoff, vsize);{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}}{{$}}

// CHECK-DAG: remap_prot_local.c:[[@LINE+1]]:12: note: left for a human: the remap's protection 'prot' is used other than to adjust the copy and map it (line [[@LINE+7]]) [mmap-migrate-verdict]
static int bridge_ro_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct bridge_dev *dev = file->private_data;
	pgprot_t prot = vma->vm_page_prot;

	prot = pgprot_writecombine(prot);
	if (prot.pgprot == vma->vm_page_prot.pgprot)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, dev->mem_base >> PAGE_SHIFT,
			       vma->vm_end - vma->vm_start, prot);
}

static const struct vm_operations_struct bridge_vm_ops;

// CHECK-DAG: remap_prot_local.c:[[@LINE+1]]:12: note: left for a human: the remap's protection 'prot' would also become the protection of the faults of the vm_ops set (line [[@LINE+9]]) [mmap-migrate-verdict]
static int bridge_wc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct bridge_dev *dev = file->private_data;
	pgprot_t prot = vma->vm_page_prot;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	prot = pgprot_writecombine(prot);
	vma->vm_ops = &bridge_vm_ops;
	return remap_pfn_range(vma, vma->vm_start, dev->mem_base >> PAGE_SHIFT,
			       vma->vm_end - vma->vm_start, prot);
}

// CHECK-DAG: remap_prot_local.c:[[@LINE+1]]:12: note: left for a human: the remap's protection 'prot' is a copy, and the handler does not refuse private mappings, whose copy-on-write pages the fold would map with it too (line [[@LINE+8]]) [mmap-migrate-verdict]
static int bridge_priv_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct bridge_dev *dev = file->private_data;
	pgprot_t prot = vma->vm_page_prot;

	prot = pgprot_noncached(prot);
	return remap_pfn_range(vma, vma->vm_start, dev->mem_base >> PAGE_SHIFT,
			       vma->vm_end - vma->vm_start, prot);
}

static const struct file_operations bridge_priv_fops = {
	.owner = THIS_MODULE,
	.mmap = bridge_priv_mmap,
};

static const struct file_operations bridge_fops = {
	.owner = THIS_MODULE,
	.mmap = bridge_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = bridge_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = bridge_mmap_complete,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

static const struct file_operations bridge_ctl_fops = {
	.owner = THIS_MODULE,
	.mmap = bridge_ctl_mmap,
};
// CHECK-FIXES-V619-V70-V71: {{^}}	.mmap_prepare = bridge_ctl_mmap_prepare,{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}};{{$}}

static const struct file_operations bridge_ro_fops = {
	.owner = THIS_MODULE,
	.mmap = bridge_ro_mmap,
};

static const struct file_operations bridge_wc_fops = {
	.owner = THIS_MODULE,
	.mmap = bridge_wc_mmap,
};

int bridge_register(void)
{
	return register_chrdev(0, "bridge", &bridge_fops) ?:
	       register_chrdev(0, "bridge-ctl", &bridge_ctl_fops) ?:
	       register_chrdev(0, "bridge-ro", &bridge_ro_fops) ?:
	       register_chrdev(0, "bridge-wc", &bridge_wc_fops) ?:
	       register_chrdev(0, "bridge-priv", &bridge_priv_fops);
}
