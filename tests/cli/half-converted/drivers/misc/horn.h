/* SPDX-License-Identifier: GPL-2.0 */
/* Not converted at all, handler in another file: nothing to report. */
#ifndef HORN_H
#define HORN_H
struct file;
struct vm_area_struct;
int horn_mmap(struct file *file, struct vm_area_struct *vma);
#endif
