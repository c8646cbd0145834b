/*
 * Construct: the size check calls rb_usable_pages(), defined in another
 * file of the driver (Inputs/pure_helper_other_file_impl.c), which only
 * reads the device.
 * Expected: pure-setup, verdict convert: the scan parses the file that
 * defines the function, judges its body, and the call becomes a claim; the
 * rewrite converts it too.
 */
// RUN: %mmap-migrate scan %s %S/Inputs/pure_helper_other_file_impl.c -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s %S/Inputs/pure_helper_other_file_impl.c -- -nostdinc -I%inc | FileCheck --check-prefix=JSON %s
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s %S/Inputs/pure_helper_other_file_impl.c -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 2 TUs parsed, 0 failed
// JSON: "message": "rb_usable_pages(): its body (pure_helper_other_file_impl.c:13) is analysed, and every statement in it is claimed"
// JSON: "rule": "cross-file-summary"
// RW: pure_helper_other_file.c:[[@LINE+15]]:12: note: 'rb_mmap' becomes ->mmap_prepare (1 slot)

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct rb_dev {
	unsigned long nr_pages;
	unsigned long reserved_pages;
};

unsigned long rb_usable_pages(const struct rb_dev *rb);

// CHECK-DAG: {{.*}}pure_helper_other_file.c:[[@LINE+1]]:12: note: ->mmap handler 'rb_mmap' is pure-setup, verdict convert [mmap-migrate-pure-setup]
static int rb_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct rb_dev *rb = file->private_data;

	if (vma_pages(vma) > rb_usable_pages(rb))
		return -EINVAL;

	vma->vm_private_data = rb;
	return 0;
}

static const struct file_operations rb_fops = {
	.owner = THIS_MODULE,
	.mmap = rb_mmap,
};

int rb_register(void)
{
	return register_chrdev(0, "rb", &rb_fops);
}
