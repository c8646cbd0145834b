/*
 * Construct: an array of two file_operations, one per access mode; each
 * element sets its own ->mmap. Sites are named after the element.
 * Expected: two sites (win_fops[0], win_fops[1]); both handlers pure-setup,
 * verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 2 sites, 2 handlers, 2 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct memwin_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}trap_fops_array.c:[[@LINE+1]]:12: note: ->mmap handler 'memwin_ro_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int memwin_ro_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;

	vm_flags_clear(vma, VM_MAYWRITE);
	vma->vm_ops = &memwin_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int memwin_ro_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if (desc->vm_flags & VM_WRITE){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V70: {{^}}	if (vma_desc_test_flags(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V71: {{^}}	if (vma_desc_test(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	desc->vm_flags &= ~VM_MAYWRITE;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_ops = &memwin_vm_ops;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V70-V71: {{^}}	vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	desc->vm_ops = &memwin_vm_ops;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	return 0;{{$}}

// CHECK-DAG: {{.*}}trap_fops_array.c:[[@LINE+1]]:12: note: ->mmap handler 'memwin_rw_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int memwin_rw_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &memwin_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int memwin_rw_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	desc->vm_ops = &memwin_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations memwin_fops[2] = {
	{
		.owner = THIS_MODULE,
		.open = nonseekable_open,
		.mmap = memwin_ro_mmap,
		// CHECK-DAG: {{.*}}trap_fops_array.c:[[@LINE-1]]:11: note: 'memwin_fops[0]' sets ->mmap to 'memwin_ro_mmap' [mmap-migrate-site]
	},
	{
		.owner = THIS_MODULE,
		.open = nonseekable_open,
		.mmap = memwin_rw_mmap,
		// CHECK-DAG: {{.*}}trap_fops_array.c:[[@LINE-1]]:11: note: 'memwin_fops[1]' sets ->mmap to 'memwin_rw_mmap' [mmap-migrate-site]
	},
};
// CHECK-FIXES: {{^}}		.mmap_prepare = memwin_ro_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}		// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}trap_fops_array.c:{{\[\[}}@LINE-1]]:11: note: 'memwin_fops[0]' sets ->mmap to 'memwin_ro_mmap' [mmap-migrate-site]{{$}}
// CHECK-FIXES: {{^}}		.mmap_prepare = memwin_rw_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}		// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}trap_fops_array.c:{{\[\[}}@LINE-1]]:11: note: 'memwin_fops[1]' sets ->mmap to 'memwin_rw_mmap' [mmap-migrate-site]{{$}}

int memwin_register(bool writable)
{
	return register_chrdev(0, "memwin", &memwin_fops[writable ? 1 : 0]);
}
