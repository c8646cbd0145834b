/*
 * Construct: a table test in front of a call of another file's slot, which
 * vfs_mmap() cannot stand for, next to a handler that would convert.
 * Trap: rewriting the table test on its own lets an ->mmap_prepare table
 * through to the NULL call; leaving it while the handler converts makes
 * the test answer "no mmap" for the converted table (debugfs's lockdown
 * check). Expected: the test stays with the f_op tests, and, as a test
 * of whatever table a lookup returns (nothing bounds it), it keeps every
 * handler; both say why. The control is fops_table_test.c.
 */
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: fops_table_test_blocked.c:[[@LINE+9]]:12: warning: 'sink_mmap' not rewritten: its table 'sink_fops' may reach code that knows only ->mmap: ->mmap is tested at {{.*}}fops_table_test_blocked.c:[[@LINE+22]] (sink_forward()) on a table read through parameter 1 of sink_forward(), where {{.*}}fops_table_test_blocked.c:[[@LINE+32]] passes or keeps what no analysis follows for parameter 1 of sink_forward(), and stays (the tests stay: {{.*}}fops_table_test_blocked.c:[[@LINE+24]] (sink_forward()): the f_op->mmap call at line [[@LINE+24]] calls the slot of 'lower' with 'file'
// RW: 0 handlers rewritten, 1 convertible ones refused

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

static const struct vm_operations_struct sink_vm_ops;

static int sink_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &sink_vm_ops;
	return 0;
}

const struct file_operations sink_fops = {
	.mmap = sink_mmap,
};

int sink_forward(const struct file_operations *real, struct file *lower, struct file *file,
		 struct vm_area_struct *vma)
{
	if (!real->mmap)
		return -ENODEV;
	return lower->f_op->mmap(file, vma);
}

const struct file_operations *sink_lookup(unsigned int minor);

int sink_map_minor(unsigned int minor, struct file *lower, struct file *file,
		   struct vm_area_struct *vma)
{
	return sink_forward(sink_lookup(minor), lower, file, vma);
}
