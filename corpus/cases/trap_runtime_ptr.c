/*
 * Construct: a helper fills a table through a pointer,
 * fops->mmap = pmemwin_mmap, at run time.
 * Expected: one site at the assignment (table text not fixed); pure-setup,
 * verdict manual with the rewrite's refusal (the handler is used elsewhere).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/module.h>

bool pmemwin_hw_can_map(void);

// CHECK-DAG: {{.*}}trap_runtime_ptr.c:[[@LINE+1]]:12: note: ->mmap handler 'pmemwin_mmap' is pure-setup, verdict manual [mmap-migrate-pure-setup]
static int pmemwin_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

static void pmemwin_fill_fops(struct file_operations *fops, bool can_map)
{
	fops->owner = THIS_MODULE;
	fops->open = nonseekable_open;
	if (can_map)
		fops->mmap = pmemwin_mmap;
	// CHECK-DAG: {{.*}}trap_runtime_ptr.c:[[@LINE-1]]:{{[0-9]+}}: note: '{{.*}}' sets ->mmap to 'pmemwin_mmap' [mmap-migrate-site]
}

static struct file_operations pmemwin_fops;

static int __init pmemwin_init(void)
{
	pmemwin_fill_fops(&pmemwin_fops, pmemwin_hw_can_map());
	return register_chrdev(0, "pmemwin", &pmemwin_fops);
}
module_init(pmemwin_init);
