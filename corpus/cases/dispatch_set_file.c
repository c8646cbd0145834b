/*
 * Construct: vma_set_file() swaps the mapped file for a backing shmem file
 * (a stacked file), then our vm_ops serve faults from its page cache.
 * Expected: dispatch, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct shm_handle {
	struct file *shmem;
};

static const struct vm_operations_struct shmh_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,
};

// CHECK-DAG: {{.*}}dispatch_set_file.c:[[@LINE+1]]:12: note: ->mmap handler 'shmh_mmap' is dispatch, verdict manual [mmap-migrate-dispatch]
static int shmh_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct shm_handle *h = file->private_data;

	if (!h->shmem)
		return -ENXIO;

	vma_set_file(vma, h->shmem);
	// CHECK-DAG: {{.*}}dispatch_set_file.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}vma_set_file{{.*}} [mmap-migrate-dispatch]
	vma->vm_ops = &shmh_vm_ops;
	return 0;
}

static const struct file_operations shmh_fops = {
	.owner = THIS_MODULE,
	.mmap = shmh_mmap,
	// CHECK-DAG: {{.*}}dispatch_set_file.c:[[@LINE-1]]:10: note: 'shmh_fops' sets ->mmap to 'shmh_mmap' [mmap-migrate-site]
};

int shmh_register(void)
{
	return register_chrdev(0, "shmh", &shmh_fops);
}
