/*
 * Construct: one handler used by three tables (control, data and debug
 * nodes of the same device).
 * Expected: three sites, one handler reported once; pure-setup, verdict
 * convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=ONCE %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 3 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// ONCE: note: ->mmap handler 'tbuf_mmap'
// ONCE-NOT: note: ->mmap handler 'tbuf_mmap'

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct tbuf_vm_ops = {
	.fault = filemap_fault,
};

// CHECK-DAG: {{.*}}trap_shared_handler.c:[[@LINE+1]]:12: note: ->mmap handler 'tbuf_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int tbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	vma->vm_private_data = file->private_data;
	vma->vm_ops = &tbuf_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int tbuf_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V617-V619-RFC: {{^}}	if (!(desc->vm_flags & VM_SHARED)){{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V70: {{^}}	if (!vma_desc_test_flags(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V70-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES-V71: {{^}}	if (!vma_desc_test(desc, VMA_SHARED_BIT)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}		return -EINVAL;{{$}}
// CHECK-FIXES: {{^}}	desc->private_data = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &tbuf_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations tbuf_ctl_fops = {
	.owner = THIS_MODULE,
	.mmap = tbuf_mmap,
	// CHECK-DAG: {{.*}}trap_shared_handler.c:[[@LINE-1]]:10: note: 'tbuf_ctl_fops' sets ->mmap to 'tbuf_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tbuf_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}trap_shared_handler.c:{{\[\[}}@LINE-1]]:10: note: 'tbuf_ctl_fops' sets ->mmap to 'tbuf_mmap' [mmap-migrate-site]{{$}}

static const struct file_operations tbuf_data_fops = {
	.owner = THIS_MODULE,
	.llseek = noop_llseek,
	.mmap = tbuf_mmap,
	// CHECK-DAG: {{.*}}trap_shared_handler.c:[[@LINE-1]]:10: note: 'tbuf_data_fops' sets ->mmap to 'tbuf_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tbuf_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}trap_shared_handler.c:{{\[\[}}@LINE-1]]:10: note: 'tbuf_data_fops' sets ->mmap to 'tbuf_mmap' [mmap-migrate-site]{{$}}

static const struct file_operations tbuf_dbg_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.mmap = tbuf_mmap,
	// CHECK-DAG: {{.*}}trap_shared_handler.c:[[@LINE-1]]:10: note: 'tbuf_dbg_fops' sets ->mmap to 'tbuf_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}	.mmap_prepare = tbuf_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}trap_shared_handler.c:{{\[\[}}@LINE-1]]:10: note: 'tbuf_dbg_fops' sets ->mmap to 'tbuf_mmap' [mmap-migrate-site]{{$}}

int tbuf_register(void)
{
	int ret;

	ret = register_chrdev(0, "tbuf_ctl", &tbuf_ctl_fops);
	if (ret < 0)
		return ret;
	ret = register_chrdev(0, "tbuf_data", &tbuf_data_fops);
	if (ret < 0)
		return ret;
	return register_chrdev(0, "tbuf_dbg", &tbuf_dbg_fops);
}
