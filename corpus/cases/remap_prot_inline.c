/*
 * Construct: one remap_pfn_range() whose protection is
 * pgprot_writecombine(vma->vm_page_prot) written inline, not
 * vma->vm_page_prot. The descriptor form needs the change made to
 * desc->page_prot first, so the default profile does not rewrite it.
 * Expected: remap-pfn, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct lcd_fb {
	unsigned long pfn;
	unsigned long len;
};

// CHECK-DAG: {{.*}}remap_prot_inline.c:[[@LINE+1]]:12: note: ->mmap handler 'lcd_fb_mmap' is remap-pfn, verdict manual [mmap-migrate-remap-pfn]
static int lcd_fb_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct lcd_fb *fb = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff || size > fb->len)
		return -EINVAL;

	return remap_pfn_range(vma, vma->vm_start, fb->pfn, size,
			       pgprot_writecombine(vma->vm_page_prot));
	// CHECK-DAG: {{.*}}remap_prot_inline.c:[[@LINE-2]]:{{[0-9]+}}: note: {{.*}}remap_pfn_range{{.*}} [mmap-migrate-remap-pfn]
}

static const struct file_operations lcd_fb_fops = {
	.owner = THIS_MODULE,
	.mmap = lcd_fb_mmap,
	// CHECK-DAG: {{.*}}remap_prot_inline.c:[[@LINE-1]]:10: note: 'lcd_fb_fops' sets ->mmap to 'lcd_fb_mmap' [mmap-migrate-site]
};

int lcd_fb_register(void)
{
	return register_chrdev(0, "lcdfb", &lcd_fb_fops);
}
