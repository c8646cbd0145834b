/*
 * Construct: one remap_pfn_range() over the whole mapping, in the handler's
 * own body, with vma->vm_page_prot as the protection. Also checks the JSON
 * report.
 * Expected: remap-pfn, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=CHECK-JSON %s
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
static int sram_mmap_prepare(struct vm_area_desc *desc)
{
	struct sram_region *sram = desc->file->private_data;
	unsigned long size = desc->end - desc->start;
	unsigned long off = desc->pgoff << PAGE_SHIFT;

	if (off > sram->size || size > sram->size - off)
		return -EINVAL;

	desc->page_prot = pgprot_noncached(desc->page_prot);
	vma_desc_set_flags(desc, VMA_IO_BIT, VMA_DONTEXPAND_BIT,
			   VMA_DONTDUMP_BIT);

	mmap_action_remap_full(desc, (sram->phys >> PAGE_SHIFT) + desc->pgoff);
	return 0;
	// CHECK-DAG: {{.*}}remap_single.c:[[@LINE-3]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
}

static const struct file_operations sram_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = sram_mmap_prepare,
	// CHECK-DAG: {{.*}}remap_single.c:[[@LINE-1]]:10: note: 'sram_fops' sets ->mmap to 'sram_mmap' [mmap-migrate-site]
	.llseek = noop_llseek,
};

int sram_register(void)
{
	return register_chrdev(0, "sram", &sram_fops);
}
