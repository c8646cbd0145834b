/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmap-migrate mock: struct file, struct inode and struct file_operations.
 * The order of the file_operations members matters: the positional
 * initialiser case counts on ->mmap being the 12th member.
 */
#ifndef _MOCK_LINUX_FS_H
#define _MOCK_LINUX_FS_H

#include <linux/types.h>
#include <linux/compiler.h>

struct module;
struct vm_area_struct;
struct vm_area_desc;
struct poll_table_struct;
struct kiocb;
struct iov_iter;
struct dir_context;
struct io_comp_batch;
struct seq_file;
struct inode;

typedef void *fl_owner_t;

struct address_space {
	struct inode *host;
	unsigned long nrpages;
};

#define S_DAX		(1 << 13)

struct inode {
	umode_t i_mode;
	unsigned int i_flags;
	dev_t i_rdev;
	loff_t i_size;
	struct address_space *i_mapping;
	void *i_private;
};

#define FMODE_READ	((fmode_t)(1 << 0))
#define FMODE_WRITE	((fmode_t)(1 << 1))

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	struct address_space *f_mapping;
	unsigned int f_flags;
	fmode_t f_mode;
	loff_t f_pos;
	void *private_data;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	int (*iopoll)(struct kiocb *kiocb, struct io_comp_batch *, unsigned int flags);
	int (*iterate_shared)(struct file *, struct dir_context *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, fl_owner_t id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
	int (*fasync)(int, struct file *, int);
	unsigned long (*get_unmapped_area)(struct file *, unsigned long,
					   unsigned long, unsigned long,
					   unsigned long);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	int (*mmap_prepare)(struct vm_area_desc *);
#ifdef MOCK_PROFILE_RFC_MMAP_COMPLETE
	/* RFC (Sept 2025, unmerged): after the VMA is inserted / on failure. */
	int (*mmap_complete)(struct file *, struct vm_area_struct *,
			     const void *context);
	void (*mmap_abort)(const struct file *, const void *vm_private_data,
			   const void *context);
#endif
};

loff_t i_size_read(const struct inode *inode);

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

void file_accessed(struct file *file);
struct file *get_file(struct file *f);
void fput(struct file *file);

loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
int generic_file_open(struct inode *inode, struct file *filp);
int nonseekable_open(struct inode *inode, struct file *filp);
int simple_open(struct inode *inode, struct file *file);
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *iter);
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
int generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync);

int generic_file_mmap(struct file *file, struct vm_area_struct *vma);
int generic_file_readonly_mmap(struct file *file, struct vm_area_struct *vma);
int generic_file_mmap_prepare(struct vm_area_desc *desc);
int generic_file_readonly_mmap_prepare(struct vm_area_desc *desc);
/* Whether the file has either mmap hook (6.17). */
bool can_mmap_file(struct file *file);
/* Maps a file through either hook (6.17; call_mmap() before). */
int vfs_mmap(struct file *file, struct vm_area_struct *vma);

int register_chrdev(unsigned int major, const char *name,
		    const struct file_operations *fops);

/* Hands the mapping to another file's ->mmap (stacked filesystems). */
static inline int call_mmap(struct file *file, struct vm_area_struct *vma)
{
	return file->f_op->mmap(file, vma);
}

#endif /* _MOCK_LINUX_FS_H */
