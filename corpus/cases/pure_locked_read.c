/*
 * Construct: the handler reads the buffer size under the device's mutex
 * and releases it on every path: a lock taken and released changes nothing
 * once prepare returns.
 * Expected: pure-setup, verdict convert (the lock pair is claimed).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// JSON: "rule": "lock-pair"

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct sbuf_dev {
	struct mutex lock;
	unsigned long pages;
};

// CHECK-DAG: {{.*}}pure_locked_read.c:[[@LINE+1]]:12: note: ->mmap handler 'sbuf_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int sbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct sbuf_dev *sb = file->private_data;
	unsigned long pages;

	mutex_lock(&sb->lock);
	pages = sb->pages;
	mutex_unlock(&sb->lock);

	if (vma_pages(vma) > pages)
		return -EINVAL;

	vma->vm_private_data = sb;
	return 0;
}
// CHECK-FIXES: {{^}}static int sbuf_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct sbuf_dev *sb = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	unsigned long pages;{{$}}
// CHECK-FIXES-V617-RFC: {{^}}	if (((desc->end - desc->start) >> PAGE_SHIFT) > pages){{$}}
// CHECK-FIXES-V617-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V619-V70-V71: {{^}}	if (vma_desc_pages(desc) > pages){{$}}
// CHECK-FIXES-V619-V70-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = sb;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations sbuf_fops = {
	.owner = THIS_MODULE,
	.mmap = sbuf_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = sbuf_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int sbuf_register(void)
{
	return register_chrdev(0, "sbuf", &sbuf_fops);
}
