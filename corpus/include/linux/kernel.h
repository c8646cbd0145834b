/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: small helpers drivers take from linux/kernel.h. */
#ifndef _MOCK_LINUX_KERNEL_H
#define _MOCK_LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>

#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

int printk(const char *fmt, ...) __attribute__((__format__(printf, 1, 2)));

#define pr_err(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(fmt, ##__VA_ARGS__)

#endif /* _MOCK_LINUX_KERNEL_H */
