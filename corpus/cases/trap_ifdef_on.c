/*
 * Construct: the .mmap slot and its handler sit under #ifdef
 * CONFIG_GNSS_RAW_MMAP, and the RUN line defines it with -D after "--".
 * Expected: the slot is found; pure-setup, verdict convert; nothing is
 * reported as not analysed.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DCONFIG_GNSS_RAW_MMAP | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DCONFIG_GNSS_RAW_MMAP | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc -DCONFIG_GNSS_RAW_MMAP
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-not-analysed]

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

ssize_t gnss_raw_read(struct file *file, char __user *buf, size_t count,
		      loff_t *ppos);

#ifdef CONFIG_GNSS_RAW_MMAP
static const struct vm_operations_struct gnss_raw_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}trap_ifdef_on.c:[[@LINE+1]]:12: note: ->mmap handler 'gnss_raw_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int gnss_raw_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_mod(vma, VM_DONTEXPAND, VM_MAYWRITE);
	vma->vm_ops = &gnss_raw_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int gnss_raw_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	desc->vm_flags |= VM_DONTEXPAND;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_flags &= ~VM_MAYWRITE;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	desc->vm_ops = &gnss_raw_vm_ops;{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES-V70-V71: {{^}}	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT);{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	desc->vm_ops = &gnss_raw_vm_ops;{{$}}
// CHECK-FIXES-V70-V71-NEXT: {{^}}	return 0;{{$}}
#endif

static const struct file_operations gnss_raw_fops = {
	.owner = THIS_MODULE,
	.read = gnss_raw_read,
#ifdef CONFIG_GNSS_RAW_MMAP
	.mmap = gnss_raw_mmap,
	// CHECK-DAG: {{.*}}trap_ifdef_on.c:[[@LINE-1]]:10: note: 'gnss_raw_fops' sets ->mmap to 'gnss_raw_mmap' [mmap-migrate-site]
#endif
};
// CHECK-FIXES: {{^}}	.mmap_prepare = gnss_raw_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}trap_ifdef_on.c:{{\[\[}}@LINE-1]]:10: note: 'gnss_raw_fops' sets ->mmap to 'gnss_raw_mmap' [mmap-migrate-site]{{$}}

int gnss_raw_register(void)
{
	return register_chrdev(0, "gnss_raw", &gnss_raw_fops);
}
