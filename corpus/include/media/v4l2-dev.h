/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: V4L2 video nodes and their own file operations table. */
#ifndef _MOCK_MEDIA_V4L2_DEV_H
#define _MOCK_MEDIA_V4L2_DEV_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/device.h>

struct file;
struct module;
struct poll_table_struct;
struct vm_area_struct;

struct v4l2_file_operations {
	struct module *owner;
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct file *);
	int (*release)(struct file *);
};

struct video_device {
	const char *name;
	const struct v4l2_file_operations *fops;
	struct device *dev_parent;
};

struct video_device *video_devdata(struct file *file);
long video_ioctl2(struct file *file, unsigned int cmd, unsigned long arg);
int v4l2_fh_open(struct file *filp);
int v4l2_fh_release(struct file *filp);

#endif /* _MOCK_MEDIA_V4L2_DEV_H */
