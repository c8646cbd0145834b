/*
 * Construct: pure setup. pgoff and size checks, page_prot made uncached,
 * flags set, private data and vm_ops installed, file_accessed(). The fault
 * handler inserts PFNs, but it is not called from ->mmap and must not count.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-insert-pages]
// NEG-NOT: [mmap-migrate-remap-pfn]

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct ring_dev {
	unsigned long nr_pages;
	unsigned long base_pfn;
};

static vm_fault_t ring_vm_fault(struct vm_fault *vmf)
{
	struct ring_dev *rdev = vmf->vma->vm_private_data;

	if (vmf->pgoff >= rdev->nr_pages)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, vmf->address, rdev->base_pfn + vmf->pgoff);
}

static const struct vm_operations_struct ring_vm_ops = {
	.fault = ring_vm_fault,
};

// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE+1]]:12: note: ->mmap handler 'ring_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int ring_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *file = desc->file;
	struct ring_dev *rdev = file->private_data;

	if (desc->pgoff)
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:6: note: reads vma->vm_pgoff [mmap-migrate-pure-setup]
		return -EINVAL;
	if (vma_desc_pages(desc) > rdev->nr_pages)
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:6: note: reads the mapping size with vma_pages() [mmap-migrate-pure-setup]
		return -EINVAL;

	desc->page_prot = pgprot_noncached(desc->page_prot);
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: sets vma->vm_page_prot [mmap-migrate-pure-setup]
	vma_desc_set_flags(desc, VMA_PFNMAP_BIT, VMA_DONTEXPAND_BIT,
			   VMA_DONTDUMP_BIT);
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: changes vma flags with vm_flags_set() [mmap-migrate-pure-setup]
	desc->private_data = rdev;
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: sets vma->vm_private_data [mmap-migrate-pure-setup]
	desc->vm_ops = &ring_vm_ops;
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: sets vma->vm_ops [mmap-migrate-pure-setup]
	file_accessed(file);
// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:2: note: marks the file accessed with file_accessed() [mmap-migrate-pure-setup]
	return 0;
}


static const struct file_operations ring_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = ring_mmap_prepare,
	// CHECK-DAG: {{.*}}pure_setup.c:[[@LINE-1]]:10: note: 'ring_fops' sets ->mmap to 'ring_mmap' [mmap-migrate-site]
	.llseek = noop_llseek,
};

int ring_register(void)
{
	return register_chrdev(0, "ring", &ring_fops);
}
