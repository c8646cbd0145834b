/*
 * Construct: the handler counts mappings in a file-scope variable.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static unsigned int lcd_maps_total;

// CHECK-DAG: {{.*}}state_global.c:[[@LINE+1]]:12: note: ->mmap handler 'lcd_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int lcd_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;

	lcd_maps_total += 1;
	// CHECK-DAG: {{.*}}state_global.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}lcd_maps_total{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = file->private_data;
	return 0;
}

static const struct file_operations lcd_fops = {
	.owner = THIS_MODULE,
	.mmap = lcd_mmap,
};

int lcd_register(void)
{
	return register_chrdev(0, "lcd", &lcd_fops);
}
