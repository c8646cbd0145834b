/*
 * Construct: pure setup for a read-only status page: size check, refuse
 * writable mappings, clear VM_MAYWRITE, set VM_DONTEXPAND, install vm_ops.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>

static void *stat_page;

static vm_fault_t stat_page_fault(struct vm_fault *vmf)
{
	struct page *page = virt_to_page(stat_page);

	get_page(page);
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct stat_page_vm_ops = {
	.fault = stat_page_fault,
};

// CHECK-DAG: {{.*}}pure_setup_readonly.c:[[@LINE+1]]:12: note: ->mmap handler 'stat_page_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int stat_page_mmap_prepare(struct vm_area_desc *desc)
{
	if (desc->end - desc->start != PAGE_SIZE)
		return -EINVAL;
	if (desc->vm_flags & VM_WRITE)
		return -EPERM;

	/* mprotect() must not be able to make it writable later. */
	desc->vm_flags &= ~VM_MAYWRITE;
	desc->vm_flags |= VM_DONTEXPAND;
	desc->vm_ops = &stat_page_vm_ops;
	return 0;
}

static const struct file_operations stat_page_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = stat_page_mmap_prepare,
	// CHECK-DAG: {{.*}}pure_setup_readonly.c:[[@LINE-1]]:10: note: 'stat_page_fops' sets ->mmap to 'stat_page_mmap' [mmap-migrate-site]
};

static struct miscdevice stat_page_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "statpage",
	.fops = &stat_page_fops,
};

int stat_page_register(void)
{
	return misc_register(&stat_page_misc);
}
