/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: binary sysfs attributes (an mmap slot that is not fops). */
#ifndef _MOCK_LINUX_SYSFS_H
#define _MOCK_LINUX_SYSFS_H

#include <linux/types.h>
#include <linux/kobject.h>

struct file;
struct vm_area_struct;

struct attribute {
	const char *name;
	umode_t mode;
};

struct bin_attribute {
	struct attribute attr;
	size_t size;
	void *private;
	ssize_t (*read)(struct file *, struct kobject *,
			const struct bin_attribute *, char *, loff_t, size_t);
	ssize_t (*write)(struct file *, struct kobject *,
			 const struct bin_attribute *, char *, loff_t, size_t);
	int (*mmap)(struct file *, struct kobject *,
		    const struct bin_attribute *attr, struct vm_area_struct *vma);
};

int sysfs_create_bin_file(struct kobject *kobj, const struct bin_attribute *attr);

#endif /* _MOCK_LINUX_SYSFS_H */
