/*
 * Construct: remap_vmalloc_range() of a vmalloc_user() log buffer.
 * Expected: insert-pages, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/module.h>
#include <linux/vmalloc.h>

struct fw_log {
	void *buf;
	unsigned long len;
};

// CHECK-DAG: {{.*}}insert_vmalloc_range.c:[[@LINE+1]]:12: note: ->mmap handler 'fw_log_mmap' is insert-pages, verdict manual [mmap-migrate-insert-pages]
static int fw_log_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct fw_log *log = file->private_data;

	return remap_vmalloc_range(vma, log->buf, vma->vm_pgoff);
	// CHECK-DAG: {{.*}}insert_vmalloc_range.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}remap_vmalloc_range{{.*}} [mmap-migrate-insert-pages]
}

static const struct file_operations fw_log_fops = {
	.owner = THIS_MODULE,
	.mmap = fw_log_mmap,
	// CHECK-DAG: {{.*}}insert_vmalloc_range.c:[[@LINE-1]]:10: note: 'fw_log_fops' sets ->mmap to 'fw_log_mmap' [mmap-migrate-site]
};

int fw_log_register(void)
{
	return register_chrdev(0, "fwlog", &fw_log_fops);
}
