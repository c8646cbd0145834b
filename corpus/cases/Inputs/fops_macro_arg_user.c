// SPDX-License-Identifier: GPL-2.0
/* The one caller of lens_get_fd(): nothing about mmap in its text. */
#include "fops_macro_arg.h"

int lens_attach(void *ctx, int *fd)
{
	return lens_get_fd(ctx, &lens_fops, fd);
}
