/*
 * Construct: a tree before 6.3 (linux-source-6.1) changes the flags by
 * writing vma->vm_flags directly: `|= VM_X` sets, `&= ~VM_X` clears, as
 * vm_flags_set() and vm_flags_clear() do from 6.3 on.
 * Expected: pure-setup, verdict convert; each write becomes the profile's
 * flag call, one line per write, as for the calls; a write that is the
 * whole branch of an if stays that branch.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DMOCK_LEGACY_VM_FLAGS | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DMOCK_LEGACY_VM_FLAGS | FileCheck --check-prefix=WRITES %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc -DMOCK_LEGACY_VM_FLAGS
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// WRITES-COUNT-4: legacy_flag_writes.c:{{[0-9]+}}:{{[23]}}: note: writes vma->vm_flags directly [mmap-migrate-pure-setup]

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct tally_dev {
	unsigned long nr_pages;
};

static const struct vm_operations_struct tally_vm_ops;

// CHECK-DAG: {{.*}}legacy_flag_writes.c:[[@LINE+1]]:12: note: ->mmap handler 'tally_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int tally_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct tally_dev *tdev = file->private_data;

	if (vma_pages(vma) > tdev->nr_pages)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;

	vma->vm_flags &= ~VM_MAYWRITE;
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	vma->vm_flags &= ~(VM_MAYEXEC | VM_MAYSHARE);
	if (tdev->nr_pages == 1)
		vma->vm_flags |= VM_DONTCOPY;
	vma->vm_private_data = tdev;
	vma->vm_ops = &tally_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int tally_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct tally_dev *tdev = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V617-RFC-NEXT: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > tdev->nr_pages){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	if (vma_desc_pages(desc) > tdev->nr_pages){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	if (desc->vm_flags & VM_WRITE){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}	if (vma_desc_test_flags(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	if (vma_desc_test(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_flags &= ~VM_MAYWRITE;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_flags &= ~(VM_MAYEXEC | VM_MAYSHARE);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_clear_flags(desc, VMA_MAYEXEC_BIT, VMA_MAYSHARE_BIT);{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (tdev->nr_pages == 1){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		desc->vm_flags |= VM_DONTCOPY;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}		vma_desc_set_flags(desc, VMA_DONTCOPY_BIT);{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->private_data = tdev;{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &tally_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations tally_fops = {
	.owner = THIS_MODULE,
	.mmap = tally_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tally_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int tally_register(void)
{
	return register_chrdev(0, "tally", &tally_fops);
}
