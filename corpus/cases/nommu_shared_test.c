/*
 * Construct: a nommu filesystem's handler refuses a mapping that would not
 * share the file's memory, through is_nommu_shared_mapping(vma->vm_flags),
 * then installs its vm_ops (the shape of ramfs's and romfs's nommu mmap).
 * Expected: pure-setup, verdict convert. Where the descriptor still has
 * vm_flags (6.17, 6.19, the RFC) the flags are passed as they are; 7.1
 * tests them with is_nommu_shared_vma_flags(&desc->vma_flags). 7.0 has no
 * form the tool knows for that test, so it is left alone there.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static vm_fault_t flatfs_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct flatfs_vm_ops = {
	.fault = flatfs_fault,
};

// CHECK-DAG: {{.*}}nommu_shared_test.c:[[@LINE+1]]:12: note: ->mmap handler 'flatfs_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int flatfs_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!is_nommu_shared_mapping(vma->vm_flags))
		return -ENOSYS;

	file_accessed(file);
	vma->vm_ops = &flatfs_vm_ops;
	return 0;
}
// CHECK-FIXES: {{^}}static int flatfs_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-V617-V619-RFC-NEXT: {{^}}	if (!is_nommu_shared_mapping(desc->vm_flags)){{$}}
// CHECK-FIXES-V71-NEXT: {{^}}	if (!is_nommu_shared_vma_flags(&desc->vma_flags)){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -ENOSYS;{{$}}
// CHECK-FIXES: {{^}}	file_accessed(desc->file);{{$}}
// CHECK-FIXES-NEXT: {{^}}	desc->vm_ops = &flatfs_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}

static const struct file_operations flatfs_fops = {
	.owner = THIS_MODULE,
	.mmap = flatfs_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = flatfs_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int flatfs_register(void)
{
	return register_chrdev(0, "flatfs", &flatfs_fops);
}
