/*
 * Construct: vm_insert_page() called once per page in a loop.
 * Expected: insert-pages, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct page_ring {
	unsigned long nr_pages;
	struct page **pages;
};

// CHECK-DAG: {{.*}}insert_page_loop.c:[[@LINE+1]]:12: note: ->mmap handler 'pring_mmap' is insert-pages, verdict manual [mmap-migrate-insert-pages]
static int pring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct page_ring *ring = file->private_data;
	unsigned long addr = vma->vm_start;
	unsigned long i;
	int ret;

	if (vma->vm_pgoff || vma_pages(vma) > ring->nr_pages)
		return -EINVAL;

	for (i = 0; i < vma_pages(vma); i++) {
		ret = vm_insert_page(vma, addr, ring->pages[i]);
		// CHECK-DAG: {{.*}}insert_page_loop.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}vm_insert_page{{.*}} [mmap-migrate-insert-pages]
		if (ret)
			return ret;
		addr += PAGE_SIZE;
	}
	return 0;
}

static const struct file_operations pring_fops = {
	.owner = THIS_MODULE,
	.mmap = pring_mmap,
	// CHECK-DAG: {{.*}}insert_page_loop.c:[[@LINE-1]]:10: note: 'pring_fops' sets ->mmap to 'pring_mmap' [mmap-migrate-site]
};

int pring_register(void)
{
	return register_chrdev(0, "pring", &pring_fops);
}
