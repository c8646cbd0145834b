/*
 * Construct: core code outside any handler that tests and maps a file
 * through f_op->mmap, the way exec, do_mmap() and SysV shm do: a test, a
 * direct call of the file's own slot, a call_mmap() call, and a pointer that
 * is only printed.
 * Expected: the test becomes can_mmap_file(), both calls vfs_mmap(), the
 * printed pointer stays (it is never called). Every profile has the helpers.
 * The trap beside it is core_callers_trap.c.
 */
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RW: core callers: 1 of 1 f_op->mmap tests -> can_mmap_file(), 2 of 2 calls -> vfs_mmap()

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>

struct loader_image {
	struct file *file;
	unsigned long flags;
};

int loader_check(struct loader_image *img)
{
	if (!img->file->f_op->mmap)
		return -ENOEXEC;
	return 0;
}
// CHECK-FIXES: {{^}}	if (!can_mmap_file(img->file)){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -ENOEXEC;{{$}}

int loader_map(struct file *file, struct vm_area_struct *vma)
{
	int err;

	err = file->f_op->mmap(file, vma);
	if (err)
		pr_err("mapping %p failed: %d\n", file->f_op->mmap, err);
	return err;
}
// CHECK-FIXES: {{^}}	err = vfs_mmap(file, vma);{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (err){{$}}

int segment_map(struct loader_image *img, struct vm_area_struct *vma)
{
	return call_mmap(img->file, vma);
}
// CHECK-FIXES: {{^}}	return vfs_mmap(img->file, vma);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
