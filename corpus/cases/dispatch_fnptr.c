/*
 * Construct: the handler forwards to a backend chosen at open time through
 * a function pointer, priv->ops->mmap(file, vma). The backend ops struct is
 * the driver's own type; no instance of it is defined here. Handing the
 * vma to another ->mmap-shaped callback is dispatch, not vma-escapes.
 * Expected: dispatch, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct accel_backend_ops {
	int (*open)(struct file *file);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
};

struct accel_priv {
	const struct accel_backend_ops *ops;
};

// CHECK-DAG: {{.*}}dispatch_fnptr.c:[[@LINE+1]]:12: note: ->mmap handler 'accel_mmap' is dispatch, verdict manual [mmap-migrate-dispatch]
static int accel_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct accel_priv *priv = file->private_data;

	if (!priv->ops->mmap)
		return -ENODEV;

	return priv->ops->mmap(file, vma);
	// CHECK-DAG: {{.*}}dispatch_fnptr.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}} [mmap-migrate-dispatch]
}

static const struct file_operations accel_fops = {
	.owner = THIS_MODULE,
	.mmap = accel_mmap,
	// CHECK-DAG: {{.*}}dispatch_fnptr.c:[[@LINE-1]]:10: note: 'accel_fops' sets ->mmap to 'accel_mmap' [mmap-migrate-site]
};

int accel_register(void)
{
	return register_chrdev(0, "accel", &accel_fops);
}
