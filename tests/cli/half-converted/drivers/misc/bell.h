/* SPDX-License-Identifier: GPL-2.0 */
/* The handler was renamed, its prototype and the slot were not. */
#ifndef BELL_H
#define BELL_H
struct file;
struct vm_area_struct;
int bell_mmap(struct file *file, struct vm_area_struct *vma);
#endif
