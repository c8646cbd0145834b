/*
 * Construct: the handler counts mapping attempts in its own struct and can
 * still fail after counting; nothing takes the count back.
 * Expected: changes-state, verdict manual: a count is not a flag, every
 * prepare that fails later would add one more.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct meter_dev {
	unsigned long pages;
	unsigned int attempts;
};

// CHECK-DAG: {{.*}}sticky_counter.c:[[@LINE+1]]:12: note: ->mmap handler 'meter_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int meter_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct meter_dev *meter = file->private_data;

	meter->attempts++;
	// CHECK-DAG: {{.*}}sticky_counter.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}attempts{{.*}} [mmap-migrate-changes-state]
	if (vma_pages(vma) > meter->pages)
		return -EINVAL;

	vma->vm_private_data = meter;
	return 0;
}

static const struct file_operations meter_fops = {
	.owner = THIS_MODULE,
	.mmap = meter_mmap,
};

int meter_register(void)
{
	return register_chrdev(0, "meter", &meter_fops);
}
