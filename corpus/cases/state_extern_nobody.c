/*
 * Construct: the handler calls an extern function of the driver that no
 * file given to the tool defines (it takes no vma).
 * Expected: changes-state, verdict manual: a call whose effects are
 * unknown is not proven harmless.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct isp_dev;

/* In the vendor's firmware glue, not in this tree. */
int isp_fw_claim_window(struct isp_dev *isp);

// CHECK-DAG: {{.*}}state_extern_nobody.c:[[@LINE+1]]:12: note: ->mmap handler 'isp_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int isp_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct isp_dev *isp = file->private_data;
	int ret;

	ret = isp_fw_claim_window(isp);
	// CHECK-DAG: {{.*}}state_extern_nobody.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}isp_fw_claim_window{{.*}}unknown{{.*}} [mmap-migrate-changes-state]
	if (ret)
		return ret;

	vma->vm_private_data = isp;
	return 0;
}

static const struct file_operations isp_fops = {
	.owner = THIS_MODULE,
	.mmap = isp_mmap,
};

int isp_register(void)
{
	return register_chrdev(0, "isp", &isp_fops);
}
