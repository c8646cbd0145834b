/*
 * Construct: the handler changes the open file itself (it makes the file
 * unseekable once mapped).
 * Expected: changes-state, verdict manual: the file outlives a mapping
 * that fails.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

// CHECK-DAG: {{.*}}state_file_field.c:[[@LINE+1]]:12: note: ->mmap handler 'tap_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int tap_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;

	file->f_mode &= ~FMODE_READ;
	// CHECK-DAG: {{.*}}state_file_field.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}f_mode{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = file->private_data;
	return 0;
}

static const struct file_operations tap_fops = {
	.owner = THIS_MODULE,
	.mmap = tap_mmap,
};

int tap_register(void)
{
	return register_chrdev(0, "tap", &tap_fops);
}
