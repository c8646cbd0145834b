/*
 * Construct: the store hides in a static helper of the same file, which
 * takes no vma: `adc_mark_busy(adc)` sets `adc->busy`.
 * Expected: changes-state, verdict manual, the finding at the helper's
 * line and the call chain in the message.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct adc_dev {
	unsigned long fifo_pages;
	int busy;
};

static void adc_mark_busy(struct adc_dev *adc)
{
	adc->busy = 1;
	// CHECK-DAG: {{.*}}state_static_helper.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}busy{{.*}}adc_mark_busy(){{.*}} [mmap-migrate-changes-state]
}

// CHECK-DAG: {{.*}}state_static_helper.c:[[@LINE+1]]:12: note: ->mmap handler 'adc_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int adc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct adc_dev *adc = file->private_data;

	if (vma_pages(vma) > adc->fifo_pages)
		return -EINVAL;

	adc_mark_busy(adc);
	vma->vm_private_data = adc;
	return 0;
}

static const struct file_operations adc_fops = {
	.owner = THIS_MODULE,
	.mmap = adc_mmap,
};

int adc_register(void)
{
	return register_chrdev(0, "adc", &adc_fops);
}
