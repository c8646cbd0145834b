/*
 * Construct: pure setup whose body has code for another configuration. The
 * tool sees one configuration; after the rewrite, the inactive branch would
 * still name the vma, which no longer exists, and break that build.
 * Expected: pure-setup, verdict convert, but the rewrite refuses it.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: refuse_ifdef_in_body.c:[[@LINE+10]]:12: warning: 'scope_mmap' not rewritten: the body has a preprocessor conditional (line [[@LINE+13]]): code in other configurations cannot be checked [mmap-migrate-rewrite]
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct scope_vm_ops;

static int scope_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &scope_vm_ops;
#ifdef CONFIG_SCOPE_DEBUG
	pr_info("scope: mapping %lu bytes\n", vma->vm_end - vma->vm_start);
#endif
	return 0;
}

static const struct file_operations scope_fops = {
	.owner	= THIS_MODULE,
	.mmap	= scope_mmap,
};
