/* SPDX-License-Identifier: GPL-2.0 */
/* The slot was renamed, the handler and its prototype were not. */
#ifndef RING_H
#define RING_H
struct file;
struct vm_area_struct;
int ring_mmap(struct file *file, struct vm_area_struct *vma);
#endif
