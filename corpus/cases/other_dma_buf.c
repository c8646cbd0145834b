/*
 * Construct: a dma-buf exporter's struct dma_buf_ops .mmap
 * (dma_buf, vma). It is not a fops site.
 * Expected: one other-table line; no site, no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]
// NEG-NOT: note: ->mmap handler

#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <linux/slab.h>

struct expbuf {
	unsigned long nr_pages;
	struct page **pages;
};

static int expbuf_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
{
	struct expbuf *buf = dmabuf->priv;

	return vm_map_pages(vma, buf->pages, buf->nr_pages);
}

static void expbuf_release(struct dma_buf *dmabuf)
{
	kfree(dmabuf->priv);
}

const struct dma_buf_ops expbuf_ops = {
	.release = expbuf_release,
	.mmap = expbuf_mmap,
	// CHECK-DAG: {{.*}}other_dma_buf.c:[[@LINE-1]]:10: note: struct dma_buf_ops.mmap = 'expbuf_mmap' is not a file_operations ->mmap [mmap-migrate-other-table]
};
