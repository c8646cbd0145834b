/*
 * Construct: as in intel_th's msu.c: the handler counts a user with
 * atomic_inc_unless_negative() and sets a second atomic, both dropped only
 * in vm_ops->close. Neither name is in any list of "side effects".
 * Expected: verdict manual (when the mapping fails after prepare, close
 * never runs: the count leaks). The user count is undone in close, so it is
 * needs-mapped (mapping-lifetime state); it gates a failure return, so it
 * cannot move to vm_ops->mapped. atomic_set() pairs with no undo: it stays
 * changes-state.
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
	atomic_t user_count;
	atomic_t mmap_count;
	unsigned long nr_pages;
};

static void trc_vm_close(struct vm_area_struct *vma)
{
	struct trc_buf *buf = vma->vm_private_data;

	atomic_dec(&buf->mmap_count);
	atomic_dec(&buf->user_count);
}

static const struct vm_operations_struct trc_vm_ops = {
	.close = trc_vm_close,
};

// CHECK-DAG: {{.*}}state_atomic_unlisted.c:[[@LINE+1]]:12: note: ->mmap handler 'trc_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int trc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct trc_buf *buf = file->private_data;

	if (vma_pages(vma) != buf->nr_pages)
		return -EINVAL;
	if (!atomic_inc_unless_negative(&buf->user_count))
		// CHECK-DAG: {{.*}}state_atomic_unlisted.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}atomic_inc_unless_negative(), undone in trc_vm_close(){{.*}} [mmap-migrate-needs-mapped]
		return -EINVAL;

	atomic_set(&buf->mmap_count, 1);
	// CHECK-DAG: {{.*}}state_atomic_unlisted.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}atomic_set{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = buf;
	vma->vm_ops = &trc_vm_ops;
	return 0;
}

static const struct file_operations trc_fops = {
	.owner = THIS_MODULE,
	.mmap = trc_mmap,
};

int trc_register(void)
{
	return register_chrdev(0, "trc", &trc_fops);
}
