/*
 * Construct: a .c file that another .c #includes (sound/core's
 * pcm_compat.c) defines a handler and its fops, and calls the handler
 * itself; the including file has a handler of its own (the control).
 * Expected: both are found through the including TU. The included file's
 * handler stays manual: the rewrite's checks (other uses, raw mentions,
 * skipped code) read the TU's own file only, so a use in the included file
 * would go unseen. The including file's handler converts.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// CHECK: summary: 2 sites, 2 handlers, 1 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// CHECK-DAG: {{.*}}Inputs/include_c_part.c:6:12: note: ->mmap handler 'tap_mmap' is pure-setup, verdict manual [mmap-migrate-pure-setup]
// CHECK-DAG: {{.*}}Inputs/include_c_part.c:6:{{[0-9]+}}: note: left for a human: defined in {{.*}}include_c_part.c, which this TU #includes: the rewrite's checks read only the TU's own file [mmap-migrate-verdict]
// CHECK-DAG: include_c_handler.c:[[@LINE+10]]:12: note: ->mmap handler 'tap_ctl_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
// RW: include_c_handler.c:[[@LINE+9]]:12: note: 'tap_ctl_mmap' becomes ->mmap_prepare (1 slot)

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

#include "Inputs/include_c_part.c"

static int tap_ctl_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
}

static const struct file_operations tap_ctl_fops = {
	.owner = THIS_MODULE,
	.mmap = tap_ctl_mmap,
};

const struct file_operations *tap_fops_of(int ctl)
{
	return ctl ? &tap_ctl_fops : &tap_fops;
}
