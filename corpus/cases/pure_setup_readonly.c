/*
 * Construct: pure setup for a read-only status page: size check, refuse
 * writable mappings, clear VM_MAYWRITE, set VM_DONTEXPAND, install vm_ops.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static void *stat_page;

static vm_fault_t stat_page_fault(struct vm_fault *vmf)
{
	struct page *page = virt_to_page(stat_page);

	get_page(page);
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct stat_page_vm_ops = {
	.fault = stat_page_fault,
};

// CHECK-DAG: {{.*}}pure_setup_readonly.c:[[@LINE+1]]:12: note: ->mmap handler 'stat_page_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int stat_page_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;

	/* mprotect() must not be able to make it writable later. */
	vm_flags_clear(vma, VM_MAYWRITE);
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &stat_page_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int stat_page_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	if (desc->end - desc->start != PAGE_SIZE){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if (desc->vm_flags & VM_WRITE){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V70: {{^}}	if (vma_desc_test_flags(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V71: {{^}}	if (vma_desc_test(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	desc->vm_flags &= ~VM_MAYWRITE;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_flags |= VM_DONTEXPAND;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_ops = &stat_page_vm_ops;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V70-V71: {{^}}	vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	desc->vm_ops = &stat_page_vm_ops;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations stat_page_fops = {
	.owner = THIS_MODULE,
	.mmap = stat_page_mmap,
	// CHECK-DAG: {{.*}}pure_setup_readonly.c:[[@LINE-1]]:10: note: 'stat_page_fops' sets ->mmap to 'stat_page_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}	.mmap_prepare = stat_page_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}pure_setup_readonly.c:{{\[\[}}@LINE-1]]:10: note: 'stat_page_fops' sets ->mmap to 'stat_page_mmap' [mmap-migrate-site]{{$}}

static struct miscdevice stat_page_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "statpage",
	.fops = &stat_page_fops,
};

int stat_page_register(void)
{
	return misc_register(&stat_page_misc);
}
