/*
 * Construct: split_vma() cuts the part of the mapping beyond the aperture
 * window off into its own VMA.
 * Expected: vma-surgery, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct aperture {
	unsigned long win_size;
};

static const struct vm_operations_struct aper_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}surgery_split_vma.c:[[@LINE+1]]:12: note: ->mmap handler 'aper_mmap' is vma-surgery, verdict manual [mmap-migrate-vma-surgery]
static int aper_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct aperture *ap = file->private_data;
	int ret;

	if (vma->vm_end - vma->vm_start > ap->win_size) {
		VMA_ITERATOR(vmi, vma->vm_mm, vma->vm_start);

		ret = split_vma(&vmi, vma, vma->vm_start + ap->win_size, 0);
		// CHECK-DAG: {{.*}}surgery_split_vma.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}split_vma{{.*}} [mmap-migrate-vma-surgery]
		if (ret)
			return ret;
	}

	vma->vm_private_data = ap;
	vma->vm_ops = &aper_vm_ops;
	return 0;
}

static const struct file_operations aper_fops = {
	.owner = THIS_MODULE,
	.mmap = aper_mmap,
	// CHECK-DAG: {{.*}}surgery_split_vma.c:[[@LINE-1]]:10: note: 'aper_fops' sets ->mmap to 'aper_mmap' [mmap-migrate-site]
};

int aper_register(void)
{
	return register_chrdev(0, "aper", &aper_fops);
}
