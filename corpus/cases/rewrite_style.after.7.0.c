/*
 * Construct: pure setup written the way real drivers write it: a comment
 * before the first statement, the file used twice, a flag list that spans
 * two lines, and flag tests combined with && and !, compared with 0 and
 * stored in a bool. The rewrite must keep
 * the file's style: the local for the file goes first, long flag lists are
 * wrapped at 80 columns aligned with the open parenthesis, and tests lose
 * the parentheses only the bitwise form needed.
 * Expected: pure-setup, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct hvbuf {
	unsigned long nr_pages;
	bool read_only;
};

static const struct vm_operations_struct hvbuf_vm_ops;

// CHECK-DAG: {{.*}}rewrite_style.c:[[@LINE+1]]:12: note: ->mmap handler 'hvbuf_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int hvbuf_mmap_prepare(struct vm_area_desc *desc)
{
	struct file *file = desc->file;
	bool writable = false;

	/*
	 * Shared writable mappings of a read-only buffer would let user
	 * space scribble on the hypervisor's copy.
	 */
	if (((struct hvbuf *)file->private_data)->read_only &&
	    vma_desc_test_flags(desc, VMA_SHARED_BIT) && vma_desc_test_flags(desc, VMA_MAYWRITE_BIT))
		return -EACCES;
	if (!vma_desc_test_flags(desc, VMA_SHARED_BIT))
		return -EINVAL;
	if (vma_desc_test_flags(desc, VMA_EXEC_BIT, VMA_MAYEXEC_BIT))
		return -EPERM;
	if (!vma_desc_test_flags(desc, VMA_IO_BIT))
		writable = vma_desc_test_flags(desc, VMA_WRITE_BIT);

	vma_desc_set_flags(desc, VMA_IO_BIT, VMA_PFNMAP_BIT, VMA_DONTCOPY_BIT,
			   VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);
	desc->private_data = writable ? file->private_data : NULL;
	desc->vm_ops = &hvbuf_vm_ops;
	return 0;
}

static const struct file_operations hvbuf_fops = {
	.owner		= THIS_MODULE,
	.mmap_prepare	= hvbuf_mmap_prepare,
};
