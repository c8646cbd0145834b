/*
 * Construct: a stacked filesystem wrapper that compares the lower file's
 * ->mmap slot with the generic helper before using the generic helper
 * itself: a use of the slot that is not a plain test (a file with
 * ->mmap_prepare has no ->mmap to compare). The control beside it in
 * fop_mmap_test_converts.c only tests the slot.
 * Expected: generic-wrapper, verdict manual, with the comparison as the
 * reason.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct layerfs_file_info {
	struct file *lower;
};

// CHECK-DAG: {{.*}}blocker_fop_mmap_test.c:[[@LINE+2]]:12: note: ->mmap handler 'layerfs_mmap' is generic-wrapper, verdict manual [mmap-migrate-generic-wrapper]
// CHECK-DAG: {{.*}}blocker_fop_mmap_test.c:[[@LINE+1]]:12: note: left for a human: uses f_op->mmap other than as a test, which misses files that provide ->mmap_prepare {{.*}} [mmap-migrate-verdict]
static int layerfs_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct layerfs_file_info *info = file->private_data;

	if (info->lower->f_op->mmap != generic_file_mmap)
// CHECK-DAG: {{.*}}blocker_fop_mmap_test.c:[[@LINE-1]]:{{[0-9]+}}: note: tests a file_operations ->mmap slot directly [mmap-migrate-pure-setup]
		return -ENODEV;
	return generic_file_mmap(file, vma);
}

static const struct file_operations layerfs_file_fops = {
	.mmap	= layerfs_mmap,
};
