/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: the DRM character device entry points. */
#ifndef _MOCK_DRM_DRM_FILE_H
#define _MOCK_DRM_DRM_FILE_H

#include <linux/types.h>
#include <linux/compiler.h>

struct file;
struct inode;
struct poll_table_struct;

int drm_open(struct inode *inode, struct file *filp);
int drm_release(struct inode *inode, struct file *filp);
ssize_t drm_read(struct file *filp, char __user *buffer, size_t count,
		 loff_t *offset);
__poll_t drm_poll(struct file *filp, struct poll_table_struct *wait);

#endif /* _MOCK_DRM_DRM_FILE_H */
