/*
 * Construct: direct vm_flags writes (trees before 6.3) that are not a plain
 * set (|= VM_X) or clear (&= ~VM_X): a toggle, a mask kept by the driver,
 * flags held in a variable. 7.0's descriptor has no vm_flags to write and
 * its helpers take VMA_*_BIT names, so none of them has a 7.x form; 6.19's
 * descriptor still has vm_flags, where each write stays as it is.
 * Expected: pure-setup; under 7.0 and 7.1 each handler is refused with the
 * write that blocks it; under 6.17, 6.19 and the RFC profile all convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DMOCK_LEGACY_VM_FLAGS | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc -DMOCK_LEGACY_VM_FLAGS 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,rfc-mmap-complete -- -nostdinc -I%inc -DMOCK_LEGACY_VM_FLAGS
// CHECK: summary: 3 sites, 3 handlers, 0 convert, 3 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW-DAG: warning: 'knob_toggle_mmap' not rewritten: vma->vm_flags at line [[@LINE+16]] is written with `^=`, which is neither a set (|= VM_X) nor a clear (&= ~VM_X) [mmap-migrate-rewrite]
// RW-DAG: warning: 'knob_mask_mmap' not rewritten: vma->vm_flags at line [[@LINE+27]] is written with `&=`, which is neither a set (|= VM_X) nor a clear (&= ~VM_X) [mmap-migrate-rewrite]
// RW-DAG: warning: 'knob_var_mmap' not rewritten: the flags written to vma->vm_flags at line [[@LINE+40]] are not a list of VM_* names [mmap-migrate-rewrite]
// RW: 0 handlers rewritten, 3 convertible ones refused, 0 left manual

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct knob_dev {
	unsigned long keep_mask;
	unsigned long extra;
};

static int knob_toggle_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_flags ^= VM_MAYWRITE;
	return 0;
}
// CHECK-FIXES: {{^}}static int knob_toggle_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_flags ^= VM_MAYWRITE;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static int knob_mask_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct knob_dev *kdev = file->private_data;

	vma->vm_flags &= kdev->keep_mask;
	return 0;
}
// CHECK-FIXES: {{^}}static int knob_mask_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct knob_dev *kdev = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	desc->vm_flags &= kdev->keep_mask;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static int knob_var_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct knob_dev *kdev = file->private_data;

	vma->vm_flags |= kdev->extra;
	return 0;
}
// CHECK-FIXES: {{^}}static int knob_var_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct knob_dev *kdev = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	desc->vm_flags |= kdev->extra;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations knob_fops[] = {
	{ .owner = THIS_MODULE, .mmap = knob_toggle_mmap },
	{ .owner = THIS_MODULE, .mmap = knob_mask_mmap },
	{ .owner = THIS_MODULE, .mmap = knob_var_mmap },
};
// CHECK-FIXES: {{^}}	{ .owner = THIS_MODULE, .mmap_prepare = knob_toggle_mmap_prepare },{{$}}
// CHECK-FIXES-NEXT: {{^}}	{ .owner = THIS_MODULE, .mmap_prepare = knob_mask_mmap_prepare },{{$}}
// CHECK-FIXES-NEXT: {{^}}	{ .owner = THIS_MODULE, .mmap_prepare = knob_var_mmap_prepare },{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int knob_register(int i)
{
	return register_chrdev(0, "knob", &knob_fops[i]);
}
