/*
 * Construct: the store sits in a helper defined in another file of the
 * driver (Inputs/state_other_file_impl.c), scanned with it.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s %S/Inputs/state_other_file_impl.c -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 2 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct enc_dev {
	unsigned long pages;
	void *owner;
};

void enc_take_owner(struct enc_dev *enc, struct file *file);

// CHECK-DAG: {{.*}}state_other_file.c:[[@LINE+1]]:12: note: ->mmap handler 'enc_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int enc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct enc_dev *enc = file->private_data;

	if (vma_pages(vma) > enc->pages)
		return -EINVAL;

	enc_take_owner(enc, file);
	// CHECK-DAG: {{.*}}state_other_file.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}enc_take_owner{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = enc;
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
