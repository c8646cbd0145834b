/*
 * Construct: a handler that shares its name with a struct tag and a member
 * (other C namespaces), as some drivers' ioctl structures do. Only the
 * function is renamed; the tag and the member stay.
 * Expected: pure-setup, verdict convert, rewritten.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct gadget_mmap {
	unsigned long offset;
};

struct gadget {
	struct gadget_mmap gadget_mmap;
};

static const struct vm_operations_struct gadget_vm_ops;

static int gadget_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct gadget *g = file->private_data;

	if (vma->vm_pgoff != g->gadget_mmap.offset)
		return -EINVAL;
	vma->vm_ops = &gadget_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int gadget_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct gadget *g = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}	if (desc->pgoff != g->gadget_mmap.offset){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->vm_ops = &gadget_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations gadget_fops = {
	.owner	= THIS_MODULE,
	.mmap	= gadget_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = gadget_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
