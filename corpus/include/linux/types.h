/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: basic kernel types. Written for the corpus, not copied. */
#ifndef _MOCK_LINUX_TYPES_H
#define _MOCK_LINUX_TYPES_H

#define NULL ((void *)0)

typedef _Bool bool;
enum {
	false = 0,
	true = 1
};

typedef signed char s8;
typedef unsigned char u8;
typedef short s16;
typedef unsigned short u16;
typedef int s32;
typedef unsigned int u32;
typedef long long s64;
typedef unsigned long long u64;

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef long long loff_t;
typedef unsigned long uintptr_t;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef unsigned int gfp_t;
typedef unsigned long pgoff_t;
typedef unsigned int __poll_t;
typedef unsigned short umode_t;
typedef unsigned int fmode_t;
typedef u32 dev_t;

typedef struct {
	int counter;
} atomic_t;

struct list_head {
	struct list_head *next, *prev;
};

#endif /* _MOCK_LINUX_TYPES_H */
