/*
 * Construct: a handler with external linkage, as filesystems share them
 * between fops: a prototype above (as a header would give it), an
 * EXPORT_SYMBOL_GPL() line, and a kernel-doc comment naming the function
 * and both parameters.
 * Expected: generic-wrapper, verdict convert. The rewrite renames the
 * prototype, the export and the kernel-doc summary, and turns the @file and
 * @vma lines into one @desc line.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

int quotafs_file_mmap(struct file *file, struct vm_area_struct *vma);
// CHECK-FIXES: {{^}}int quotafs_file_mmap_prepare(struct vm_area_desc *desc);{{$}}
// CHECK-FIXES-EMPTY:

static const struct vm_operations_struct quotafs_vm_ops;

/**
 * quotafs_file_mmap - map a quota file
 * @file: the file to map,
 *	opened read-only by the quota tools
 * @vma: the mapping being set up
 *
 * Shared writable mappings would bypass the quota accounting.
 *
 * Return: 0 or a negative errno.
 */
int quotafs_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	int ret;

	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
		return -EPERM;

	ret = generic_file_mmap(file, vma);
	if (!ret)
		vma->vm_ops = &quotafs_vm_ops;
	return ret;
}
// CHECK-FIXES: {{^}} * quotafs_file_mmap_prepare - map a quota file{{$}}
// CHECK-FIXES-NEXT: {{^}} * @desc: the VMA descriptor{{$}}
// CHECK-FIXES-NEXT: {{^}} *{{$}}
// CHECK-FIXES: {{^}}int quotafs_file_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if ((desc->vm_flags & VM_SHARED) && (desc->vm_flags & VM_MAYWRITE)){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V70: {{^}}	if (vma_desc_test_flags(desc, VMA_SHARED_BIT) && vma_desc_test_flags(desc, VMA_MAYWRITE_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V71: {{^}}	if (vma_desc_test(desc, VMA_SHARED_BIT) && vma_desc_test(desc, VMA_MAYWRITE_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES: {{^}}	ret = generic_file_mmap_prepare(desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (!ret){{$}}
// CHECK-FIXES: {{^}}		desc->vm_ops = &quotafs_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return ret;{{$}}
EXPORT_SYMBOL_GPL(quotafs_file_mmap);
// CHECK-FIXES: {{^}}EXPORT_SYMBOL_GPL(quotafs_file_mmap_prepare);{{$}}
// CHECK-FIXES-EMPTY:

const struct file_operations quotafs_file_operations = {
	.llseek		= noop_llseek,
	.mmap		= quotafs_file_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare	= quotafs_file_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
