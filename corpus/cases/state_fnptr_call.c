/*
 * Construct: the handler asks the board code, through a function pointer
 * that takes no vma, to open the window it maps.
 * Expected: changes-state, verdict manual: what the pointer calls is not
 * known.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct win_dev;

struct win_board_ops {
	int (*open_window)(struct win_dev *wd);
};

struct win_dev {
	const struct win_board_ops *ops;
	unsigned long pages;
};

// CHECK-DAG: {{.*}}state_fnptr_call.c:[[@LINE+1]]:12: note: ->mmap handler 'win_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int win_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct win_dev *wd = file->private_data;
	int ret;

	if (vma_pages(vma) > wd->pages)
		return -EINVAL;

	ret = wd->ops->open_window(wd);
	// CHECK-DAG: {{.*}}state_fnptr_call.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}function pointer{{.*}} [mmap-migrate-changes-state]
	if (ret)
		return ret;

	vma->vm_private_data = wd;
	return 0;
}

static const struct file_operations win_fops = {
	.owner = THIS_MODULE,
	.mmap = win_mmap,
};

int win_register(void)
{
	return register_chrdev(0, "win", &win_fops);
}
