/*
 * Construct: refcount_inc() counting the mappings of a session.
 * Expected: needs-mapped, verdict convert under 7.1 (moved to
 * vm_ops->mapped), manual under 6.19.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/refcount.h>

struct cap_session {
	refcount_t maps;
	bool closing;
};

void cap_session_unmapped(struct cap_session *sess);

static void cap_vm_close(struct vm_area_struct *vma)
{
	struct cap_session *sess = vma->vm_private_data;

	if (refcount_dec_and_test(&sess->maps))
		cap_session_unmapped(sess);
}

static const struct vm_operations_struct cap_vm_ops = {
	.close = cap_vm_close,
};
// CHECK-FIXES-V71: {{^}}static int cap_mmap_mapped(unsigned long start, unsigned long end,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   pgoff_t pgoff, const struct file *file,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			   void **vm_private_data){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	struct cap_session *sess = file->private_data;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	refcount_inc(&sess->maps);{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}static const struct vm_operations_struct cap_vm_ops = {{{$}}
// CHECK-FIXES-V71: {{^}}	.mapped = cap_mmap_mapped,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}};{{$}}

// CHECK-DAG: {{.*}}needs_refcount.c:[[@LINE+1]]:12: note: ->mmap handler 'cap_mmap' is needs-mapped, verdict convert [mmap-migrate-needs-mapped]
static int cap_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cap_session *sess = file->private_data;

	refcount_inc(&sess->maps);
	// CHECK-DAG: {{.*}}needs_refcount.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}refcount_inc{{.*}} [mmap-migrate-needs-mapped]
	vma->vm_private_data = sess;
	vma->vm_ops = &cap_vm_ops;
	return 0;
}
// CHECK-FIXES-V71: {{^}}static int cap_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC: {{^}}static int cap_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct cap_session *sess = desc->file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_refcount.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}refcount_inc{{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->private_data = sess;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->vm_ops = &cap_vm_ops;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int cap_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}			     const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V71: {{^}}	struct cap_session *sess = desc->file->private_data;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_refcount.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}refcount_inc{{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}
// CHECK-FIXES-RFC: {{^}}	refcount_inc(&sess->maps);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V71: {{^}}	desc->private_data = sess;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	desc->vm_ops = &cap_vm_ops;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations cap_fops = {
	.owner = THIS_MODULE,
	.mmap = cap_mmap,
	// CHECK-DAG: {{.*}}needs_refcount.c:[[@LINE-1]]:10: note: 'cap_fops' sets ->mmap to 'cap_mmap' [mmap-migrate-site]
};
// CHECK-FIXES-V71: {{^}}	.mmap_prepare = cap_mmap_prepare,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_refcount.c:{{\[\[}}@LINE-1]]:10: note: 'cap_fops' sets ->mmap to 'cap_mmap' [mmap-migrate-site]{{$}}
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare = cap_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = cap_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_refcount.c:{{\[\[}}@LINE-1]]:10: note: 'cap_fops' sets ->mmap to 'cap_mmap' [mmap-migrate-site]{{$}}

int cap_register(void)
{
	return register_chrdev(0, "cap", &cap_fops);
}
