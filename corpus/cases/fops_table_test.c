/*
 * Construct: checks outside any handler that ask whether an ops table they
 * are given has an mmap hook, the way debugfs decides that a read-only file
 * may skip the lockdown check, next to a handler that converts. The tables
 * come from a parameter, not from a struct file, so can_mmap_file() has no
 * file to ask.
 * Trap: once the handler's table has ->mmap_prepare instead of ->mmap,
 * `!real_fops->mmap` says the file cannot be mapped, and the file skips the
 * check (upstream fixed debugfs by hand when relay converted). Expected:
 * each test asks both hooks, in upstream's form; the handler converts.
 */
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: core callers: 0 of 0 f_op->mmap tests -> can_mmap_file(), 0 of 0 calls -> vfs_mmap(), 4 of 4 table tests -> both hooks

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

static const struct vm_operations_struct tracebuf_vm_ops;

static int tracebuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &tracebuf_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int tracebuf_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &tracebuf_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

const struct file_operations tracebuf_fops = {
	.mmap = tracebuf_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tracebuf_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int proxy_locked_down(struct inode *inode, const struct file_operations *real_fops)
{
	if ((inode->i_mode & 0222) == 0 &&
	    (!real_fops ||
	     (!real_fops->unlocked_ioctl &&
	      !real_fops->mmap)))
		return 0;
	return -EPERM;
}
// CHECK-FIXES: {{^}}	      !real_fops->mmap && !real_fops->mmap_prepare))){{$}}
// CHECK-FIXES-NEXT: {{^}}		return 0;{{$}}

bool proxy_can_map(const struct file_operations *fops)
{
	return fops && fops->mmap;
}
// CHECK-FIXES: {{^}}	return fops && (fops->mmap || fops->mmap_prepare);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

int proxy_open_check(const struct file_operations *fops)
{
	if (fops->mmap)
		return 1;
	if (!fops->read || !fops->mmap)
		return -ENODEV;
	return 0;
}
// CHECK-FIXES: {{^}}	if (fops->mmap || fops->mmap_prepare){{$}}
// CHECK-FIXES-NEXT: {{^}}		return 1;{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (!fops->read || (!fops->mmap && !fops->mmap_prepare)){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -ENODEV;{{$}}
