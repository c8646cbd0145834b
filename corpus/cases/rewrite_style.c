/*
 * Construct: pure setup written the way real drivers write it: a comment
 * before the first statement, the file used twice, a flag list that spans
 * two lines, and flag tests combined with && and !, compared with 0 and
 * stored in a bool. The rewrite must keep
 * the file's style: the local for the file goes first, long flag lists are
 * wrapped at 80 columns aligned with the open parenthesis, and tests lose
 * the parentheses only the bitwise form needed.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct hvbuf {
	unsigned long nr_pages;
	bool read_only;
};

static const struct vm_operations_struct hvbuf_vm_ops;

// CHECK-DAG: {{.*}}rewrite_style.c:[[@LINE+1]]:12: note: ->mmap handler 'hvbuf_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int hvbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	bool writable = false;

	/*
	 * Shared writable mappings of a read-only buffer would let user
	 * space scribble on the hypervisor's copy.
	 */
	if (((struct hvbuf *)file->private_data)->read_only &&
	    (vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE))
		return -EACCES;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if ((vma->vm_flags & (VM_EXEC | VM_MAYEXEC)) != 0)
		return -EPERM;
	if ((vma->vm_flags & VM_IO) == 0)
		writable = vma->vm_flags & VM_WRITE;

	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTCOPY |
			  VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_private_data = writable ? file->private_data : NULL;
	vma->vm_ops = &hvbuf_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int hvbuf_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct file *file = desc->file;{{$}}
// CHECK-FIXES-NEXT: {{^}}	bool writable = false;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	    (desc->vm_flags & VM_SHARED) && (desc->vm_flags & VM_MAYWRITE)){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EACCES;{{$}}
// CHECK-FIXES-V70: {{^}}	    vma_desc_test_flags(desc, VMA_SHARED_BIT) && vma_desc_test_flags(desc, VMA_MAYWRITE_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EACCES;{{$}}
// CHECK-FIXES-V71: {{^}}	    vma_desc_test(desc, VMA_SHARED_BIT) && vma_desc_test(desc, VMA_MAYWRITE_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EACCES;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if (!(desc->vm_flags & VM_SHARED)){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V70: {{^}}	if (!vma_desc_test_flags(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71: {{^}}	if (!vma_desc_test(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if ((desc->vm_flags & (VM_EXEC | VM_MAYEXEC)) != 0){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V70: {{^}}	if (vma_desc_test_flags(desc, VMA_EXEC_BIT, VMA_MAYEXEC_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V71: {{^}}	if (vma_desc_test_any(desc, VMA_EXEC_BIT, VMA_MAYEXEC_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if ((desc->vm_flags & VM_IO) == 0){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		writable = desc->vm_flags & VM_WRITE;{{$}}
// CHECK-FIXES-V617-V619-RFC-EMPTY:
// CHECK-FIXES-V70: {{^}}	if (!vma_desc_test_flags(desc, VMA_IO_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		writable = vma_desc_test_flags(desc, VMA_WRITE_BIT);{{$}}
// CHECK-FIXES-V70-EMPTY:
// CHECK-FIXES-V71: {{^}}	if (!vma_desc_test(desc, VMA_IO_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		writable = vma_desc_test(desc, VMA_WRITE_BIT);{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V617-V619-RFC: {{^}}	desc->vm_flags |= VM_IO | VM_PFNMAP | VM_DONTCOPY | VM_DONTEXPAND |{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}			  VM_DONTDUMP;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->private_data = writable ? file->private_data : NULL;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_ops = &hvbuf_vm_ops;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V70-V71: {{^}}	vma_desc_set_flags(desc, VMA_IO_BIT, VMA_PFNMAP_BIT, VMA_DONTCOPY_BIT,{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}			   VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	desc->private_data = writable ? file->private_data : NULL;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	desc->vm_ops = &hvbuf_vm_ops;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations hvbuf_fops = {
	.owner		= THIS_MODULE,
	.mmap		= hvbuf_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare	= hvbuf_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
