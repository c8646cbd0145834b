/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: kmalloc family. */
#ifndef _MOCK_LINUX_SLAB_H
#define _MOCK_LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void kfree(const void *objp);

#endif /* _MOCK_LINUX_SLAB_H */
