/*
 * For tests/html/run.sh, which puts it under a directory whose name HTML
 * would take for markup (odd<u>&amp;): the census page must show it as
 * text. Its table is filled at run time, through an expression with '&'
 * and '->' in it, by a handler that refuses what it cannot map.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct odd_dev {
	struct file_operations fops;
	unsigned long size;
};

static struct odd_dev odd_devs[2];

static int odd_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct odd_dev *odd = file->private_data;

	if (vma->vm_end - vma->vm_start > odd->size)
		return -EINVAL;
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

int odd_init(int i)
{
	struct odd_dev *odd = &odd_devs[i & 1];

	(&odd->fops)->owner = THIS_MODULE;
	(&odd->fops)->mmap = odd_mmap;
	return register_chrdev(0, "odd", &odd->fops);
}
