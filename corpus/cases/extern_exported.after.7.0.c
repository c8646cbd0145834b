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
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

int quotafs_file_mmap_prepare(struct vm_area_desc *desc);

static const struct vm_operations_struct quotafs_vm_ops;

/**
 * quotafs_file_mmap_prepare - map a quota file
 * @desc: the VMA descriptor
 *
 * Shared writable mappings would bypass the quota accounting.
 *
 * Return: 0 or a negative errno.
 */
int quotafs_file_mmap_prepare(struct vm_area_desc *desc)
{
	int ret;

	if (vma_desc_test_flags(desc, VMA_SHARED_BIT) && vma_desc_test_flags(desc, VMA_MAYWRITE_BIT))
		return -EPERM;

	ret = generic_file_mmap_prepare(desc);
	if (!ret)
		desc->vm_ops = &quotafs_vm_ops;
	return ret;
}
EXPORT_SYMBOL_GPL(quotafs_file_mmap_prepare);

const struct file_operations quotafs_file_operations = {
	.llseek		= noop_llseek,
	.mmap_prepare	= quotafs_file_mmap_prepare,
};
