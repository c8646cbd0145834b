/* The lens backend: a table that lives in one file and a helper in another. */
#ifndef FOPS_MACRO_ARG_H
#define FOPS_MACRO_ARG_H

#include <linux/fs.h>

extern struct file_operations lens_fops;

int lens_get_fd(void *ctx, struct file_operations *fops, int *fd);

#endif
