/*
 * Construct: struct proc_ops .proc_mmap of a /proc file. Same prototype as
 * file_operations ->mmap, different table and field name.
 * Expected: one other-table line; no site, no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]
// NEG-NOT: note: ->mmap handler

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>

struct rawlog {
	unsigned long pfn;
	unsigned long len;
};

static struct rawlog rawlog_area;

static int rawlog_proc_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff || size > rawlog_area.len)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, rawlog_area.pfn, size,
			       vma->vm_page_prot);
}

static const struct proc_ops rawlog_proc_ops = {
	.proc_open = simple_open,
	.proc_lseek = noop_llseek,
	.proc_mmap = rawlog_proc_mmap,
	// CHECK-DAG: {{.*}}other_proc_ops.c:[[@LINE-1]]:15: note: struct proc_ops.proc_mmap = 'rawlog_proc_mmap' is not a file_operations ->mmap [mmap-migrate-other-table]
};

int rawlog_proc_init(void)
{
	return proc_create("rawlog", 0400, NULL, &rawlog_proc_ops) ? 0 : -ENOMEM;
}
