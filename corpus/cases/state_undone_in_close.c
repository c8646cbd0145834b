/*
 * Construct: a mapping count taken in ->mmap and given back in the
 * vm_ops->close the handler installs: state that lives as long as the
 * mapping.
 * Expected: needs-mapped (mapping-lifetime state): in prepare the count
 * would leak whenever the mapping fails after it. Nothing can fail after
 * the count and nothing else reads it, so 7.1 moves it to vm_ops->mapped
 * (verdict convert under 7.1, the scan's default here) and the RFC to
 * ->mmap_complete; other profiles refuse (verdict manual).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RUN: %mmap-migrate scan --profile 6.19 %s -- -nostdinc -I%inc | FileCheck --check-prefix=P619 %s
// RUN: %check-rewrite %s %t --converts=7.1,rfc-mmap-complete -- -nostdinc -I%inc
// P619: summary: 1 sites, 1 handlers, 0 convert, 1 manual,
// P619: left for a human: {{.*}}; profile 6.19 has no hook for work that needs the mapping to exist

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct vpu_dev {
	unsigned long code_pages;
	int map_count;
};

static void vpu_vm_close(struct vm_area_struct *vma)
{
	struct vpu_dev *vpu = vma->vm_private_data;

	vpu->map_count--;
}

static const struct vm_operations_struct vpu_vm_ops = {
	.close = vpu_vm_close,
};
// CHECK-FIXES-V71: {{^}}static int vpu_mmap_mapped(unsigned long start, unsigned long end,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   pgoff_t pgoff, const struct file *file,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   void **vm_private_data){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	struct vpu_dev *vpu = file->private_data;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	vpu->map_count++;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}static const struct vm_operations_struct vpu_vm_ops = {{{$}}
// CHECK-FIXES-V71: {{^}}	.mapped = vpu_mmap_mapped,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}};{{$}}

// CHECK-DAG: {{.*}}state_undone_in_close.c:[[@LINE+1]]:12: note: ->mmap handler 'vpu_mmap' is needs-mapped, verdict convert [mmap-migrate-needs-mapped]
static int vpu_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vpu_dev *vpu = file->private_data;

	if (vma_pages(vma) > vpu->code_pages)
		return -EINVAL;

	vpu->map_count++;
	// CHECK-DAG: {{.*}}state_undone_in_close.c:[[@LINE-1]]:{{[0-9]+}}: note: vpu->map_count++, undone in vpu_vm_close() (line {{[0-9]+}}){{.*}} [mmap-migrate-needs-mapped]
	vma->vm_private_data = vpu;
	vma->vm_ops = &vpu_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int vpu_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct vpu_dev *vpu = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V71: {{^}}	if (vma_desc_pages(desc) > vpu->code_pages){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}state_undone_in_close.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: vpu->map_count++, undone in vpu_vm_close() (line {{\{\{}}[0-9]+}}){{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}
// CHECK-FIXES-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > vpu->code_pages){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}state_undone_in_close.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: vpu->map_count++, undone in vpu_vm_close() (line {{\{\{}}[0-9]+}}){{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}
// CHECK-FIXES-V71: {{^}}	desc->private_data = vpu;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	desc->vm_ops = &vpu_vm_ops;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC: {{^}}	desc->private_data = vpu;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->vm_ops = &vpu_vm_ops;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int vpu_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}			     const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct vpu_dev *vpu = file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	vpu->map_count++;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations vpu_fops = {
	.owner = THIS_MODULE,
	.mmap = vpu_mmap,
};
// CHECK-FIXES-V71: {{^}}	.mmap_prepare = vpu_mmap_prepare,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}};{{$}}
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare = vpu_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = vpu_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}};{{$}}

int vpu_register(void)
{
	return register_chrdev(0, "vpu", &vpu_fops);
}
