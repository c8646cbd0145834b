/*
 * Construct: get_file() on a backing file that must outlive the mapping;
 * the reference is dropped in vm_ops->close.
 * Expected: needs-mapped, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct memctx {
	struct file *backing;
};

static void memctx_vm_close(struct vm_area_struct *vma)
{
	fput(vma->vm_private_data);
}

static const struct vm_operations_struct memctx_vm_ops = {
	.close = memctx_vm_close,
};

// CHECK-DAG: {{.*}}needs_get_file.c:[[@LINE+1]]:12: note: ->mmap handler 'memctx_mmap' is needs-mapped, verdict manual [mmap-migrate-needs-mapped]
static int memctx_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct memctx *ctx = file->private_data;

	if (!ctx->backing)
		return -ENXIO;

	vma->vm_private_data = get_file(ctx->backing);
	// CHECK-DAG: {{.*}}needs_get_file.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}get_file{{.*}} [mmap-migrate-needs-mapped]
	vma->vm_ops = &memctx_vm_ops;
	return 0;
}

static const struct file_operations memctx_fops = {
	.owner = THIS_MODULE,
	.mmap = memctx_mmap,
	// CHECK-DAG: {{.*}}needs_get_file.c:[[@LINE-1]]:10: note: 'memctx_fops' sets ->mmap to 'memctx_mmap' [mmap-migrate-site]
};

int memctx_register(void)
{
	return register_chrdev(0, "memctx", &memctx_fops);
}
