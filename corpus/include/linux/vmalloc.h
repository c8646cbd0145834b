/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: vmalloc (remap_vmalloc_range() is declared in linux/mm.h). */
#ifndef _MOCK_LINUX_VMALLOC_H
#define _MOCK_LINUX_VMALLOC_H

#include <linux/mm.h>

void *vmalloc(unsigned long size);
void *vmalloc_user(unsigned long size);
void vfree(const void *addr);

#endif /* _MOCK_LINUX_VMALLOC_H */
