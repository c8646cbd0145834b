/*
 * Construct: a mapping count undone in the vm_ops->close the handler
 * installs, with nothing after it that can fail, but a later statement of
 * the handler reads the count (to log it).
 * Expected: needs-mapped, verdict manual; no profile rewrites it: moved to
 * vm_ops->mapped, the count would change after the read, not before it.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RUN: cp %s %t.c && %mmap-migrate rewrite --profile 7.1 %t.c -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// RW: warning: 'enc_mmap' not rewritten: line {{[0-9]+}} uses the state enc->maps++ (line {{[0-9]+}}) changes: moved to vm_ops->mapped, the change would come after it

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>

struct enc_dev {
	unsigned long pages;
	int maps;
};

static void enc_vm_close(struct vm_area_struct *vma)
{
	struct enc_dev *enc = vma->vm_private_data;

	enc->maps--;
}

static const struct vm_operations_struct enc_vm_ops = {
	.close = enc_vm_close,
};

// CHECK-DAG: {{.*}}lifetime_read_after.c:[[@LINE+1]]:12: note: ->mmap handler 'enc_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int enc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct enc_dev *enc = file->private_data;

	if (vma_pages(vma) > enc->pages)
		return -EINVAL;

	enc->maps++;
	// CHECK-DAG: {{.*}}lifetime_read_after.c:[[@LINE-1]]:{{[0-9]+}}: note: enc->maps++, undone in enc_vm_close(){{.*}} [mmap-migrate-needs-mapped]
	pr_debug("enc: %d mappings\n", enc->maps);
	vma->vm_private_data = enc;
	vma->vm_ops = &enc_vm_ops;
	return 0;
}

static const struct file_operations enc_fops = {
	.owner = THIS_MODULE,
	.mmap = enc_mmap,
};

int enc_register(void)
{
	return register_chrdev(0, "enc", &enc_fops);
}
