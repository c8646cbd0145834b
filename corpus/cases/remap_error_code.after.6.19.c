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

/* A failed remap made scratch_mmap() return -EAGAIN: keep that. */
static int scratch_mmap_error(int err)
{
	return -EAGAIN;
}

static int scratch_mmap_prepare(struct vm_area_desc *desc)
{
	struct scratch_buf *buf = desc->file->private_data;

	if (desc->pgoff || vma_desc_pages(desc) > buf->pages)
		return -EINVAL;

	desc->vm_flags |= VM_DONTCOPY;
	mmap_action_remap_full(desc, page_to_pfn(buf->first));
	desc->action.error_hook = scratch_mmap_error;

	return 0;
}

static const struct file_operations scratch_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= scratch_mmap_prepare,
	.llseek		= noop_llseek,
};

int scratch_register(void)
{
	return register_chrdev(0, "scratch", &scratch_fops);
}
