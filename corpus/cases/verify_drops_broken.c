/*
 * Construct: pure setup with a driver-local VM_* flag. Under a bits profile
 * (7.0, 7.1) the rewrite would name VMA_LOCAL_QUIRK_BIT, which the API does
 * not have: the verification re-parse catches it and the handler stays as it
 * is, with the compiler's message as the reason. Mask profiles keep the flag
 * as it is, so there the rewrite compiles and goes through.
 * Expected: pure-setup, verdict convert; not rewritten under 7.1.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: verify_drops_broken.c:[[@LINE+14]]:12: warning: 'quirk_mmap' not rewritten: the rewritten code does not compile: verify_drops_broken.c:{{[0-9]+}}: {{.*}}VMA_LOCAL_QUIRK_BIT{{.*}} [mmap-migrate-rewrite]
// RW: 0 handlers rewritten, 1 convertible ones refused
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

/* This device's own bit in the upper vm_flags range. */
#define VM_LOCAL_QUIRK	0x80000000UL

static const struct vm_operations_struct quirk_vm_ops;

static int quirk_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_LOCAL_QUIRK);
	vma->vm_ops = &quirk_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int quirk_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	desc->vm_flags |= VM_LOCAL_QUIRK;{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &quirk_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations quirk_fops = {
	.owner	= THIS_MODULE,
	.mmap	= quirk_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = quirk_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
