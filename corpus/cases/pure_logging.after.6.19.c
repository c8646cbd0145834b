/*
 * Construct: logging on the refusal paths: dev_err(), pr_debug() and
 * WARN_ON_ONCE(), whose static "already warned" flag is part of the
 * warning, not driver state.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// JSON: "rule": "logging"

#include <linux/bug.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>

struct spi_mem_dev {
	struct device *dev;
	unsigned long pages;
};

// CHECK-DAG: {{.*}}pure_logging.c:[[@LINE+1]]:12: note: ->mmap handler 'smem_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int smem_mmap_prepare(struct vm_area_desc *desc)
{
	struct spi_mem_dev *sm = desc->file->private_data;

	if (WARN_ON_ONCE(!sm->pages))
		return -ENODEV;
	if (vma_desc_pages(desc) > sm->pages) {
		dev_err(sm->dev, "mapping of %lu pages is too large\n", vma_desc_pages(desc));
		return -EINVAL;
	}

	pr_debug("spi-mem: mapping %lu pages\n", vma_desc_pages(desc));
	desc->private_data = sm;
	return 0;
}

static const struct file_operations smem_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = smem_mmap_prepare,
};

int smem_register(void)
{
	return register_chrdev(0, "smem", &smem_fops);
}
