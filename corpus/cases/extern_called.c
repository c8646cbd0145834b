/*
 * Construct: a handler with external linkage that another function of the
 * file also calls directly, as a fallback.
 * Expected: pure-setup, verdict manual with the rewrite's refusal: the
 * direct call would still pass a file and a vma.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: extern_called.c:[[@LINE+10]]:5: warning: 'logbuf_mmap' not rewritten: logbuf_mmap() is also used at line [[@LINE+22]], not only as a fops slot [mmap-migrate-rewrite]
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct logbuf_vm_ops;

int logbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	vma->vm_ops = &logbuf_vm_ops;
	return 0;
}

int logbuf_mmap_compat(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	return logbuf_mmap(file, vma);
}

const struct file_operations logbuf_fops = {
	.owner = THIS_MODULE,
	.mmap = logbuf_mmap,
};
