/*
 * Construct: one vm_iomap_memory() call mapping a doorbell page.
 * Expected: remap-pfn, verdict convert (7.1: mmap_action_simple_ioremap()).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=7.1 -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct doorbell_page {
	phys_addr_t phys;
};

// CHECK-DAG: {{.*}}remap_iomap_memory.c:[[@LINE+1]]:12: note: ->mmap handler 'doorbell_mmap' is remap-pfn, verdict convert [mmap-migrate-remap-pfn]
static int doorbell_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct doorbell_page *db = file->private_data;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return vm_iomap_memory(vma, db->phys, PAGE_SIZE);
	// CHECK-DAG: {{.*}}remap_iomap_memory.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}vm_iomap_memory{{.*}} [mmap-migrate-remap-pfn]
}
// CHECK-FIXES: {{^}}static int doorbell_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct doorbell_page *db = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-NEXT: {{^}}	mmap_action_simple_ioremap(desc, db->phys, PAGE_SIZE);{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_iomap_memory.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}vm_iomap_memory{{\{\{}}.*}} [mmap-migrate-remap-pfn]{{$}}

static const struct file_operations doorbell_fops = {
	.owner = THIS_MODULE,
	.mmap = doorbell_mmap,
	// CHECK-DAG: {{.*}}remap_iomap_memory.c:[[@LINE-1]]:10: note: 'doorbell_fops' sets ->mmap to 'doorbell_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}	.mmap_prepare = doorbell_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}remap_iomap_memory.c:{{\[\[}}@LINE-1]]:10: note: 'doorbell_fops' sets ->mmap to 'doorbell_mmap' [mmap-migrate-site]{{$}}

int doorbell_register(void)
{
	return register_chrdev(0, "doorbell", &doorbell_fops);
}
