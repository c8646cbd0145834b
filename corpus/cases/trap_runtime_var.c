/*
 * Construct: the table has no .mmap initialiser; the init function assigns
 * it at run time (blk_fops.mmap = blkwin_mmap) when the hardware has an
 * aperture.
 * Expected: one site at the assignment (table text not fixed); pure-setup,
 * verdict manual with the rewrite's refusal.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/module.h>

bool blkwin_hw_has_aperture(void);

// CHECK-DAG: {{.*}}trap_runtime_var.c:[[@LINE+1]]:12: note: ->mmap handler 'blkwin_mmap' is pure-setup, verdict manual [mmap-migrate-pure-setup]
static int blkwin_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND);
	vma->vm_private_data = file->private_data;
	return 0;
}

static struct file_operations blkwin_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
};

static int __init blkwin_init(void)
{
	if (blkwin_hw_has_aperture())
		blkwin_fops.mmap = blkwin_mmap;
	// CHECK-DAG: {{.*}}trap_runtime_var.c:[[@LINE-1]]:{{[0-9]+}}: note: '{{.*}}' sets ->mmap to 'blkwin_mmap' [mmap-migrate-site]
	return register_chrdev(0, "blkwin", &blkwin_fops);
}
module_init(blkwin_init);
