/*
 * Construct: pure setup whose body has code for another configuration,
 * which does not compile (pr_info() is not declared: the debug build of
 * this file is broken). After a rename alone, the inactive branch would
 * still name the vma, which no longer exists.
 * Expected: pure-setup, verdict manual, naming the configuration that
 * cannot be checked and why: the scan parses the file with
 * CONFIG_SCOPE_DEBUG set to read that branch, and the parse fails. The
 * scan and the rewrite agree, and the rewrite leaves it
 * (body_config_arms.c has the configurations that do compile).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// CHECK: refuse_ifdef_in_body.c:[[@LINE+11]]:12: note: left for a human: with `CONFIG_SCOPE_DEBUG` set: the file does not compile that way here ({{.*}}call to undeclared function 'pr_info'{{.*}}) (line [[@LINE+14]]) [mmap-migrate-verdict]
// RW: 0 handlers rewritten, 0 convertible ones refused, 1 left manual
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
