/*
 * Construct: a stacked filesystem wrapper that refuses the mapping unless
 * the lower file has an ->mmap slot, then maps its own file with the
 * generic helper. The test alone would refuse a lower file that provides
 * ->mmap_prepare instead.
 * Expected: generic-wrapper, verdict convert: the test becomes
 * can_mmap_file(lower) (6.17 on: either hook), inside the file expression's
 * own rewrite; the rewrite says so in a note. The second handler writes
 * the test in a macro's argument with the f_op access in parentheses: the
 * edit lands where the test is written and the parentheses stay balanced.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 2 sites, 2 handlers, 2 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// RW: note: tests the file with can_mmap_file(), which knows ->mmap_prepare too (line [[@LINE+18]])

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>

struct overfs_file_info {
	struct file *lower;
};

static struct file *overfs_lower(struct file *file)
{
	return ((struct overfs_file_info *)file->private_data)->lower;
}

// CHECK-DAG: {{.*}}fop_mmap_test_converts.c:[[@LINE+1]]:12: note: ->mmap handler 'overfs_mmap' is generic-wrapper, verdict convert [mmap-migrate-generic-wrapper]
static int overfs_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!overfs_lower(file)->f_op->mmap)
		return -ENODEV;
	return generic_file_mmap(file, vma);
}
// CHECK-FIXES: {{^}}static int overfs_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (!can_mmap_file(overfs_lower(desc->file))){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -ENODEV;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return generic_file_mmap_prepare(desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

static const struct file_operations overfs_file_fops = {
	.mmap	= overfs_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = overfs_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

#define overfs_unlikely(x) (x)

// CHECK-DAG: {{.*}}fop_mmap_test_converts.c:[[@LINE+1]]:12: note: ->mmap handler 'overfs_ro_mmap' is generic-wrapper, verdict convert [mmap-migrate-generic-wrapper]
static int overfs_ro_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (overfs_unlikely(!(overfs_lower(file)->f_op)->mmap))
		return -ENODEV;
	return generic_file_readonly_mmap(file, vma);
}
// CHECK-FIXES: {{^}}static int overfs_ro_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES-NEXT: {{^}}	if (overfs_unlikely(!can_mmap_file(overfs_lower(desc->file)))){{$}}
// CHECK-FIXES-NEXT: {{^}}		return -ENODEV;{{$}}
// CHECK-FIXES-NEXT: {{^}}	return generic_file_readonly_mmap_prepare(desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

static const struct file_operations overfs_ro_fops = {
	.mmap	= overfs_ro_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = overfs_ro_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}
