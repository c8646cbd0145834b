/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: struct mutex. */
#ifndef _MOCK_LINUX_MUTEX_H
#define _MOCK_LINUX_MUTEX_H

#include <linux/types.h>

struct mutex {
	atomic_t owner;
};

#define DEFINE_MUTEX(name)	struct mutex name = { .owner = { 0 } }

void mutex_init(struct mutex *lock);
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

#endif /* _MOCK_LINUX_MUTEX_H */
