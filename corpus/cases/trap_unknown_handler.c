/*
 * Construct: the handler is only declared; no TU of the scan defines it.
 * Expected: one site; the handler is unknown, verdict not-analysed,
 * reported at its declaration.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 0 manual, 1 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/module.h>

/* Lives in a file that is not part of this scan. */
int vendor_fb_mmap(struct file *file, struct vm_area_struct *vma);
// CHECK-DAG: {{.*}}trap_unknown_handler.c:[[@LINE-1]]:5: note: ->mmap handler 'vendor_fb_mmap' is unknown, verdict not-analysed [mmap-migrate-not-analysed]

static const struct file_operations vendor_fb_fops = {
	.owner = THIS_MODULE,
	.mmap = vendor_fb_mmap,
	// CHECK-DAG: {{.*}}trap_unknown_handler.c:[[@LINE-1]]:10: note: 'vendor_fb_fops' sets ->mmap to 'vendor_fb_mmap' [mmap-migrate-site]
};

int vendor_fb_register(void)
{
	return register_chrdev(0, "vendor_fb", &vendor_fb_fops);
}
