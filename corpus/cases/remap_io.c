/*
 * Construct: one io_remap_pfn_range() of a device BAR, page_prot made
 * uncached beforehand and passed as vma->vm_page_prot.
 * Expected: remap-pfn, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1 -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct mbox_dev {
	phys_addr_t bar_start;
	unsigned long bar_len;
};

// CHECK-DAG: {{.*}}remap_io.c:[[@LINE+1]]:12: note: ->mmap handler 'mbox_mmap' is remap-pfn, verdict convert [mmap-migrate-remap-pfn]
static int mbox_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mbox_dev *mbox = file->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff || len > mbox->bar_len)
		return -EINVAL;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return io_remap_pfn_range(vma, vma->vm_start, mbox->bar_start >> PAGE_SHIFT,
				  len, vma->vm_page_prot);
	// CHECK-DAG: {{.*}}remap_io.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}io_remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
}
// CHECK-FIXES: {{^}}static int mbox_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct mbox_dev *mbox = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	unsigned long len = desc->end - desc->start;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}	if (desc->pgoff || len > mbox->bar_len){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-NEXT: {{^}}	mmap_action_ioremap_full(desc, mbox->bar_start >> PAGE_SHIFT);{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_io.c:{{\[\[}}@LINE-2]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}io_remap_pfn_range{{\{\{}}.*}} [mmap-migrate-remap-pfn]{{$}}

static const struct file_operations mbox_fops = {
	.owner = THIS_MODULE,
	.mmap = mbox_mmap,
	// CHECK-DAG: {{.*}}remap_io.c:[[@LINE-1]]:10: note: 'mbox_fops' sets ->mmap to 'mbox_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}	.mmap_prepare = mbox_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_io.c:{{\[\[}}@LINE-1]]:10: note: 'mbox_fops' sets ->mmap to 'mbox_mmap' [mmap-migrate-site]{{$}}

int mbox_register(void)
{
	return register_chrdev(0, "mbox", &mbox_fops);
}
