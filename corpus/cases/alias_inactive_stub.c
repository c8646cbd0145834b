/*
 * Construct: the handler is defined twice, once per arm of a config
 * conditional; the other arm's definition is a stub that only returns an
 * error (hpet does this for !CONFIG_HPET_MMAP). Nothing of it can touch
 * state: only its signature changes with the rename, and the verifier
 * parses that configuration too; the #else is matched to its #if across
 * the nested block and the blank line above it.
 * Expected: pure-setup, verdict convert, both definitions rewritten.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DCONFIG_TICK_MMAP | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc -DCONFIG_TICK_MMAP
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct tick_vm_ops;

#ifdef CONFIG_TICK_MMAP
#ifdef CONFIG_TICK_MMAP_DEFAULT
static int tick_enabled = 1;
#else
static int tick_enabled;
#endif

static int tick_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!tick_enabled || vma->vm_pgoff)
		return -EINVAL;
	vma->vm_ops = &tick_vm_ops;
	return 0;
}
#else
static int tick_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -ENXIO;
}
#endif
// CHECK-FIXES: {{^}}static int tick_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (!tick_enabled || desc->pgoff){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &tick_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES: {{^}}static int tick_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}

const struct file_operations tick_fops = {
	.owner	= THIS_MODULE,
	.mmap	= tick_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tick_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
