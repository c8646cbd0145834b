/*
 * Construct: the same shape as trap_ifdef_on.c, but CONFIG_GNSS_RAW_MMAP is
 * not defined: the .mmap slot is in an inactive #ifdef block. A clang tool
 * sees one configuration, so the slot must be reported, not silently lost.
 * Expected: no site, no handler; a not-analysed warning at the inactive
 * .mmap line. Whether the summary counts it under not-analysed is left open.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, {{[0-9]+}} not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

ssize_t gnss_raw_read(struct file *file, char __user *buf, size_t count,
		      loff_t *ppos);

#ifdef CONFIG_GNSS_RAW_MMAP
static const struct vm_operations_struct gnss_raw_vm_ops = {
	.fault = filemap_fault,
};

static int gnss_raw_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_mod(vma, VM_DONTEXPAND, VM_MAYWRITE);
	vma->vm_ops = &gnss_raw_vm_ops;
	return 0;
}
#endif

static const struct file_operations gnss_raw_fops = {
	.owner = THIS_MODULE,
	.read = gnss_raw_read,
#ifdef CONFIG_GNSS_RAW_MMAP
	.mmap = gnss_raw_mmap,
	// CHECK-DAG: {{.*}}trap_ifdef_off.c:[[@LINE-1]]:{{[0-9]+}}: warning: {{.*}} [mmap-migrate-not-analysed]
#endif
};

int gnss_raw_register(void)
{
	return register_chrdev(0, "gnss_raw", &gnss_raw_fops);
}
