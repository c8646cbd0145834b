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

/*
 * As in 6.10 and later: the allocator a driver names is a macro around the
 * function it really calls, so a list of names never sees the call.
 */
void *kvmalloc_node_noprof(size_t size, gfp_t flags, int node);
#define alloc_hooks(_do_alloc)	(_do_alloc)
#define kvmalloc_node(...)	alloc_hooks(kvmalloc_node_noprof(__VA_ARGS__))
#define kvzalloc_node(_size, _flags, _node) \
	kvmalloc_node(_size, (_flags) | __GFP_ZERO, _node)

#endif /* _MOCK_LINUX_SLAB_H */
