/*
 * Construct: a helper in another file (Inputs/fops_macro_arg_lib.c) tests
 * and fills ->mmap of the table it is given, through a macro whose
 * argument is the member name (cxl's PATCH_FOPS(mmap) in cxl_get_fd()),
 * so that file's text has no `->mmap`. Its one caller is a third file
 * (Inputs/fops_macro_arg_user.c) whose text has no mmap at all; it passes
 * this file's lens_fops. A second table reaches no helper.
 * Trap: the scan must parse the helper's file although its text shows no
 * mmap member, and the caller's file although it shows nothing at all;
 * converted, lens_fops's ->mmap would be NULL and the helper would fill
 * it with the default's.
 * Expected: lens_mmap is refused, naming the helper's parameter; the
 * other handler converts (control: the caller's file was parsed, so the
 * use bars lens_fops alone).
 */
// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -e 's|@CASES_DIR@|%/S|g' %S/Inputs/fops_macro_arg.json.in > %t/compile_commands.json
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 -p %t 2>&1 | FileCheck %s
// CHECK: fops_macro_arg.c:[[@LINE+14]]:12: warning: 'lens_mmap' not rewritten: its table 'lens_fops' may reach code that knows only ->mmap: ->mmap is {{.*}}fops_macro_arg_lib.c:{{[0-9]+}} (lens_get_fd()) on a table read through parameter 2 of lens_get_fd(),{{.*}} and stays
// CHECK: fops_macro_arg.c:[[@LINE+25]]:12: note: 'prism_mmap' becomes ->mmap_prepare (1 slot)
// CHECK: 1 handlers rewritten, 1 convertible ones refused
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 -p %t 2>&1 | FileCheck --check-prefix=NEG %s
// NEG-NOT: 'lens_mmap' becomes
// NEG-NOT: where the scan does not see

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include "Inputs/fops_macro_arg.h"

static const struct vm_operations_struct lens_vm_ops;

static int lens_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &lens_vm_ops;
	return 0;
}

struct file_operations lens_fops = {
	.mmap = lens_mmap,
};

static const struct vm_operations_struct prism_vm_ops;

static int prism_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &prism_vm_ops;
	return 0;
}

static const struct file_operations prism_fops = {
	.mmap = prism_mmap,
};

int prism_register(void)
{
	return register_chrdev(0, "prism", &prism_fops);
}
