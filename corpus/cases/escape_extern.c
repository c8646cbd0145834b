/*
 * Construct: the vma is passed to an extern function that is declared but
 * defined nowhere the tool can see.
 * Expected: vma-escapes, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct npu_ctx;

/* Implemented in the vendor glue layer, outside this tree. */
int npu_glue_map_user(struct npu_ctx *ctx, struct vm_area_struct *vma);

// CHECK-DAG: {{.*}}escape_extern.c:[[@LINE+1]]:12: note: ->mmap handler 'npu_mmap' is vma-escapes, verdict manual [mmap-migrate-vma-escapes]
static int npu_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct npu_ctx *ctx = file->private_data;

	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	return npu_glue_map_user(ctx, vma);
	// CHECK-DAG: {{.*}}escape_extern.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}npu_glue_map_user{{.*}} [mmap-migrate-vma-escapes]
}

static const struct file_operations npu_fops = {
	.owner = THIS_MODULE,
	.mmap = npu_mmap,
	// CHECK-DAG: {{.*}}escape_extern.c:[[@LINE-1]]:10: note: 'npu_fops' sets ->mmap to 'npu_mmap' [mmap-migrate-site]
};

int npu_register(void)
{
	return register_chrdev(0, "npu", &npu_fops);
}
