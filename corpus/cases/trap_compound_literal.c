/*
 * Construct: the fops is a compound literal inside a miscdevice
 * initialiser, so the table has no name of its own.
 * Expected: one site (table name not fixed); pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct ledpanel_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}trap_compound_literal.c:[[@LINE+1]]:12: note: ->mmap handler 'ledpanel_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int ledpanel_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	vma->vm_ops = &ledpanel_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int ledpanel_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	desc->page_prot = pgprot_writecombine(desc->page_prot);{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &ledpanel_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static struct miscdevice ledpanel_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "ledpanel",
	.fops = &(const struct file_operations) {
		.owner = THIS_MODULE,
		.mmap = ledpanel_mmap,
		// CHECK-DAG: {{.*}}trap_compound_literal.c:[[@LINE-1]]:11: note: '{{.*}}' sets ->mmap to 'ledpanel_mmap' [mmap-migrate-site]
	},
};
// CHECK-FIXES: {{^}}		.mmap_prepare = ledpanel_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}		// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}trap_compound_literal.c:{{\[\[}}@LINE-1]]:11: note: '{{\{\{}}.*}}' sets ->mmap to 'ledpanel_mmap' [mmap-migrate-site]{{$}}

int ledpanel_register(void)
{
	return misc_register(&ledpanel_misc);
}
