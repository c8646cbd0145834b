// SPDX-License-Identifier: GPL-2.0
/* On-chip SRAM window: maps the whole window with one PFN remap. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

#define SRAM_PHYS	0xfe000000UL
#define SRAM_SIZE	0x10000UL

static int sram_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;

	if (size > SRAM_SIZE)
		return -EINVAL;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);

	return remap_pfn_range(vma, vma->vm_start, SRAM_PHYS >> PAGE_SHIFT,
			       size, vma->vm_page_prot);
}

static const struct file_operations sram_fops = {
	.owner		= THIS_MODULE,
	.mmap		= sram_mmap,
};
