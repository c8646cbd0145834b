/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: struct proc_ops (its mmap slot is proc_mmap). */
#ifndef _MOCK_LINUX_PROC_FS_H
#define _MOCK_LINUX_PROC_FS_H

#include <linux/types.h>
#include <linux/compiler.h>

struct file;
struct inode;
struct vm_area_struct;
struct proc_dir_entry;

struct proc_ops {
	unsigned int proc_flags;
	int (*proc_open)(struct inode *, struct file *);
	ssize_t (*proc_read)(struct file *, char __user *, size_t, loff_t *);
	loff_t (*proc_lseek)(struct file *, loff_t, int);
	int (*proc_release)(struct inode *, struct file *);
	int (*proc_mmap)(struct file *, struct vm_area_struct *);
};

struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops);

#endif /* _MOCK_LINUX_PROC_FS_H */
