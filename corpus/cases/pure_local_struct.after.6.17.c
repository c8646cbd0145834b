/*
 * Construct: the handler fills a struct on its own stack (field stores,
 * a compound assignment, an increment in a loop) before it decides.
 * Expected: pure-setup, verdict convert: every store lands in a local.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct dsc_dev {
	unsigned long bank_pages[4];
};

struct dsc_span {
	unsigned long first;
	unsigned long pages;
};

// CHECK-DAG: {{.*}}pure_local_struct.c:[[@LINE+1]]:12: note: ->mmap handler 'dsc_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int dsc_mmap_prepare(struct vm_area_desc *desc)
{
	struct dsc_dev *dsc = desc->file->private_data;
	struct dsc_span span;
	int i;

	span.first = desc->pgoff;
	span.pages = 0;
	for (i = 0; i < 4; i++)
		span.pages += dsc->bank_pages[i];

	if (span.first + ((desc->end - desc->start) >> PAGE_SHIFT) > span.pages)
		return -EINVAL;

	desc->private_data = dsc;
	return 0;
}

static const struct file_operations dsc_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = dsc_mmap_prepare,
};

int dsc_register(void)
{
	return register_chrdev(0, "dsc", &dsc_fops);
}
