/*
 * Construct: kzalloc() of per-mapping state hung off vm_private_data.
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

struct ctr_dev;

struct ctr_map {
	struct ctr_dev *cdev;
	unsigned long start;
};

static void ctr_vm_close(struct vm_area_struct *vma)
{
	kfree(vma->vm_private_data);
}

static const struct vm_operations_struct ctr_vm_ops = {
	.close = ctr_vm_close,
};

// CHECK-DAG: {{.*}}needs_kzalloc.c:[[@LINE+1]]:12: note: ->mmap handler 'ctr_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int ctr_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ctr_map *map;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	// CHECK-DAG: {{.*}}needs_kzalloc.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}kzalloc{{.*}} [mmap-migrate-needs-mapped]
	if (!map)
		return -ENOMEM;

	map->cdev = file->private_data;
	map->start = vma->vm_start;
	vma->vm_private_data = map;
	vma->vm_ops = &ctr_vm_ops;
	return 0;
}

static const struct file_operations ctr_fops = {
	.owner = THIS_MODULE,
	.mmap = ctr_mmap,
	// CHECK-DAG: {{.*}}needs_kzalloc.c:[[@LINE-1]]:10: note: 'ctr_fops' sets ->mmap to 'ctr_mmap' [mmap-migrate-site]
};

int ctr_register(void)
{
	return register_chrdev(0, "ctr", &ctr_fops);
}
