/*
 * Construct: a debug hook the configuration compiles out with a constant
 * (`if (XDMA_TRACE_MAPS) ...`, as IS_ENABLED() does): the call to a
 * function of unknown effect can never run.
 * Expected: pure-setup, verdict convert. Code the compiler folds away is
 * not judged; the same call on a live path would make it manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DXDMA_TRACE_MAPS=1 | FileCheck --check-prefix=LIVE %s
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
static int xdma_mmap_prepare(struct vm_area_desc *desc)
{
	struct xdma_chan *ch = desc->file->private_data;

	if (vma_desc_pages(desc) > ch->ring_pages)
		return -EINVAL;
	if (XDMA_TRACE_MAPS)
		xdma_trace_map(ch, desc->pgoff);
	// LIVE: {{.*}}pure_dead_branch.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}xdma_trace_map{{.*}} [mmap-migrate-changes-state]

	desc->private_data = ch;
	return 0;
}

static const struct file_operations xdma_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = xdma_mmap_prepare,
};

int xdma_register(void)
{
	return register_chrdev(0, "xdma", &xdma_fops);
}
