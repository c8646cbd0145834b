/*
 * Construct: the handler already has a local named desc, in an inner
 * block where the vma is used too. The descriptor parameter would take the
 * same name: inside that block, desc->pgoff would read the local's field,
 * and it still compiles (the local's struct has a pgoff too).
 * Expected: pure-setup, but the rewrite refuses and names the line of the
 * local; the handler beside it, without the name, converts (positive
 * control).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=REFUSE %s
// CHECK: summary: 2 sites, 2 handlers, 1 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ring_desc {
	unsigned long pgoff;
	unsigned long count;
};

struct ring_dev {
	struct ring_desc *descs;
	unsigned int nr_descs;
};

// REFUSE: refuse_param_name_taken.c:[[@LINE+2]]:12: warning: 'ring_mmap' not rewritten: the body already uses the name desc (line [[@LINE+7]]), which the descriptor parameter would take [mmap-migrate-rewrite]
// CHECK: refuse_param_name_taken.c:[[@LINE+1]]:12: note: ->mmap handler 'ring_mmap' is pure-setup, verdict manual [mmap-migrate-pure-setup]
static int ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ring_dev *dev = file->private_data;

	if (dev->nr_descs) {
		struct ring_desc *desc = dev->descs;

		if (vma->vm_pgoff >= desc->pgoff + desc->count)
			return -EINVAL;
	}
	vma->vm_private_data = dev;
	return 0;
}

static int ring_ctl_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ring_dev *dev = file->private_data;

	if (vma->vm_pgoff >= dev->nr_descs)
		return -EINVAL;
	vma->vm_private_data = dev;
	return 0;
}

static const struct file_operations ring_fops = {
	.owner = THIS_MODULE,
	.mmap = ring_mmap,
};

static const struct file_operations ring_ctl_fops = {
	.owner = THIS_MODULE,
	.mmap = ring_ctl_mmap,
};

int ring_register(void)
{
	return register_chrdev(0, "ring", &ring_fops) ?:
	       register_chrdev(0, "ring-ctl", &ring_ctl_fops);
}
// REFUSE: 1 handlers rewritten, 1 convertible ones refused
