/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: coherent DMA buffers and their user mappings. */
#ifndef _MOCK_LINUX_DMA_MAPPING_H
#define _MOCK_LINUX_DMA_MAPPING_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/device.h>

struct vm_area_struct;

void *dma_alloc_coherent(struct device *dev, size_t size,
			 dma_addr_t *dma_handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr,
		       dma_addr_t dma_handle);
int dma_mmap_coherent(struct device *dev, struct vm_area_struct *vma,
		      void *cpu_addr, dma_addr_t dma_addr, size_t size);
int dma_mmap_wc(struct device *dev, struct vm_area_struct *vma,
		void *cpu_addr, dma_addr_t dma_addr, size_t size);

#endif /* _MOCK_LINUX_DMA_MAPPING_H */
