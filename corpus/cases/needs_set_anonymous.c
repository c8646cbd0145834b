/*
 * Construct: vma_set_anonymous() turning private mappings into plain
 * anonymous memory. It assumes the VMA exists.
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

// CHECK-DAG: {{.*}}needs_set_anonymous.c:[[@LINE+1]]:12: note: ->mmap handler 'scratch_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int scratch_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return -EINVAL;

	vma_set_anonymous(vma);
	// CHECK-DAG: {{.*}}needs_set_anonymous.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}vma_set_anonymous{{.*}} [mmap-migrate-needs-mapped]
	return 0;
}
// CHECK-FIXES: {{^}}static int scratch_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	if (desc->vm_flags & VM_SHARED){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_set_anonymous.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}vma_set_anonymous{{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}

static const struct file_operations scratch_fops = {
	.owner = THIS_MODULE,
	.mmap = scratch_mmap,
	// CHECK-DAG: {{.*}}needs_set_anonymous.c:[[@LINE-1]]:10: note: 'scratch_fops' sets ->mmap to 'scratch_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}static int scratch_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-NEXT: {{^}}				 const void *context){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	vma_set_anonymous(vma);{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}static const struct file_operations scratch_fops = {{{$}}
// CHECK-FIXES: {{^}}	.mmap_prepare = scratch_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	.mmap_complete = scratch_mmap_complete,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_set_anonymous.c:{{\[\[}}@LINE-1]]:10: note: 'scratch_fops' sets ->mmap to 'scratch_mmap' [mmap-migrate-site]{{$}}

int scratch_register(void)
{
	return register_chrdev(0, "scratch", &scratch_fops);
}
