/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: dma-buf exporter ops (an mmap slot that is not fops). */
#ifndef _MOCK_LINUX_DMA_BUF_H
#define _MOCK_LINUX_DMA_BUF_H

#include <linux/types.h>

struct file;
struct vm_area_struct;
struct dma_buf;

struct dma_buf_ops {
	void (*release)(struct dma_buf *dmabuf);
	int (*begin_cpu_access)(struct dma_buf *dmabuf, int dir);
	int (*end_cpu_access)(struct dma_buf *dmabuf, int dir);
	int (*mmap)(struct dma_buf *dmabuf, struct vm_area_struct *vma);
};

struct dma_buf {
	size_t size;
	struct file *file;
	const struct dma_buf_ops *ops;
	void *priv;
};

int dma_buf_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma,
		 unsigned long pgoff);
struct dma_buf *dma_buf_get(int fd);
void dma_buf_put(struct dma_buf *dmabuf);

#endif /* _MOCK_LINUX_DMA_BUF_H */
