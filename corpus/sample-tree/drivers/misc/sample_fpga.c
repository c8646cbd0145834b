// SPDX-License-Identifier: GPL-2.0
/* An FPGA manager that remembers the user's vma: it escapes. */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct fpga {
	struct vm_area_struct *user_vma;
};

static int fpga_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct fpga *fpga = file->private_data;

	fpga->user_vma = vma;
	return 0;
}

static const struct file_operations fpga_fops = {
	.mmap	= fpga_mmap,
};
