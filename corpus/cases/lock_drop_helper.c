/*
 * Construct: a static helper called at the end of the handler drops the
 * mmap lock with mmap_read_unlock(), waits for firmware, and takes it again.
 * The helper is followed; its findings are reported at its own lines.
 * Expected: lock-drop, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: note: ->mmap handler 'fw_wait_unlocked'

#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct fw_dev {
	bool ready;
};

int fw_dev_wait_ready(struct fw_dev *fw);

static const struct vm_operations_struct fw_vm_ops = {
	.fault = filemap_fault,
};

static int fw_wait_unlocked(struct fw_dev *fw, struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	int ret;

	/* Loading firmware can take seconds: do not sit on the mmap lock. */
	mmap_read_unlock(mm);
	// CHECK-DAG: {{.*}}lock_drop_helper.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}mmap_read_unlock{{.*}} [mmap-migrate-lock-drop]
	ret = fw_dev_wait_ready(fw);
	mmap_read_lock(mm);
	return ret;
}

// CHECK-DAG: {{.*}}lock_drop_helper.c:[[@LINE+1]]:12: note: ->mmap handler 'fw_mmap' is lock-drop, verdict manual [mmap-migrate-lock-drop]
static int fw_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct fw_dev *fw = file->private_data;

	vma->vm_private_data = fw;
	vma->vm_ops = &fw_vm_ops;
	if (READ_ONCE(fw->ready))
		return 0;
	return fw_wait_unlocked(fw, vma);
}

static const struct file_operations fw_fops = {
	.owner = THIS_MODULE,
	.mmap = fw_mmap,
	// CHECK-DAG: {{.*}}lock_drop_helper.c:[[@LINE-1]]:10: note: 'fw_fops' sets ->mmap to 'fw_mmap' [mmap-migrate-site]
};

int fw_register(void)
{
	return register_chrdev(0, "fwdev", &fw_fops);
}
