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

static int regwin_mmap_prepare(struct vm_area_desc *desc)
{
	struct regwin *rw = desc->file->private_data;
	unsigned long pfn;

	if (desc->pgoff >= rw->nr_windows)
		return -EINVAL;
	if (!vma_desc_test_flags(desc, VMA_SHARED_BIT))
		return -EINVAL;

	pfn = (rw->base >> PAGE_SHIFT) + desc->pgoff;
	desc->page_prot = pgprot_noncached(desc->page_prot);
	vma_desc_set_flags(desc, VMA_IO_BIT, VMA_DONTEXPAND_BIT);
	mmap_action_ioremap(desc, desc->start, pfn, PAGE_SIZE);
	return 0;
}

static const struct file_operations regwin_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = regwin_mmap_prepare,
};

int regwin_register(void)
{
	return register_chrdev(0, "regwin", &regwin_fops);
}
