/*
 * Construct: two handlers install the same vm_operations; one of them
 * counts its mappings. Adding ->mapped to the shared table would count the
 * other handler's mappings too.
 * Expected: the counting handler is needs-mapped, verdict manual, and the
 * rewrite refuses to move its work; the other converts.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 2 sites, 2 handlers, 1 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: warning: 'evlog_mmap' not rewritten: 'evlog_vm_ops' is used elsewhere too: its other mappings would run vm_ops->mapped as well

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static atomic_t evlog_maps;

static void evlog_vm_close(struct vm_area_struct *vma)
{
	atomic_dec(&evlog_maps);
}

static const struct vm_operations_struct evlog_vm_ops = {
	.close	= evlog_vm_close,
};

static int evlog_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	atomic_inc(&evlog_maps);
	vma->vm_ops = &evlog_vm_ops;
	return 0;
}
// CHECK-FIXES-RFC: {{^}}static int evlog_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC: {{^}}	if (desc->pgoff){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC: {{^}}	desc->vm_ops = &evlog_vm_ops;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int evlog_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}			       const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	atomic_inc(&evlog_maps);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}

static int evlog_ro_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	vma->vm_ops = &evlog_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int evlog_ro_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if (desc->vm_flags & VM_WRITE){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V70: {{^}}	if (vma_desc_test_flags(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V71: {{^}}	if (vma_desc_test(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES: {{^}}	desc->vm_ops = &evlog_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations evlog_fops = {
	.owner	= THIS_MODULE,
	.mmap	= evlog_mmap,
};
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare = evlog_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = evlog_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}};{{$}}

static const struct file_operations evlog_ro_fops = {
	.owner	= THIS_MODULE,
	.mmap	= evlog_ro_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = evlog_ro_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int evlog_register(void)
{
	int ret = register_chrdev(0, "evlog", &evlog_fops);

	return ret < 0 ? ret : register_chrdev(0, "evlog-ro", &evlog_ro_fops);
}
