/*
 * Construct: refcount_inc() counting the mappings of a session.
 * Expected: needs-mapped, verdict convert under 7.1 (moved to
 * vm_ops->mapped), manual under 6.19.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
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

// CHECK-DAG: {{.*}}needs_refcount.c:[[@LINE+1]]:12: note: ->mmap handler 'cap_mmap' is needs-mapped, verdict convert [mmap-migrate-needs-mapped]
static int cap_mmap_prepare(struct vm_area_desc *desc)
{
	struct cap_session *sess = desc->file->private_data;

	// CHECK-DAG: {{.*}}needs_refcount.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}refcount_inc{{.*}} [mmap-migrate-needs-mapped]
	desc->private_data = sess;
	desc->vm_ops = &cap_vm_ops;
	return 0;
}

static int cap_mmap_complete(struct file *file, struct vm_area_struct *vma,
			     const void *context)
{
	struct cap_session *sess = file->private_data;

	refcount_inc(&sess->maps);
	return 0;
}

static const struct file_operations cap_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = cap_mmap_prepare,
	.mmap_complete = cap_mmap_complete,
	// CHECK-DAG: {{.*}}needs_refcount.c:[[@LINE-1]]:10: note: 'cap_fops' sets ->mmap to 'cap_mmap' [mmap-migrate-site]
};

int cap_register(void)
{
	return register_chrdev(0, "cap", &cap_fops);
}
