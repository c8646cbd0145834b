/*
 * Construct: a device framework that keeps each driver's file_operations
 * in its own struct and maps a buffer by calling the driver's ->mmap with
 * a file it made up (DRM prime does this through drm_driver.fops), next to
 * a second driver whose table no such field holds.
 * Trap: converting the first driver's handler leaves its table with ->mmap
 * NULL, and the framework's call jumps through it; vfs_mmap() cannot
 * replace the call, as the made-up file's f_op is not that table.
 * Expected: the handler whose table is stored into the field the call reads
 * is refused, with the call named; the other handler converts (control).
 */
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: fops_field_call.c:[[@LINE+18]]:12: warning: 'gfxa_mmap' not rewritten: its table 'gfxa_fops' may reach code that knows only ->mmap: ->mmap is called at {{.*}}fops_field_call.c:[[@LINE+53]] (gfx_map_buffer()) on a table read through struct gfx_driver::fops, and stays (the ->mmap call at line [[@LINE+53]] does not read its table from a struct file's f_op, so vfs_mmap() cannot stand for it) [mmap-migrate-rewrite]
// RW: 1 handlers rewritten, 1 convertible ones refused

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct gfx_driver {
	const char *name;
	const struct file_operations *fops;
};

struct gfx_object {
	const struct gfx_driver *driver;
};

static const struct vm_operations_struct gfxa_vm_ops;

static int gfxa_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &gfxa_vm_ops;
	return 0;
}

static const struct file_operations gfxa_fops = {
	.mmap = gfxa_mmap,
};

const struct gfx_driver gfxa_driver = {
	.name = "gfxa",
	.fops = &gfxa_fops,
};

static const struct vm_operations_struct plain_vm_ops;

static int plain_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &plain_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int plain_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &plain_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

const struct file_operations plain_fops = {
	.mmap = plain_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = plain_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int gfx_map_buffer(struct gfx_object *obj, struct file *fil, struct vm_area_struct *vma)
{
	return obj->driver->fops->mmap(fil, vma);
}
