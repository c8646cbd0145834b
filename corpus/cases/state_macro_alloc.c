/*
 * Construct: per-mapping state allocated with kvzalloc_node(), a macro
 * that expands to kvmalloc_node_noprof() through alloc_hooks(), as the
 * kernel's allocators are spelled since 6.10.
 * Expected: changes-state, verdict manual: the AST's call is judged, not
 * the name the driver wrote.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

struct cap_map {
	unsigned long first_page;
	unsigned long nr_pages;
};

// CHECK-DAG: {{.*}}state_macro_alloc.c:[[@LINE+1]]:12: note: ->mmap handler 'cap_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int cap_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cap_map *map;

	map = kvzalloc_node(sizeof(*map), GFP_KERNEL, -1);
	// CHECK-DAG: {{.*}}state_macro_alloc.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}kvmalloc_node_noprof{{.*}} [mmap-migrate-changes-state]
	if (!map)
		return -ENOMEM;

	map->first_page = vma->vm_pgoff;
	map->nr_pages = vma_pages(vma);
	vma->vm_private_data = map;
	return 0;
}

static const struct file_operations cap_fops = {
	.owner = THIS_MODULE,
	.mmap = cap_mmap,
};

int cap_register(void)
{
	return register_chrdev(0, "cap", &cap_fops);
}
