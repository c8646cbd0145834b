/*
 * Construct: a static helper of the same file that only computes (reads
 * the device, writes its own locals) decides whether the mapping fits.
 * Expected: pure-setup, verdict convert: the helper's body is judged, and
 * every statement in it is claimed.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// JSON: "rule": "followed-call"

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct pmem_region {
	unsigned long base_pfn;
	unsigned long nr_pages;
	unsigned long guard_pages;
};

static unsigned long pmem_usable_pages(const struct pmem_region *r)
{
	unsigned long usable = r->nr_pages;

	if (usable > r->guard_pages)
		usable -= r->guard_pages;
	else
		usable = 0;
	return usable;
}

// CHECK-DAG: {{.*}}pure_helper_same_tu.c:[[@LINE+1]]:12: note: ->mmap handler 'pmem_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int pmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct pmem_region *r = file->private_data;

	if (vma->vm_pgoff + vma_pages(vma) > pmem_usable_pages(r))
		return -EINVAL;

	vma->vm_private_data = r;
	return 0;
}
// CHECK-FIXES: {{^}}static int pmem_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct pmem_region *r = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V617-RFC: {{^}}	if (desc->pgoff + ((desc->end - desc->start) >> PAGE_SHIFT) > pmem_usable_pages(r)){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (desc->pgoff + vma_desc_pages(desc) > pmem_usable_pages(r)){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = r;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations pmem_fops = {
	.owner = THIS_MODULE,
	.mmap = pmem_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = pmem_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int pmem_register(void)
{
	return register_chrdev(0, "pmem", &pmem_fops);
}
