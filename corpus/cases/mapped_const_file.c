/*
 * Construct: the work that needs the mapping is a driver helper taking the
 * file, which vm_ops->mapped only gets as `const struct file *`. Moved, the
 * call would discard the qualifier: a warning the kernel's -Werror builds
 * reject, so verification counts it.
 * Expected: needs-mapped, verdict convert under 7.1 (the scan plans the
 * move and does not re-parse); the 7.1 rewrite's verification then takes
 * it back with the compiler's message: the one way scan and rewrite can
 * still differ (docs/report-format.md).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: warning: 'vbus_mmap' not rewritten: the rewritten code does not compile: mapped_const_file.c:{{[0-9]+}}: passing 'const struct file *' to parameter of type 'struct file *' discards qualifiers
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>

struct vbus_ctx {
	struct kref ref;
};

static void vbus_ctx_get(struct file *file)
{
	struct vbus_ctx *ctx = file->private_data;

	kref_get(&ctx->ref);
}

static void vbus_vm_close(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct vbus_vm_ops = {
	.close	= vbus_vm_close,
};

static int vbus_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;

	vbus_ctx_get(file);
	vma->vm_ops = &vbus_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int vbus_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	if (desc->pgoff){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->vm_ops = &vbus_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}static int vbus_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-NEXT: {{^}}			      const void *context){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	vbus_ctx_get(file);{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations vbus_fops = {
	.owner	= THIS_MODULE,
	.mmap	= vbus_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = vbus_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	.mmap_complete = vbus_mmap_complete,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int vbus_register(void)
{
	return register_chrdev(0, "vbus", &vbus_fops);
}
