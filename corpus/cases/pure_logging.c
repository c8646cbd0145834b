/*
 * Construct: logging on the refusal paths: dev_err(), pr_debug() and
 * WARN_ON_ONCE(), whose static "already warned" flag is part of the
 * warning, not driver state.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
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
static int smem_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct spi_mem_dev *sm = file->private_data;

	if (WARN_ON_ONCE(!sm->pages))
		return -ENODEV;
	if (vma_pages(vma) > sm->pages) {
		dev_err(sm->dev, "mapping of %lu pages is too large\n", vma_pages(vma));
		return -EINVAL;
	}

	pr_debug("spi-mem: mapping %lu pages\n", vma_pages(vma));
	vma->vm_private_data = sm;
	return 0;
}
// CHECK-FIXES: {{^}}static int smem_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct spi_mem_dev *sm = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V617-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > sm->pages) {{{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		dev_err(sm->dev, "mapping of %lu pages is too large\n", ((desc->end - desc->start) >> PAGE_SHIFT));{{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (vma_desc_pages(desc) > sm->pages) {{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		dev_err(sm->dev, "mapping of %lu pages is too large\n", vma_desc_pages(desc));{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V617-RFC: {{^}}	pr_debug("spi-mem: mapping %lu pages\n", ((desc->end - desc->start) >> PAGE_SHIFT));{{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}	desc->private_data = sm;{{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	pr_debug("spi-mem: mapping %lu pages\n", vma_desc_pages(desc));{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	desc->private_data = sm;{{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations smem_fops = {
	.owner = THIS_MODULE,
	.mmap = smem_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = smem_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int smem_register(void)
{
	return register_chrdev(0, "smem", &smem_fops);
}
