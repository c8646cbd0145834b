/*
 * Construct: pure setup. pgoff and size checks, page_prot made uncached,
 * flags set, private data and vm_ops installed, file_accessed(). The fault
 * handler inserts PFNs, but it is not called from ->mmap and must not count.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-insert-pages]
// NEG-NOT: [mmap-migrate-remap-pfn]

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ring_dev {
	unsigned long nr_pages;
	unsigned long base_pfn;
};

static vm_fault_t ring_vm_fault(struct vm_fault *vmf)
{
	struct ring_dev *rdev = vmf->vma->vm_private_data;

	if (vmf->pgoff >= rdev->nr_pages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, vmf->address, rdev->base_pfn + vmf->pgoff);
}

static const struct vm_operations_struct ring_vm_ops = {
	.fault = ring_vm_fault,
};

// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE+1]]:12: note: ->mmap handler 'ring_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ring_dev *rdev = file->private_data;

	if (vma->vm_pgoff)
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:6: note: reads vma->vm_pgoff [mmap-migrate-pure-setup]
		return -EINVAL;
	if (vma_pages(vma) > rdev->nr_pages)
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:6: note: reads the mapping size with vma_pages() [mmap-migrate-pure-setup]
		return -EINVAL;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: sets vma->vm_page_prot [mmap-migrate-pure-setup]
	vm_flags_set(vma, VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: changes vma flags with vm_flags_set() [mmap-migrate-pure-setup]
	vma->vm_private_data = rdev;
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: sets vma->vm_private_data [mmap-migrate-pure-setup]
	vma->vm_ops = &ring_vm_ops;
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: sets vma->vm_ops [mmap-migrate-pure-setup]
	file_accessed(file);
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: marks the file accessed with file_accessed() [mmap-migrate-pure-setup]
	return 0;
}
// CHECK-FIXES: {{^}}static int ring_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct file *file = desc->file;{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct ring_dev *rdev = file->private_data;{{$}}
// CHECK-FIXES: {{^}}	if (desc->pgoff){{$}}
// CHECK-FIXES-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:6: note: reads vma->vm_pgoff [mmap-migrate-pure-setup]{{$}}
// CHECK-FIXES-V617-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > rdev->nr_pages){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:6: note: reads the mapping size with vma_pages() [mmap-migrate-pure-setup]{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (vma_desc_pages(desc) > rdev->nr_pages){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:6: note: reads the mapping size with vma_pages() [mmap-migrate-pure-setup]{{$}}
// CHECK-FIXES: {{^}}	desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:2: note: sets vma->vm_page_prot [mmap-migrate-pure-setup]{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	desc->vm_flags |= VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:2: note: changes vma flags with vm_flags_set() [mmap-migrate-pure-setup]{{$}}
// CHECK-FIXES-V70-V71: {{^}}	vma_desc_set_flags(desc, VMA_PFNMAP_BIT, VMA_DONTEXPAND_BIT,{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}			   VMA_DONTDUMP_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:2: note: changes vma flags with vm_flags_set() [mmap-migrate-pure-setup]{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = rdev;{{$}}
// CHECK-FIXES-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:2: note: sets vma->vm_private_data [mmap-migrate-pure-setup]{{$}}
// CHECK-FIXES: {{^}}	desc->vm_ops = &ring_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:2: note: sets vma->vm_ops [mmap-migrate-pure-setup]{{$}}


static const struct file_operations ring_fops = {
	.owner = THIS_MODULE,
	.mmap = ring_mmap,
	// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:10: note: 'ring_fops' sets ->mmap to 'ring_mmap' [mmap-migrate-site]
	.llseek = noop_llseek,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = ring_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup.c:{{\[\[}}@LINE-1]]:10: note: 'ring_fops' sets ->mmap to 'ring_mmap' [mmap-migrate-site]{{$}}

int ring_register(void)
{
	return register_chrdev(0, "ring", &ring_fops);
}
