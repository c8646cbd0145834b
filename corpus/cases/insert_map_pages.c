/*
 * Construct: a single vm_map_pages() call in the handler body.
 * Expected: insert-pages, verdict manual with the rewrite's refusal:
 * 7.1's mmap_action_map_kernel_pages() maps from the array's first page
 * and checks only that the range fits the vma, where vm_map_pages() starts
 * at vm_pgoff and fails a vma the array cannot fill (docs/rewrite-6.12.md).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct evt_ring {
	unsigned long nr_pages;
	struct page **pages;
};

// CHECK-DAG: {{.*}}insert_map_pages.c:[[@LINE+2]]:12: note: left for a human: page insertion is not rewritten: mmap_action_map_kernel_pages() maps from the array's first page and checks only that the range fits the vma, where vm_map_pages() starts at vm_pgoff and fails a vma the array cannot fill [mmap-migrate-verdict]
// CHECK-DAG: {{.*}}insert_map_pages.c:[[@LINE+1]]:12: note: ->mmap handler 'evt_ring_mmap' is insert-pages, verdict manual [mmap-migrate-insert-pages]
static int evt_ring_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct evt_ring *ring = file->private_data;

	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return vm_map_pages(vma, ring->pages, ring->nr_pages);
	// CHECK-DAG: {{.*}}insert_map_pages.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}vm_map_pages{{.*}} [mmap-migrate-insert-pages]
}

static const struct file_operations evt_ring_fops = {
	.owner = THIS_MODULE,
	.mmap = evt_ring_mmap,
	// CHECK-DAG: {{.*}}insert_map_pages.c:[[@LINE-1]]:10: note: 'evt_ring_fops' sets ->mmap to 'evt_ring_mmap' [mmap-migrate-site]
};

int evt_ring_register(void)
{
	return register_chrdev(0, "evtring", &evt_ring_fops);
}
