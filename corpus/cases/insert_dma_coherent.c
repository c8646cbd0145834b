/*
 * Construct: dma_mmap_coherent() of a coherent DMA buffer. No action maps
 * DMA memory in the default profile.
 * Expected: insert-pages, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct dsp_buf {
	struct device *dev;
	void *cpu_addr;
	dma_addr_t dma_handle;
	size_t size;
};

// CHECK-DAG: {{.*}}insert_dma_coherent.c:[[@LINE+1]]:12: note: ->mmap handler 'dsp_buf_mmap' is insert-pages, verdict manual [mmap-migrate-insert-pages]
static int dsp_buf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct dsp_buf *buf = file->private_data;

	if (vma->vm_end - vma->vm_start > buf->size)
		return -EINVAL;

	return dma_mmap_coherent(buf->dev, vma, buf->cpu_addr, buf->dma_handle,
				 buf->size);
	// CHECK-DAG: {{.*}}insert_dma_coherent.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}dma_mmap_coherent{{.*}} [mmap-migrate-insert-pages]
}

static const struct file_operations dsp_buf_fops = {
	.owner = THIS_MODULE,
	.mmap = dsp_buf_mmap,
	// CHECK-DAG: {{.*}}insert_dma_coherent.c:[[@LINE-1]]:10: note: 'dsp_buf_fops' sets ->mmap to 'dsp_buf_mmap' [mmap-migrate-site]
};

int dsp_buf_register(void)
{
	return register_chrdev(0, "dspbuf", &dsp_buf_fops);
}
