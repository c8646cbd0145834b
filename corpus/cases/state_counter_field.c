/*
 * Construct: the handler counts its mappings in the driver's own struct
 * (`dev->nmaps++`), with no vma involved and no known name called.
 * Expected: changes-state, verdict manual (prepare may run for a mapping
 * that never comes to exist: nothing would take the count back).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct tcap_dev {
	unsigned long buf_pages;
	unsigned int nmaps;
};

// CHECK-DAG: {{.*}}state_counter_field.c:[[@LINE+1]]:12: note: ->mmap handler 'tcap_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int tcap_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct tcap_dev *dev = file->private_data;

	if (vma_pages(vma) > dev->buf_pages)
		return -EINVAL;

	dev->nmaps++;
	// CHECK-DAG: {{.*}}state_counter_field.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}nmaps{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = dev;
	return 0;
}

static const struct file_operations tcap_fops = {
	.owner = THIS_MODULE,
	.mmap = tcap_mmap,
};

int tcap_register(void)
{
	return register_chrdev(0, "tcap", &tcap_fops);
}
