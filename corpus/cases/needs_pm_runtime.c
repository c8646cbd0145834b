/*
 * Construct: pm_runtime_get_sync() keeps the block powered while mapped;
 * vm_ops->close drops it.
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pm_runtime.h>

struct isp_dev {
	struct device *dev;
};

static void isp_vm_close(struct vm_area_struct *vma)
{
	struct isp_dev *isp = vma->vm_private_data;

	pm_runtime_put(isp->dev);
}

static const struct vm_operations_struct isp_vm_ops = {
	.close = isp_vm_close,
};

// CHECK-DAG: {{.*}}needs_pm_runtime.c:[[@LINE+1]]:12: note: ->mmap handler 'isp_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int isp_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct isp_dev *isp = file->private_data;
	int ret;

	/* The registers only answer while the block is powered. */
	ret = pm_runtime_get_sync(isp->dev);
	// CHECK-DAG: {{.*}}needs_pm_runtime.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}pm_runtime_get_sync{{.*}} [mmap-migrate-needs-mapped]
	if (ret < 0) {
		pm_runtime_put_noidle(isp->dev);
		return ret;
	}

	vma->vm_private_data = isp;
	vma->vm_ops = &isp_vm_ops;
	return 0;
}

static const struct file_operations isp_fops = {
	.owner = THIS_MODULE,
	.mmap = isp_mmap,
	// CHECK-DAG: {{.*}}needs_pm_runtime.c:[[@LINE-1]]:10: note: 'isp_fops' sets ->mmap to 'isp_mmap' [mmap-migrate-site]
};

int isp_register(void)
{
	return register_chrdev(0, "isp", &isp_fops);
}
