/*
 * Construct: file-level revalidation before the mapping: the open mode,
 * the inode's size through file_inode() and i_size_read(), and a
 * capability check.
 * Expected: pure-setup, verdict convert (each call is known to read only).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// JSON: "rule": "known-reads"

#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

// CHECK-DAG: {{.*}}pure_file_checks.c:[[@LINE+1]]:12: note: ->mmap handler 'blob_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int blob_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *file = desc->file;
	struct inode *inode = file_inode(file);
	loff_t size = i_size_read(inode);

	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (size < (loff_t)(desc->pgoff + vma_desc_pages(desc)) * 4096)
		return -EINVAL;
	if (vma_desc_test(desc, VMA_WRITE_BIT) && !capable(CAP_SYS_RAWIO))
		return -EPERM;

	desc->private_data = inode;
	return 0;
}

static const struct file_operations blob_fops = {
	.owner = THIS_MODULE,
	.mmap_prepare = blob_mmap_prepare,
};

int blob_register(void)
{
	return register_chrdev(0, "blob", &blob_fops);
}
