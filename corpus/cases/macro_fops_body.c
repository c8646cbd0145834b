/*
 * Construct: two fops tables built by one driver macro whose body names the
 * handler itself; the macro is used only here.
 * Expected: pure-setup, verdict convert. The #define is rewritten once,
 * since every table it builds converts; the tables' uses stay as they are.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 2 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct statbuf_vm_ops;

static int statbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	vma->vm_ops = &statbuf_vm_ops;
	vma->vm_private_data = file->private_data;
	return 0;
}
// CHECK-FIXES: {{^}}static int statbuf_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if (desc->vm_flags & VM_WRITE){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V70: {{^}}	if (vma_desc_test_flags(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES-V71: {{^}}	if (vma_desc_test(desc, VMA_WRITE_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EPERM;{{$}}
// CHECK-FIXES: {{^}}	desc->vm_ops = &statbuf_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->private_data = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

#define STATBUF_FOPS(name)				\
static const struct file_operations name = {		\
	.owner		= THIS_MODULE,			\
	.mmap		= statbuf_mmap,			\
	.llseek		= noop_llseek,			\
}
// CHECK-FIXES: {{^}}	.mmap_prepare	= statbuf_mmap_prepare,		\{{$}}
// CHECK-FIXES-NEXT: {{^}}	.llseek		= noop_llseek,			\{{$}}

STATBUF_FOPS(statbuf_cpu_fops);
STATBUF_FOPS(statbuf_node_fops);

int statbuf_register(void)
{
	int ret = register_chrdev(0, "statbuf-cpu", &statbuf_cpu_fops);

	if (ret < 0)
		return ret;
	return register_chrdev(0, "statbuf-node", &statbuf_node_fops);
}
