/*
 * Construct: a whole-mapping remap whose PFN comes from a local assigned
 * after its declaration. mmap_complete (RFC) sees only the file and the
 * vma, so it could not recompute the PFN; the merged profiles record it in
 * the action at prepare time.
 * Expected: remap-pfn, verdict convert; rewritten for 6.19+, refused for
 * the RFC profile with the local named.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile rfc-mmap-complete --verify-arg=-DMOCK_PROFILE_RFC_MMAP_COMPLETE --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RFC %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1 -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RFC: warning: 'ring_mmap' not rewritten: remap_pfn_range() at line [[@LINE+28]] uses 'pfn', which mmap_complete cannot recompute from the file and the vma

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ring {
	struct page *pages[4];
	unsigned int nr;
};

static unsigned int ring_pick(const struct ring *r, unsigned long pgoff)
{
	return r->nr ? pgoff % r->nr : 0;
}

static int ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ring *r = file->private_data;
	unsigned long pfn;
	unsigned int idx;

	idx = ring_pick(r, vma->vm_pgoff);
	if (idx >= r->nr)
		return -EINVAL;

	pfn = page_to_pfn(r->pages[idx]);
	return remap_pfn_range(vma, vma->vm_start, pfn,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}
// CHECK-FIXES: {{^}}static int ring_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct ring *r = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	unsigned long pfn;{{$}}
// CHECK-FIXES: {{^}}	idx = ring_pick(r, desc->pgoff);{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (idx >= r->nr){{$}}
// CHECK-FIXES: {{^}}	mmap_action_remap_full(desc, pfn);{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

static const struct file_operations ring_fops = {
	.owner = THIS_MODULE,
	.mmap = ring_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = ring_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int ring_register(void)
{
	return register_chrdev(0, "ring", &ring_fops);
}
