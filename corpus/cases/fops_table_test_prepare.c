/*
 * Construct: code that already reads ->mmap_prepare of the table it tests,
 * in forms other than "either hook": a check that a table does not set
 * both, and a path for tables that have only ->mmap_prepare.
 * Trap: turning `ops->mmap` into `(ops->mmap || ops->mmap_prepare)` there
 * changes what the code means (the second test becomes always false, and a
 * prepare-only table falls through to a NULL ->mmap call).
 * Expected: no edit; each test says why it stays. The control is
 * fops_table_test.c.
 */
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: fops_table_test_prepare.c:[[@LINE+10]]:{{[0-9]+}}: warning: the ->mmap test of an ops table stays: the ->mmap test at line [[@LINE+10]] is in code that reads ->mmap_prepare itself (line [[@LINE+10]]): how it combines the two hooks is for a human to say [mmap-migrate-core]
// RW: fops_table_test_prepare.c:[[@LINE+16]]:{{[0-9]+}}: warning: the ->mmap test of an ops table stays: the ->mmap test at line [[@LINE+16]] is in code that reads ->mmap_prepare itself (line [[@LINE+16]]): how it combines the two hooks is for a human to say [mmap-migrate-core]
// RW: core callers: 0 of 0 f_op->mmap tests -> can_mmap_file(), 0 of 1 calls -> vfs_mmap(), 0 of 2 table tests -> both hooks

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

int table_is_sane(const struct file_operations *ops)
{
	if (ops->mmap && ops->mmap_prepare)
		return -EINVAL;
	return 0;
}

int table_map(const struct file_operations *ops, struct file *file, struct vm_area_struct *vma)
{
	if (!ops->mmap && ops->mmap_prepare)
		return vfs_mmap(file, vma);
	return ops->mmap(file, vma);
}
