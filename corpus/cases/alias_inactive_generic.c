/*
 * Construct: a filesystem whose ->mmap exists only with DAX; without it the
 * other arm makes the name an alias of generic_file_mmap (ext2 and erofs
 * do this). The rename must move both arms: the alias line becomes
 * `#define <name>_prepare generic_file_mmap_prepare`, and the verifier
 * parses the file with the macro unset too, where that line is compiled.
 * Expected: generic-wrapper, verdict convert, both arms rewritten.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc -DCONFIG_SPOOL_DAX | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc -DCONFIG_SPOOL_DAX
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct spool_inode_info {
	int dax;
};

#ifdef CONFIG_SPOOL_DAX
static const struct vm_operations_struct spool_dax_vm_ops;

static int spool_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct spool_inode_info *si = file->private_data;

	if (!si->dax)
		return generic_file_mmap(file, vma);

	file_accessed(file);
	vma->vm_ops = &spool_dax_vm_ops;
	return 0;
}
#else
#define spool_file_mmap	generic_file_mmap
#endif
// CHECK-FIXES: {{^}}static int spool_file_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct file *file = desc->file;{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct spool_inode_info *si = file->private_data;{{$}}
// CHECK-FIXES: {{^}}		return generic_file_mmap_prepare(desc);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES: {{^}}	desc->vm_ops = &spool_dax_vm_ops;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return 0;{{$}}
// CHECK-FIXES: {{^}}#define spool_file_mmap_prepare	generic_file_mmap_prepare{{$}}
// CHECK-FIXES-NEXT: {{^}}#endif{{$}}

const struct file_operations spool_file_fops = {
	.owner	= THIS_MODULE,
	.mmap	= spool_file_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = spool_file_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
