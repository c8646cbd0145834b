/*
 * Construct: kref_get() on a shared buffer for every mapping; the close
 * callback puts it.
 * Expected: needs-mapped, verdict convert under 7.1 (moved to
 * vm_ops->mapped), manual under 6.19.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

struct shbuf {
	struct kref ref;
	unsigned long nr_pages;
};

static void shbuf_release(struct kref *ref)
{
	kfree(container_of(ref, struct shbuf, ref));
}

static void shbuf_vm_close(struct vm_area_struct *vma)
{
	struct shbuf *buf = vma->vm_private_data;

	kref_put(&buf->ref, shbuf_release);
}

static const struct vm_operations_struct shbuf_vm_ops = {
	.close = shbuf_vm_close,
};
// CHECK-FIXES-V71: {{^}}static int shbuf_mmap_mapped(unsigned long start, unsigned long end,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			     pgoff_t pgoff, const struct file *file,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}			     void **vm_private_data){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	struct shbuf *buf = file->private_data;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	kref_get(&buf->ref);{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}}{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}static const struct vm_operations_struct shbuf_vm_ops = {{{$}}
// CHECK-FIXES-V71: {{^}}	.mapped = shbuf_mmap_mapped,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}};{{$}}

// CHECK-DAG: {{.*}}needs_kref.c:[[@LINE+1]]:12: note: ->mmap handler 'shbuf_mmap' is needs-mapped, verdict convert [mmap-migrate-needs-mapped]
static int shbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct shbuf *buf = file->private_data;

	if (vma_pages(vma) > buf->nr_pages)
		return -EINVAL;

	kref_get(&buf->ref);
	// CHECK-DAG: {{.*}}needs_kref.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}kref_get{{.*}} [mmap-migrate-needs-mapped]
	vma->vm_private_data = buf;
	vma->vm_ops = &shbuf_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int shbuf_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct shbuf *buf = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V71: {{^}}	if (vma_desc_pages(desc) > buf->nr_pages){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71-EMPTY:
// CHECK-FIXES-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_kref.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}kref_get{{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}
// CHECK-FIXES-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > buf->nr_pages){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_kref.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}kref_get{{\{\{}}.*}} [mmap-migrate-needs-mapped]{{$}}
// CHECK-FIXES-V71: {{^}}	desc->private_data = buf;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	desc->vm_ops = &shbuf_vm_ops;{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC: {{^}}	desc->private_data = buf;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	desc->vm_ops = &shbuf_vm_ops;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}}{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}static int shbuf_mmap_complete(struct file *file, struct vm_area_struct *vma,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}			       const void *context){{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}{{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	struct shbuf *buf = file->private_data;{{$}}
// CHECK-FIXES-RFC-EMPTY:
// CHECK-FIXES-RFC-NEXT: {{^}}	kref_get(&buf->ref);{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations shbuf_fops = {
	.owner = THIS_MODULE,
	.mmap = shbuf_mmap,
	// CHECK-DAG: {{.*}}needs_kref.c:[[@LINE-1]]:10: note: 'shbuf_fops' sets ->mmap to 'shbuf_mmap' [mmap-migrate-site]
};
// CHECK-FIXES-V71: {{^}}	.mmap_prepare = shbuf_mmap_prepare,{{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_kref.c:{{\[\[}}@LINE-1]]:10: note: 'shbuf_fops' sets ->mmap to 'shbuf_mmap' [mmap-migrate-site]{{$}}
// CHECK-FIXES-RFC: {{^}}	.mmap_prepare = shbuf_mmap_prepare,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	.mmap_complete = shbuf_mmap_complete,{{$}}
// CHECK-FIXES-RFC-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}needs_kref.c:{{\[\[}}@LINE-1]]:10: note: 'shbuf_fops' sets ->mmap to 'shbuf_mmap' [mmap-migrate-site]{{$}}

int shbuf_register(void)
{
	return register_chrdev(0, "shbuf", &shbuf_fops);
}
