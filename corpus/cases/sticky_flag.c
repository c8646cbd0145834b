/*
 * Construct: the handler records, in its own struct, that the buffer has
 * ever been mapped (a constant store nothing in the file clears), and can
 * still fail after the store, leaving the flag set: the old handler
 * already produces a failed mmap() with the flag set.
 * Expected: pure-setup, verdict convert, the store kept in prepare and
 * named by a sticky-state claim.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RUN: cp %s %t.c && %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %t.c -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// RW: note: line {{[0-9]+}} still sets snap->ever_mapped = true, and nothing clears it

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct snap_dev {
	unsigned long pages;
	bool ever_mapped;
};

static long snap_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct snap_dev *snap = file->private_data;

	/* Resizing is refused once the buffer was ever handed out. */
	return snap->ever_mapped ? -EBUSY : 0;
}

// CHECK-DAG: {{.*}}sticky_flag.c:[[@LINE+1]]:12: note: ->mmap handler 'snap_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int snap_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct snap_dev *snap = file->private_data;

	snap->ever_mapped = true;
	// CHECK-DAG: {{.*}}sticky_flag.c:[[@LINE-1]]:{{[0-9]+}}: note: harmless in prepare: {{.*}}ever_mapped{{.*}}nothing clears it{{.*}} [mmap-migrate-claim-sticky-state]
	if (vma_pages(vma) > snap->pages)
		return -EINVAL;

	vma->vm_private_data = snap;
	return 0;
}
// CHECK-FIXES: {{^}}static int snap_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct snap_dev *snap = desc->file->private_data;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-V617-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > snap->pages){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (vma_desc_pages(desc) > snap->pages){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = snap;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations snap_fops = {
	.owner = THIS_MODULE,
	.mmap = snap_mmap,
	.unlocked_ioctl = snap_ioctl,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = snap_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	.unlocked_ioctl = snap_ioctl,{{$}}

int snap_register(void)
{
	return register_chrdev(0, "snap", &snap_fops);
}
