/*
 * Construct: one remap_pfn_range() over the whole mapping, in the handler's
 * own body, with vma->vm_page_prot as the protection. Also checks the JSON
 * report.
 * Expected: remap-pfn, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=CHECK-JSON %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// CHECK-JSON-DAG: "sram_mmap"
// CHECK-JSON-DAG: "kind": "remap-pfn"
// CHECK-JSON-DAG: "verdict": "convert"

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct sram_region {
	phys_addr_t phys;
	unsigned long size;
};

// CHECK-DAG: {{.*}}remap_single.c:[[@LINE+1]]:12: note: ->mmap handler 'sram_mmap' is remap-pfn, verdict convert [mmap-migrate-remap-pfn]
static int sram_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct sram_region *sram = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;
	unsigned long off = vma->vm_pgoff << PAGE_SHIFT;

	if (off > sram->size || size > sram->size - off)
		return -EINVAL;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);

	return remap_pfn_range(vma, vma->vm_start,
			       (sram->phys >> PAGE_SHIFT) + vma->vm_pgoff,
			       size, vma->vm_page_prot);
	// CHECK-DAG: {{.*}}remap_single.c:[[@LINE-3]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
}
// CHECK-FIXES: {{^}}static int sram_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct sram_region *sram = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	unsigned long size = desc->end - desc->start;{{$}}
// CHECK-FIXES-NEXT: {{^}}	unsigned long off = desc->pgoff << PAGE_SHIFT;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V619-RFC: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-V619-RFC-NEXT: {{^}}	desc->vm_flags |= VM_IO | VM_DONTEXPAND | VM_DONTDUMP;{{$}}
// CHECK-FIXES-V619-RFC-EMPTY:
// CHECK-FIXES-V70-V71: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_set_flags(desc, VMA_IO_BIT, VMA_DONTEXPAND_BIT,{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}			   VMA_DONTDUMP_BIT);{{$}}
// CHECK-FIXES-V70-V71-EMPTY:
// CHECK-FIXES-V619-V70-V71: {{^}}	mmap_action_remap_full(desc, (sram->phys >> PAGE_SHIFT) + desc->pgoff);{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_single.c:{{\[\[}}@LINE-3]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}remap_pfn_range{{\{\{}}.*}} [mmap-migrate-remap-pfn]{{$}}
// CHECK-FIXES-RFC: {{^}}	remap_pfn_range_prepare(desc, (sram->phys >> PAGE_SHIFT) + desc->pgoff);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_single.c:{{\[\[}}@LINE-3]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}remap_pfn_range{{\{\{}}.*}} [mmap-migrate-remap-pfn]{{$}}

static const struct file_operations sram_fops = {
	.owner = THIS_MODULE,
	.mmap = sram_mmap,
	// CHECK-DAG: {{.*}}remap_single.c:[[@LINE-1]]:10: note: 'sram_fops' sets ->mmap to 'sram_mmap' [mmap-migrate-site]
	.llseek = noop_llseek,
};
// CHECK-FIXES-RFC: {{^}}static int sram_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}			      const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct sram_region *sram = file->private_data;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	unsigned long size = vma->vm_end - vma->vm_start;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	return remap_pfn_range_complete(vma, vma->vm_start,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}					(sram->phys >> PAGE_SHIFT) + vma->vm_pgoff,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}					size, vma->vm_page_prot);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static const struct file_operations sram_fops = {{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	.mmap_prepare = sram_mmap_prepare,{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_single.c:{{\[\[}}@LINE-1]]:10: note: 'sram_fops' sets ->mmap to 'sram_mmap' [mmap-migrate-site]{{$}}
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare = sram_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = sram_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_single.c:{{\[\[}}@LINE-1]]:10: note: 'sram_fops' sets ->mmap to 'sram_mmap' [mmap-migrate-site]{{$}}

int sram_register(void)
{
	return register_chrdev(0, "sram", &sram_fops);
}
