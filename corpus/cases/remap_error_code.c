/*
 * Construct: `if (remap_pfn_range(...)) return -EAGAIN;` before the final
 * `return 0;`, over the whole mapping, with the size in a local that only
 * the remap reads.
 * Expected: remap-pfn, verdict convert. The action's error hook (6.19+)
 * keeps -EAGAIN for a failed remap, through a new scratch_mmap_error(),
 * and the rewrite says so. The local goes with the size argument. The RFC
 * profile keeps -EAGAIN in mmap_complete.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %mmap-migrate rewrite --profile rfc-mmap-complete --verify-arg=-DMOCK_PROFILE_RFC_MMAP_COMPLETE --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RFC %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: remap_error_code.c:[[@LINE+15]]:12: note: 'scratch_mmap' becomes ->mmap_prepare (1 slot)
// RW-NEXT: remap_error_code.c:[[@LINE+14]]:12: note: if remap_pfn_range() fails, mmap() still returns -EAGAIN (line [[@LINE+23]]): the action's error hook scratch_mmap_error() keeps the old handler's code
// RFC: 'scratch_mmap' becomes ->mmap_prepare (1 slot)
// RFC-NOT: error hook

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct scratch_buf {
	struct page *first;
	unsigned long pages;
};

static int scratch_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct scratch_buf *buf = file->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff || vma_pages(vma) > buf->pages)
		return -EINVAL;

	vm_flags_set(vma, VM_DONTCOPY);
	if (remap_pfn_range(vma, vma->vm_start, page_to_pfn(buf->first), len,
			    vma->vm_page_prot))
		return -EAGAIN;

	return 0;
}

static const struct file_operations scratch_fops = {
	.owner		= THIS_MODULE,
	.mmap		= scratch_mmap,
	.llseek		= noop_llseek,
};

int scratch_register(void)
{
	return register_chrdev(0, "scratch", &scratch_fops);
}
