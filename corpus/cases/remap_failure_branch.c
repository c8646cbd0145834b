/*
 * Construct: the final remap's failure branch logs a constant message
 * before it returns (uv_mmtimer's shape). An action fails after
 * ->mmap_prepare has returned, so the message goes, with the error code,
 * into the action's error hook, which runs exactly then.
 * Control: a failure branch whose message prints a field of a local
 * (the hook sees only the error) stays refused, and the profiles without
 * an error hook (and the RFC's mmap_complete, not written for it) refuse.
 * Expected: remap-pfn; the first converts under 6.19, 7.0 and 7.1 with the
 * message in its hook, the control is manual with the rewrite's refusal.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1 -- -nostdinc -I%inc
// CHECK: summary: 2 sites, 2 handlers, 1 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: remap_failure_branch.c:[[@LINE+53]]:12: warning: 'clkpage_ro_mmap' not rewritten: remap_pfn_range() at line [[@LINE+60]] has a failure branch that does more than log a constant message and return an error: an mmap action's error hook sees only the error [mmap-migrate-rewrite]

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>

struct clkpage {
	unsigned long pfn;
	const char *name;
};

static struct clkpage clkpage_dev;

static int clkpage_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	if (remap_pfn_range(vma, vma->vm_start, clkpage_dev.pfn, PAGE_SIZE,
			    vma->vm_page_prot)) {
		pr_err("clkpage: remap failed\n");
		return -EAGAIN;
	}

	return 0;
}
// CHECK-FIXES: {{^}}/* A failed remap made clkpage_mmap() log and return -EAGAIN: keep that. */{{$}}
// CHECK-FIXES-NEXT: {{^}}static int clkpage_mmap_error(int err){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	pr_err("clkpage: remap failed\n");{{$}}
// CHECK-FIXES-NEXT: {{^}}	return -EAGAIN;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}static int clkpage_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (desc->end - desc->start != PAGE_SIZE){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	if (vma_desc_test(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}	if (vma_desc_test_flags(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V619-NEXT: {{^}}	if (desc->vm_flags & VM_WRITE){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-NEXT: {{^}}	mmap_action_remap(desc, desc->start, clkpage_dev.pfn, PAGE_SIZE);{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->action.error_hook = clkpage_mmap_error;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static int clkpage_ro_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct clkpage *dev = file->private_data;

	if (vma->vm_flags & VM_WRITE)
		return -EPERM;

	if (remap_pfn_range(vma, vma->vm_start, dev->pfn, PAGE_SIZE,
			    vma->vm_page_prot)) {
		pr_err("%s: remap failed\n", dev->name);
		return -EAGAIN;
	}

	return 0;
}

static const struct file_operations clkpage_ro_fops = {
	.owner = THIS_MODULE,
	.mmap = clkpage_ro_mmap,
};

static const struct file_operations clkpage_fops = {
	.owner = THIS_MODULE,
	.mmap = clkpage_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = clkpage_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int clkpage_register(void)
{
	return register_chrdev(0, "clkpage", &clkpage_fops) ?:
	       register_chrdev(0, "clkpage-ro", &clkpage_ro_fops);
}
