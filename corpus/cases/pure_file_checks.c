/*
 * Construct: file-level revalidation before the mapping: the open mode,
 * the inode's size through file_inode() and i_size_read(), and a
 * capability check.
 * Expected: pure-setup, verdict convert (each call is known to read only).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// JSON: "rule": "known-reads"

#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

// CHECK-DAG: {{.*}}pure_file_checks.c:[[@LINE+1]]:12: note: ->mmap handler 'blob_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int blob_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct inode *inode = file_inode(file);
	loff_t size = i_size_read(inode);

	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (size < (loff_t)(vma->vm_pgoff + vma_pages(vma)) * 4096)
		return -EINVAL;
	if ((vma->vm_flags & VM_WRITE) && !capable(CAP_SYS_RAWIO))
		return -EPERM;

	vma->vm_private_data = inode;
	return 0;
}
// CHECK-FIXES: {{^}}static int blob_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct file *file = desc->file;{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct inode *inode = file_inode(file);{{$}}
// CHECK-FIXES-V617-RFC: {{^}}	if (size < (loff_t)(desc->pgoff + ((desc->end - desc->start) >> PAGE_SHIFT)) * 4096){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (size < (loff_t)(desc->pgoff + vma_desc_pages(desc)) * 4096){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if ((desc->vm_flags & VM_WRITE) && !capable(CAP_SYS_RAWIO)){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V70: {{^}}	if (vma_desc_test_flags(desc, VMA_WRITE_BIT) && !capable(CAP_SYS_RAWIO)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V71: {{^}}	if (vma_desc_test(desc, VMA_WRITE_BIT) && !capable(CAP_SYS_RAWIO)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = inode;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations blob_fops = {
	.owner = THIS_MODULE,
	.mmap = blob_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = blob_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int blob_register(void)
{
	return register_chrdev(0, "blob", &blob_fops);
}
