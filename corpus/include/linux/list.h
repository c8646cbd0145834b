/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: doubly linked lists (struct list_head is in linux/types.h). */
#ifndef _MOCK_LINUX_LIST_H
#define _MOCK_LINUX_LIST_H

#include <linux/types.h>

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

void INIT_LIST_HEAD(struct list_head *list);
void list_add(struct list_head *entry, struct list_head *head);
void list_add_tail(struct list_head *entry, struct list_head *head);
void list_del(struct list_head *entry);
bool list_empty(const struct list_head *head);

#endif /* _MOCK_LINUX_LIST_H */
