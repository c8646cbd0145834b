/*
 * Construct: two handlers install the same vm_operations; one of them
 * counts its mappings. Adding ->mapped to the shared table would count the
 * other handler's mappings too.
 * Expected: the counting handler is needs-mapped, verdict manual, and the
 * rewrite refuses to move its work; the other converts.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// CHECK: summary: 2 sites, 2 handlers, 1 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: warning: 'evlog_mmap' not rewritten: 'evlog_vm_ops' is used elsewhere too: its other mappings would run vm_ops->mapped as well

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static atomic_t evlog_maps;

static void evlog_vm_close(struct vm_area_struct *vma)
{
	atomic_dec(&evlog_maps);
}

static const struct vm_operations_struct evlog_vm_ops = {
	.close	= evlog_vm_close,
};

static int evlog_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->pgoff)
		return -EINVAL;
	desc->vm_ops = &evlog_vm_ops;
	return 0;
}

static int evlog_mmap_complete(struct file *file, struct vm_area_struct *vma,
			       const void *context)
{
	atomic_inc(&evlog_maps);
	return 0;
}

static int evlog_ro_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->vm_flags & VM_WRITE)
		return -EPERM;
	desc->vm_ops = &evlog_vm_ops;
	return 0;
}

static const struct file_operations evlog_fops = {
	.owner	= THIS_MODULE,
	.mmap_prepare = evlog_mmap_prepare,
	.mmap_complete = evlog_mmap_complete,
};

static const struct file_operations evlog_ro_fops = {
	.owner	= THIS_MODULE,
	.mmap_prepare = evlog_ro_mmap_prepare,
};

int evlog_register(void)
{
	int ret = register_chrdev(0, "evlog", &evlog_fops);

	return ret < 0 ? ret : register_chrdev(0, "evlog-ro", &evlog_ro_fops);
}
