/*
 * Construct: a single vm_map_pages_zero() call (the offset is ignored).
 * Expected: insert-pages, verdict manual with the rewrite's refusal (as
 * insert_map_pages.c).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct trace_pages {
	unsigned long nr_pages;
	struct page **pages;
};

// CHECK-DAG: {{.*}}insert_map_pages_zero.c:[[@LINE+1]]:12: note: ->mmap handler 'trace_pages_mmap' is insert-pages, verdict manual [mmap-migrate-insert-pages]
static int trace_pages_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct trace_pages *tp = file->private_data;

	if (vma->vm_flags & VM_WRITE)
		return -EPERM;

	return vm_map_pages_zero(vma, tp->pages, tp->nr_pages);
	// CHECK-DAG: {{.*}}insert_map_pages_zero.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}vm_map_pages_zero{{.*}} [mmap-migrate-insert-pages]
}

static const struct file_operations trace_pages_fops = {
	.owner = THIS_MODULE,
	.mmap = trace_pages_mmap,
	// CHECK-DAG: {{.*}}insert_map_pages_zero.c:[[@LINE-1]]:10: note: 'trace_pages_fops' sets ->mmap to 'trace_pages_mmap' [mmap-migrate-site]
};

int trace_pages_register(void)
{
	return register_chrdev(0, "tracepages", &trace_pages_fops);
}
