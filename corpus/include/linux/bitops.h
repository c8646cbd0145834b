/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: bit operations on unsigned long words. */
#ifndef _MOCK_LINUX_BITOPS_H
#define _MOCK_LINUX_BITOPS_H

#include <linux/types.h>

#define BIT(nr)		(1UL << (nr))

void set_bit(long nr, volatile unsigned long *addr);
void clear_bit(long nr, volatile unsigned long *addr);
bool test_bit(long nr, const volatile unsigned long *addr);
bool test_and_set_bit(long nr, volatile unsigned long *addr);

#endif /* _MOCK_LINUX_BITOPS_H */
