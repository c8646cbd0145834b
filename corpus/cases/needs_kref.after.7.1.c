/*
 * Construct: kref_get() on a shared buffer for every mapping; the close
 * callback puts it.
 * Expected: needs-mapped, verdict convert under 7.1 (moved to
 * vm_ops->mapped), manual under 6.19.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
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

static int shbuf_mmap_mapped(unsigned long start, unsigned long end,
			     pgoff_t pgoff, const struct file *file,
			     void **vm_private_data)
{
	struct shbuf *buf = file->private_data;

	kref_get(&buf->ref);
	return 0;
}

static const struct vm_operations_struct shbuf_vm_ops = {
	.close = shbuf_vm_close,
	.mapped = shbuf_mmap_mapped,
};

// CHECK-DAG: {{.*}}needs_kref.c:[[@LINE+1]]:12: note: ->mmap handler 'shbuf_mmap' is needs-mapped, verdict convert [mmap-migrate-needs-mapped]
static int shbuf_mmap_prepare(struct vm_area_desc *desc)
{
	struct shbuf *buf = desc->file->private_data;

	if (vma_desc_pages(desc) > buf->nr_pages)
		return -EINVAL;

	// CHECK-DAG: {{.*}}needs_kref.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}kref_get{{.*}} [mmap-migrate-needs-mapped]
	desc->private_data = buf;
	desc->vm_ops = &shbuf_vm_ops;
	return 0;
}

static const struct file_operations shbuf_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = shbuf_mmap_prepare,
	// CHECK-DAG: {{.*}}needs_kref.c:[[@LINE-1]]:10: note: 'shbuf_fops' sets ->mmap to 'shbuf_mmap' [mmap-migrate-site]
};

int shbuf_register(void)
{
	return register_chrdev(0, "shbuf", &shbuf_fops);
}
