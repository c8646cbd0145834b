/*
 * Construct: an old-style positional initialiser; ->mmap is the 12th
 * member of struct file_operations (owner, llseek, read, write, read_iter,
 * write_iter, iopoll, iterate_shared, poll, unlocked_ioctl, compat_ioctl,
 * mmap).
 * Expected: one site at the positional value; pure-setup, verdict manual
 * with the rewrite's refusal (a positional slot is not rewritten).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

ssize_t oldcam_read(struct file *file, char __user *buf, size_t count,
		    loff_t *ppos);
long oldcam_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
int oldcam_open(struct inode *inode, struct file *file);

static const struct vm_operations_struct oldcam_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}trap_positional.c:[[@LINE+1]]:12: note: ->mmap handler 'oldcam_mmap' is pure-setup, verdict manual [mmap-migrate-pure-setup]
static int oldcam_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &oldcam_vm_ops;
	return 0;
}

static const struct file_operations oldcam_fops = {
	THIS_MODULE,
	NULL,		/* llseek */
	oldcam_read,	/* read */
	NULL,		/* write */
	NULL,		/* read_iter */
	NULL,		/* write_iter */
	NULL,		/* iopoll */
	NULL,		/* iterate_shared */
	NULL,		/* poll */
	oldcam_ioctl,	/* unlocked_ioctl */
	NULL,		/* compat_ioctl */
	oldcam_mmap,	/* mmap */
	// CHECK-DAG: {{.*}}trap_positional.c:[[@LINE-1]]:2: note: 'oldcam_fops' sets ->mmap to 'oldcam_mmap' [mmap-migrate-site]
	oldcam_open,	/* open */
};

int oldcam_register(void)
{
	return register_chrdev(0, "oldcam", &oldcam_fops);
}
