/*
 * Construct: the table spells out .mmap = NULL (mapping deliberately
 * unsupported).
 * Expected: one site "to NULL", no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: note: ->mmap handler

#include <linux/fs.h>
#include <linux/module.h>

ssize_t rtc_lite_read(struct file *file, char __user *buf, size_t count,
		      loff_t *ppos);

static const struct file_operations rtc_lite_fops = {
	.owner = THIS_MODULE,
	.read = rtc_lite_read,
	.mmap = NULL,
	// CHECK-DAG: {{.*}}trap_mmap_null.c:[[@LINE-1]]:10: note: 'rtc_lite_fops' sets ->mmap to NULL [mmap-migrate-site]
};

int rtc_lite_register(void)
{
	return register_chrdev(0, "rtc_lite", &rtc_lite_fops);
}
