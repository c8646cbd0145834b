/*
 * Construct: a backend helper, reached only through an ops member, that
 * fills the ->mmap its caller's table lacks with a default; the caller
 * hands it a table it holds by value, filled by a struct copy of a named
 * table (cxlflash's get_fd shape). A third table reaches no such helper.
 * Trap: the copied table's handler, converted, leaves ->mmap NULL in the
 * copy, and the helper puts the default handler in its place; the
 * default table, read by name, would hand over a NULL ->mmap.
 * Expected: both are refused, each reason names the helper's use and
 * how the table gets there; the third table's handler converts (control:
 * a helper's parameter is bounded by what its callers pass).
 */
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: fops_param_bounded.c:[[@LINE+19]]:12: warning: 'unit_default_mmap' not rewritten: its table 'unit_default_fops' may reach code that knows only ->mmap: ->mmap is read (the pointer may be called later) at {{.*}}fops_param_bounded.c:[[@LINE+36]] (unit_get_fd()) on a table read through parameter 2 of unit_get_fd(), and by name, and stays
// RW: fops_param_bounded.c:[[@LINE+45]]:12: warning: 'unit_ctx_mmap' not rewritten: its table 'unit_ctx_fops' may reach code that knows only ->mmap: ->mmap is read (the pointer may be called later) at {{.*}}fops_param_bounded.c:[[@LINE+35]] (unit_get_fd()) on a table read through parameter 2 of unit_get_fd(), and by name, and stays
// RW: 1 handlers rewritten, 2 convertible ones refused

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct unit_backend_ops {
	struct file *(*get_fd)(void *ctx, struct file_operations *fops, int *fd);
};

struct unit_cfg {
	const struct unit_backend_ops *ops;
	struct file_operations ctx_fops;
};

static const struct vm_operations_struct unit_vm_ops;

static int unit_default_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &unit_vm_ops;
	return 0;
}

static const struct file_operations unit_default_fops = {
	.mmap = unit_default_mmap,
};

#define UNIT_PATCH_FOPS(NAME) \
	do { if (!fops->NAME) fops->NAME = unit_default_fops.NAME; } while (0)

static struct file *unit_get_fd(void *ctx, struct file_operations *fops, int *fd)
{
	if (fops) {
		UNIT_PATCH_FOPS(release);
		UNIT_PATCH_FOPS(mmap);
	}
	*fd = -1;
	return NULL;
}

const struct unit_backend_ops unit_backend = {
	.get_fd = unit_get_fd,
};

static int unit_ctx_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &unit_vm_ops;
	return 0;
}

const struct file_operations unit_ctx_fops = {
	.mmap = unit_ctx_mmap,
};

void unit_setup(struct unit_cfg *cfg)
{
	cfg->ctx_fops = unit_ctx_fops;
}

struct file *unit_open(struct unit_cfg *cfg, void *ctx, int *fd)
{
	return cfg->ops->get_fd(ctx, &cfg->ctx_fops, fd);
}

static int unit_plain_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &unit_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int unit_plain_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &unit_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

const struct file_operations unit_plain_fops = {
	.mmap = unit_plain_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = unit_plain_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
