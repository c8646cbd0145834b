/*
 * Construct: the single remap_pfn_range() sits in a static helper that the
 * handler calls. The helper is followed (its finding is reported at the
 * helper's line) but the call is not in the handler's own body.
 * Expected: remap-pfn, verdict manual; the helper is not a handler itself.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: note: ->mmap handler 'regs_map_window'

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct regs_dev {
	unsigned long pfn;
	unsigned long nr_pages;
};

static int regs_map_window(struct vm_area_struct *vma, unsigned long pfn)
{
	unsigned long size = vma->vm_end - vma->vm_start;

	return remap_pfn_range(vma, vma->vm_start, pfn, size, vma->vm_page_prot);
	// CHECK-DAG: {{.*}}remap_helper.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
}

// CHECK-DAG: {{.*}}remap_helper.c:[[@LINE+1]]:12: note: ->mmap handler 'regs_mmap' is remap-pfn, verdict manual [mmap-migrate-remap-pfn]
static int regs_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct regs_dev *rd = file->private_data;

	if (vma->vm_pgoff + vma_pages(vma) > rd->nr_pages)
		return -EINVAL;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return regs_map_window(vma, rd->pfn + vma->vm_pgoff);
}

static const struct file_operations regs_fops = {
	.owner = THIS_MODULE,
	.mmap = regs_mmap,
	// CHECK-DAG: {{.*}}remap_helper.c:[[@LINE-1]]:10: note: 'regs_fops' sets ->mmap to 'regs_mmap' [mmap-migrate-site]
};

int regs_register(void)
{
	return register_chrdev(0, "regs", &regs_fops);
}
