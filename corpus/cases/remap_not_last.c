/*
 * Construct: the remap runs under a mutex and the handler sets vm_ops and
 * unlocks after it. As an action the remap would run after the unlock.
 * Expected: remap-pfn, verdict manual with the rewrite's refusal: the
 * remap is not the handler's last step.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 6.19 --verify-arg=-DMOCK_PROFILE_6_19 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: remap_not_last.c:[[@LINE+17]]:12: warning: 'lockbuf_mmap' not rewritten: remap_pfn_range() at line [[@LINE+27]] is not the handler's last step
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct lockbuf {
	struct mutex lock;
	unsigned long pfn;
	bool gone;
};

static const struct vm_operations_struct lockbuf_vm_ops;

static int lockbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct lockbuf *lb = file->private_data;
	int ret = 0;

	mutex_lock(&lb->lock);
	if (lb->gone) {
		ret = -ENODEV;
		goto out;
	}
	ret = remap_pfn_range(vma, vma->vm_start, lb->pfn,
			      vma->vm_end - vma->vm_start, vma->vm_page_prot);
	if (!ret)
		vma->vm_ops = &lockbuf_vm_ops;
out:
	mutex_unlock(&lb->lock);
	return ret;
}

static const struct file_operations lockbuf_fops = {
	.owner = THIS_MODULE,
	.mmap = lockbuf_mmap,
};

int lockbuf_register(void)
{
	return register_chrdev(0, "lockbuf", &lockbuf_fops);
}
