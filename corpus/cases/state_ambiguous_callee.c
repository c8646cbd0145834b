/*
 * Construct: the handler calls pcx_window_pages(), and two files of the
 * tree define it (two board variants, one per configuration).
 * Expected: changes-state, verdict manual: which body runs is not known,
 * so the call is not judged on either.
 */
// RUN: %mmap-migrate scan %s %S/Inputs/state_ambiguous_callee_a.c %S/Inputs/state_ambiguous_callee_b.c -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 3 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

unsigned long pcx_window_pages(void *board);

// CHECK-DAG: {{.*}}state_ambiguous_callee.c:[[@LINE+1]]:12: note: ->mmap handler 'pcx_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int pcx_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma_pages(vma) > pcx_window_pages(file->private_data))
		// CHECK-DAG: {{.*}}state_ambiguous_callee.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}pcx_window_pages(){{.*}}more than once{{.*}} [mmap-migrate-changes-state]
		return -EINVAL;

	vma->vm_private_data = file->private_data;
	return 0;
}

static const struct file_operations pcx_fops = {
	.owner = THIS_MODULE,
	.mmap = pcx_mmap,
};

int pcx_register(void)
{
	return register_chrdev(0, "pcx", &pcx_fops);
}
