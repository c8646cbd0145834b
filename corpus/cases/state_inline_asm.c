/*
 * Construct: a static inline helper of the driver that opens the device's
 * aperture with inline assembly.
 * Expected: changes-state, verdict manual: an asm statement's effect is
 * not known.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct apr_dev {
	unsigned int msr;
	unsigned long pages;
};

static inline void apr_open(struct apr_dev *apr)
{
	asm volatile("wrmsr" : : "c"(apr->msr), "a"(1), "d"(0) : "memory");
	// CHECK-DAG: {{.*}}state_inline_asm.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}assembly{{.*}} [mmap-migrate-changes-state]
}

// CHECK-DAG: {{.*}}state_inline_asm.c:[[@LINE+1]]:12: note: ->mmap handler 'apr_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int apr_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct apr_dev *apr = file->private_data;

	if (vma_pages(vma) > apr->pages)
		return -EINVAL;

	apr_open(apr);
	vma->vm_private_data = apr;
	return 0;
}

static const struct file_operations apr_fops = {
	.owner = THIS_MODULE,
	.mmap = apr_mmap,
};

int apr_register(void)
{
	return register_chrdev(0, "apr", &apr_fops);
}
