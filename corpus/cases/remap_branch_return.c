/*
 * Construct: `return remap_pfn_range(...);` inside a branch; the other
 * path fails. The remap ends its path as it would at the end of the body.
 * Expected: remap-pfn, verdict convert. With an action profile the branch
 * sets the action and returns 0, the protection change written to the
 * descriptor first; the remap's own error is what a failed action returns,
 * so no error hook. The RFC profile's mmap_complete would have to repeat
 * the branch, and refuses.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile rfc-mmap-complete --verify-arg=-DMOCK_PROFILE_RFC_MMAP_COMPLETE --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RFC %s
// RUN: %check-rewrite %s %t --converts=6.19,7.0,7.1 -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RFC: remap_branch_return.c:[[@LINE+13]]:12: warning: 'flashwin_mmap' not rewritten: remap_pfn_range() at line [[@LINE+19]] returns from inside a branch: profile rfc-mmap-complete's mmap_complete would have to repeat the branch
// RFC-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct flashwin {
	unsigned long pfn;
	bool direct;
};

static int flashwin_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct flashwin *fw = file->private_data;

	if (fw->direct) {
		vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
		return remap_pfn_range(vma, vma->vm_start, fw->pfn,
				       vma->vm_end - vma->vm_start, vma->vm_page_prot);
	}
	return -ENODEV;
}
// CHECK-FIXES: {{^}}static int flashwin_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct flashwin *fw = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}	if (fw->direct) {{{$}}
// CHECK-FIXES-NEXT: {{^}}		desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-NEXT: {{^}}		mmap_action_remap_full(desc, fw->pfn);{{$}}
// CHECK-FIXES-NEXT: {{^}}		return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}	}{{$}}
// CHECK-FIXES-NEXT: {{^}}	return -ENODEV;{{$}}

static const struct file_operations flashwin_fops = {
	.owner = THIS_MODULE,
	.mmap = flashwin_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = flashwin_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int flashwin_register(void)
{
	return register_chrdev(0, "flashwin", &flashwin_fops);
}
