/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: the vb2 file helpers a V4L2 driver plugs into its table. */
#ifndef _MOCK_MEDIA_VIDEOBUF2_V4L2_H
#define _MOCK_MEDIA_VIDEOBUF2_V4L2_H

#include <linux/types.h>

struct file;
struct vm_area_struct;
struct poll_table_struct;

int vb2_fop_mmap(struct file *file, struct vm_area_struct *vma);
int vb2_fop_release(struct file *file);
__poll_t vb2_fop_poll(struct file *file, struct poll_table_struct *wait);

#endif /* _MOCK_MEDIA_VIDEOBUF2_V4L2_H */
