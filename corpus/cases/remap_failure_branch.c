/*
 * Construct: the final remap's failure branch logs before it returns. An
 * action fails after ->mmap_prepare has returned, so nothing would run the
 * message.
 * Expected: remap-pfn, verdict manual with the rewrite's refusal.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: remap_failure_branch.c:[[@LINE+15]]:12: warning: 'clkpage_mmap' not rewritten: remap_pfn_range() at line [[@LINE+23]] has a failure branch that does more than return an error: an mmap action's failure cannot run it [mmap-migrate-rewrite]
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>

struct clkpage {
	unsigned long pfn;
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

static const struct file_operations clkpage_fops = {
	.owner = THIS_MODULE,
	.mmap = clkpage_mmap,
};

int clkpage_register(void)
{
	return register_chrdev(0, "clkpage", &clkpage_fops);
}
