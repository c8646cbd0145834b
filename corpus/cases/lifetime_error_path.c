/*
 * Construct: a user count taken with atomic_inc_unless_negative(), dropped
 * again on the handler's own error path and in the vm_ops->close it
 * installs; the handler can still fail after taking it.
 * Expected: needs-mapped (mapping-lifetime state), verdict manual; no
 * profile rewrites it: moved to vm_ops->mapped, the count would no longer
 * gate the checks that follow it.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct trc_buf {
	atomic_t users;
	unsigned long nr_pages;
	int mode;
};

static void trc_vm_close(struct vm_area_struct *vma)
{
	struct trc_buf *buf = vma->vm_private_data;

	atomic_dec(&buf->users);
}

static const struct vm_operations_struct trc_vm_ops = {
	.close = trc_vm_close,
};

// CHECK-DAG: {{.*}}lifetime_error_path.c:[[@LINE+1]]:12: note: ->mmap handler 'trc_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int trc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct trc_buf *buf = file->private_data;
	int ret = -EINVAL;

	if (!atomic_inc_unless_negative(&buf->users))
	// CHECK-DAG: {{.*}}lifetime_error_path.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}atomic_inc_unless_negative(){{.*}}undone in trc_vm_close(){{.*}} [mmap-migrate-needs-mapped]
		return -EINVAL;

	if (buf->mode != 1)
		goto out;
	if (vma_pages(vma) != buf->nr_pages)
		goto out;
	ret = 0;

out:
	if (ret)
		atomic_dec(&buf->users);

	vma->vm_private_data = buf;
	vma->vm_ops = &trc_vm_ops;
	return ret;
}

static const struct file_operations trc_fops = {
	.owner = THIS_MODULE,
	.mmap = trc_mmap,
};

int trc_register(void)
{
	return register_chrdev(0, "trc", &trc_fops);
}
