/*
 * Construct: a debug hook the configuration compiles out with a constant
 * (`if (XDMA_TRACE_MAPS) ...`, as IS_ENABLED() does): the call to a
 * function of unknown effect can never run.
 * Expected: pure-setup, verdict convert. Code the compiler folds away is
 * not judged; the same call on a live path would make it manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DXDMA_TRACE_MAPS=1 | FileCheck --check-prefix=LIVE %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// LIVE: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

#ifndef XDMA_TRACE_MAPS
#define XDMA_TRACE_MAPS 0
#endif

struct xdma_chan {
	unsigned long ring_pages;
};

void xdma_trace_map(struct xdma_chan *ch, unsigned long pgoff);

// CHECK-DAG: {{.*}}pure_dead_branch.c:[[@LINE+1]]:12: note: ->mmap handler 'xdma_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int xdma_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct xdma_chan *ch = file->private_data;

	if (vma_pages(vma) > ch->ring_pages)
		return -EINVAL;
	if (XDMA_TRACE_MAPS)
		xdma_trace_map(ch, vma->vm_pgoff);
	// LIVE: {{.*}}pure_dead_branch.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}xdma_trace_map{{.*}} [mmap-migrate-changes-state]

	vma->vm_private_data = ch;
	return 0;
}
// CHECK-FIXES: {{^}}static int xdma_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct xdma_chan *ch = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V617-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > ch->ring_pages){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (vma_desc_pages(desc) > ch->ring_pages){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}		xdma_trace_map(ch, desc->pgoff);{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{L}}IVE: {{\{\{}}.*}}pure_dead_branch.c:{{\[\[}}@LINE-1]]:{{\{\{}}[0-9]+}}: note: {{\{\{}}.*}}xdma_trace_map{{\{\{}}.*}} [mmap-migrate-changes-state]{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = ch;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations xdma_fops = {
	.owner = THIS_MODULE,
	.mmap = xdma_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = xdma_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int xdma_register(void)
{
	return register_chrdev(0, "xdma", &xdma_fops);
}
