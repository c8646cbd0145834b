/*
 * Construct: atomic_inc() of a "mapped" counter that blocks reconfiguration.
 * Expected: needs-mapped, verdict convert under 7.1 (moved to
 * vm_ops->mapped), manual under 6.19.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RUN: %mmap-migrate scan --profile 6.19 %s -- -nostdinc -I%inc | FileCheck --check-prefix=P619 %s
// RUN: %check-rewrite %s %t --converts=7.1,rfc-mmap-complete -- -nostdinc -I%inc
// P619: summary: 1 sites, 1 handlers, 0 convert, 1 manual,
// P619: left for a human: {{.*}}; profile 6.19 has no hook for work that needs the mapping to exist

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct cam_dev {
	atomic_t mmap_count;
};

static void cam_vm_close(struct vm_area_struct *vma)
{
	struct cam_dev *cam = vma->vm_private_data;

	atomic_dec(&cam->mmap_count);
}

static const struct vm_operations_struct cam_vm_ops = {
	.close = cam_vm_close,
};
// CHECK-FIXES-V71: {{^}}static int cam_mmap_mapped(unsigned long start, unsigned long end,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   pgoff_t pgoff, const struct file *file,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   void **vm_private_data){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	struct cam_dev *cam = file->private_data;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	atomic_inc(&cam->mmap_count);{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}static const struct vm_operations_struct cam_vm_ops = {{{$}}
// CHECK-FIXES-V71: {{^}}	.mapped = cam_mmap_mapped,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}};{{$}}

// CHECK-DAG: {{.*}}needs_atomic.c:[[@LINE+1]]:12: note: ->mmap handler 'cam_mmap' is needs-mapped, verdict convert [mmap-migrate-needs-mapped]
static int cam_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cam_dev *cam = file->private_data;

	/* S_FMT is refused while anyone maps the frame buffers. */
	atomic_inc(&cam->mmap_count);
	// CHECK-DAG: {{.*}}needs_atomic.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}atomic_inc{{.*}} [mmap-migrate-needs-mapped]
	vma->vm_private_data = cam;
	vma->vm_ops = &cam_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int cam_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct cam_dev *cam = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}	/* S_FMT is refused while anyone maps the frame buffers. */{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_atomic.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}atomic_inc{{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}
// CHECK-FIXES-V71: {{^}}	desc->private_data = cam;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	desc->vm_ops = &cam_vm_ops;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC: {{^}}	desc->private_data = cam;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->vm_ops = &cam_vm_ops;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int cam_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}			     const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct cam_dev *cam = file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	atomic_inc(&cam->mmap_count);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations cam_fops = {
	.owner = THIS_MODULE,
	.mmap = cam_mmap,
	// CHECK-DAG: {{.*}}needs_atomic.c:[[@LINE-1]]:10: note: 'cam_fops' sets ->mmap to 'cam_mmap' [mmap-migrate-site]
};
// CHECK-FIXES-V71: {{^}}	.mmap_prepare = cam_mmap_prepare,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_atomic.c:{{\[\[}}@LINE-1]]:10: note: 'cam_fops' sets ->mmap to 'cam_mmap' [mmap-migrate-site]{{$}}
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare = cam_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = cam_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_atomic.c:{{\[\[}}@LINE-1]]:10: note: 'cam_fops' sets ->mmap to 'cam_mmap' [mmap-migrate-site]{{$}}

int cam_register(void)
{
	return register_chrdev(0, "cam", &cam_fops);
}
