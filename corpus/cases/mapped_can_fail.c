/*
 * Construct: the handler takes a kref on its buffer and then checks the
 * size, which can fail. As it is, the reference leaks when the check fails;
 * moved into vm_ops->mapped it would only be taken for a mapping that
 * exists. The rewrite does not change behaviour silently.
 * Expected: needs-mapped, verdict manual; the rewrite says why the kref
 * cannot move.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: warning: 'ringbuf_mmap' not rewritten: the handler can still fail at line [[@LINE+36]], after kref_get() at line [[@LINE+33]]: moved to vm_ops->mapped, it would no longer run for a failed mmap()
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ringbuf {
	struct kref ref;
	unsigned long pages;
};

static void ringbuf_release(struct kref *ref)
{
}

static void ringbuf_vm_close(struct vm_area_struct *vma)
{
	struct ringbuf *rb = vma->vm_private_data;

	kref_put(&rb->ref, ringbuf_release);
}

static const struct vm_operations_struct ringbuf_vm_ops = {
	.close	= ringbuf_vm_close,
};

static int ringbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ringbuf *rb = file->private_data;

	kref_get(&rb->ref);

	if (vma_pages(vma) > rb->pages)
		return -EINVAL;

	vma->vm_private_data = rb;
	vma->vm_ops = &ringbuf_vm_ops;
	return 0;
}

static const struct file_operations ringbuf_fops = {
	.owner	= THIS_MODULE,
	.mmap	= ringbuf_mmap,
};

int ringbuf_register(void)
{
	return register_chrdev(0, "ringbuf", &ringbuf_fops);
}
