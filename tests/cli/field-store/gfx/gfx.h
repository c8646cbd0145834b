/* SPDX-License-Identifier: GPL-2.0 */
/* A framework that keeps each driver's file_operations in its own struct. */
#include <linux/fs.h>

struct gfx_driver {
	const char *name;
	const struct file_operations *fops;
};

struct gfx_object {
	const struct gfx_driver *driver;
};

extern const struct file_operations card_fops;
