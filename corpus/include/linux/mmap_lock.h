/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: the mmap lock. */
#ifndef _MOCK_LINUX_MMAP_LOCK_H
#define _MOCK_LINUX_MMAP_LOCK_H

struct mm_struct;

void mmap_read_lock(struct mm_struct *mm);
void mmap_read_unlock(struct mm_struct *mm);
void mmap_write_lock(struct mm_struct *mm);
void mmap_write_unlock(struct mm_struct *mm);

#endif /* _MOCK_LINUX_MMAP_LOCK_H */
