/* SPDX-License-Identifier: GPL-2.0 */
/* Converted whole: nothing to report (the positive control). */
#ifndef DRUM_H
#define DRUM_H
struct vm_area_desc;
int drum_mmap_prepare(struct vm_area_desc *desc);
#endif
