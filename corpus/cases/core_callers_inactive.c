/*
 * Construct: core code that tests f_op->mmap, and calls the slot directly
 * in a preprocessor block this configuration leaves out.
 * Trap: no parse sees that call, so rewriting the test would let an
 * ->mmap_prepare file through to a NULL ->mmap call in the other
 * configuration. Expected: the test stays, and the rewrite names the line
 * of the call; the active call_mmap() call still becomes vfs_mmap(). The
 * control beside it is core_callers_convert.c.
 */
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: core_callers_inactive.c:[[@LINE+19]]:1: warning: the slot is called here and stays, not analysed: a call of the slot (f_op->mmap or call_mmap()) is in a preprocessor block that is inactive in this configuration [mmap-migrate-core]
// RW: core callers: 0 of 1 f_op->mmap tests -> can_mmap_file(), 1 of 1 calls -> vfs_mmap(), 1 file not analysed uses the slot
// RW: f_op->mmap tests left: {{.*}}core_callers_inactive.c:[[@LINE+17]]: the slot is called there and the file was not fully analysed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct relay {
	struct file *lower;
};

int relay_map(struct relay *r, struct vm_area_struct *vma)
{
	struct file *lower = r->lower;

	if (!lower->f_op->mmap)
		return -ENODEV;
#ifdef CONFIG_RELAY_DIRECT
	return lower->f_op->mmap(lower, vma);
#else
	return call_mmap(lower, vma);
#endif
}
// CHECK-FIXES: {{^}}	return vfs_mmap(lower, vma);{{$}}
// CHECK-FIXES-NEXT: {{^}}#endif{{$}}
