/*
 * Construct: a forwarding helper that calls the ->mmap of whatever table
 * it is handed, next to a handler that would convert on its own.
 * Trap: its caller hands it whatever a lookup returns; nothing bounds
 * which tables reach the helper, so any converted table may be called
 * through a NULL ->mmap. (A helper whose callers pass named tables is
 * fops_param_bounded.c.)
 * Expected: the handler is refused, and the reason names the call; the
 * control beside it (a table no such use reads) is fops_field_call.c.
 */
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: fops_param_call.c:[[@LINE+9]]:12: warning: 'ring_mmap' not rewritten: its table 'ring_fops' may reach code that knows only ->mmap: ->mmap is called at {{.*}}fops_param_call.c:[[@LINE+22]] (ring_forward()) on a table read through parameter 1 of ring_forward(), where {{.*}}fops_param_call.c:[[@LINE+29]] passes or keeps what no analysis follows for parameter 1 of ring_forward(), and stays
// RW: 0 handlers rewritten, 1 convertible ones refused

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

static const struct vm_operations_struct ring_vm_ops;

static int ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &ring_vm_ops;
	return 0;
}

const struct file_operations ring_fops = {
	.mmap = ring_mmap,
};

int ring_forward(const struct file_operations *real, struct file *file,
		 struct vm_area_struct *vma)
{
	return real->mmap(file, vma);
}

const struct file_operations *ring_lookup(unsigned int minor);

int ring_map_minor(unsigned int minor, struct file *file, struct vm_area_struct *vma)
{
	return ring_forward(ring_lookup(minor), file, vma);
}
