/*
 * Construct: core code that tests a file with f_op->mmap, but calls the
 * slot of one file with another, and keeps a copy of the pointer to call
 * later. vfs_mmap(file, vma) calls file's own slot, so the first call has
 * no such form; the copy may be called with any file.
 * Trap: rewriting the test alone lets an ->mmap_prepare file through to a
 * NULL ->mmap call. Expected: the tests stay, the rewrite says which use
 * keeps them; the call_mmap() call still becomes vfs_mmap() (right on its
 * own). The control beside it is core_callers_convert.c.
 */
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: core callers: 0 of 1 f_op->mmap tests -> can_mmap_file(), 1 of 2 calls -> vfs_mmap(), 1 other use left
// RW: f_op->mmap tests left: {{.*}}core_callers_trap.c:[[@LINE+17]] (relay_map()): the f_op->mmap call at line [[@LINE+17]] calls the slot of 'lower' with 'file'

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct relay {
	struct file *lower;
	int (*saved)(struct file *, struct vm_area_struct *);
};

int relay_map(struct relay *r, struct file *file, struct vm_area_struct *vma)
{
	struct file *lower = r->lower;

	if (!lower->f_op->mmap)
		return -ENODEV;
	return lower->f_op->mmap(file, vma);
}

void relay_remember(struct relay *r)
{
	r->saved = r->lower->f_op->mmap;
}

int relay_forward(struct relay *r, struct vm_area_struct *vma)
{
	return call_mmap(r->lower, vma);
}
// CHECK-FIXES: {{^}}	return vfs_mmap(r->lower, vma);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
