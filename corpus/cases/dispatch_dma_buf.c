/*
 * Construct: a view file that maps an imported dma-buf with dma_buf_mmap().
 * Expected: dispatch, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/dma-buf.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct dbuf_view {
	struct dma_buf *dmabuf;
};

// CHECK-DAG: {{.*}}dispatch_dma_buf.c:[[@LINE+1]]:12: note: ->mmap handler 'dbuf_view_mmap' is dispatch, verdict manual [mmap-migrate-dispatch]
static int dbuf_view_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct dbuf_view *view = file->private_data;

	return dma_buf_mmap(view->dmabuf, vma, 0);
	// CHECK-DAG: {{.*}}dispatch_dma_buf.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}dma_buf_mmap{{.*}} [mmap-migrate-dispatch]
}

static const struct file_operations dbuf_view_fops = {
	.owner = THIS_MODULE,
	.mmap = dbuf_view_mmap,
	// CHECK-DAG: {{.*}}dispatch_dma_buf.c:[[@LINE-1]]:10: note: 'dbuf_view_fops' sets ->mmap to 'dbuf_view_mmap' [mmap-migrate-site]
};

int dbuf_view_register(void)
{
	return register_chrdev(0, "dbufview", &dbuf_view_fops);
}
