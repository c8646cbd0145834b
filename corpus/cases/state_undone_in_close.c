/*
 * Construct: a mapping count taken in ->mmap and given back in the
 * vm_ops->close the handler installs: state that lives as long as the
 * mapping.
 * Expected: changes-state, verdict manual: in prepare the count would leak
 * whenever the mapping fails after it; it belongs in vm_ops->mapped.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct vpu_dev {
	unsigned long code_pages;
	int map_count;
};

static void vpu_vm_close(struct vm_area_struct *vma)
{
	struct vpu_dev *vpu = vma->vm_private_data;

	vpu->map_count--;
}

static const struct vm_operations_struct vpu_vm_ops = {
	.close = vpu_vm_close,
};

// CHECK-DAG: {{.*}}state_undone_in_close.c:[[@LINE+1]]:12: note: ->mmap handler 'vpu_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int vpu_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vpu_dev *vpu = file->private_data;

	if (vma_pages(vma) > vpu->code_pages)
		return -EINVAL;

	vpu->map_count++;
	// CHECK-DAG: {{.*}}state_undone_in_close.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}map_count{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = vpu;
	vma->vm_ops = &vpu_vm_ops;
	return 0;
}

static const struct file_operations vpu_fops = {
	.owner = THIS_MODULE,
	.mmap = vpu_mmap,
};

int vpu_register(void)
{
	return register_chrdev(0, "vpu", &vpu_fops);
}
