/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: atomic_t operations (atomic_t is in linux/types.h). */
#ifndef _MOCK_LINUX_ATOMIC_H
#define _MOCK_LINUX_ATOMIC_H

#include <linux/types.h>

int atomic_read(const atomic_t *v);
void atomic_set(atomic_t *v, int i);
void atomic_inc(atomic_t *v);
void atomic_dec(atomic_t *v);
int atomic_inc_return(atomic_t *v);
bool atomic_dec_and_test(atomic_t *v);
bool atomic_inc_unless_negative(atomic_t *v);
bool atomic_add_unless(atomic_t *v, int a, int u);

#endif /* _MOCK_LINUX_ATOMIC_H */
