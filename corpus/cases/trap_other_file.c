/*
 * Construct: the table is here, the handler is defined in another TU
 * (Inputs/trap_other_file_impl.c) given on the same command line.
 * Expected: one site here; the handler, reported in the other file, is
 * remap-pfn (one vm_iomap_memory()), verdict convert.
 */
// RUN: %mmap-migrate scan %s %S/Inputs/trap_other_file_impl.c -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s %S/Inputs/trap_other_file_impl.c -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 2 TUs parsed, 0 failed
// CHECK-DAG: {{.*}}Inputs/trap_other_file_impl.c:12:5: note: ->mmap handler 'hwmon_core_mmap' is remap-pfn, verdict convert [mmap-migrate-remap-pfn]
// CHECK-DAG: {{.*}}Inputs/trap_other_file_impl.c:17:{{[0-9]+}}: note: {{.*}}vm_iomap_memory{{.*}} [mmap-migrate-remap-pfn]
// NEG-NOT: is unknown, verdict not-analysed

#include <linux/fs.h>
#include <linux/module.h>
#include "Inputs/trap_other_file.h"

static const struct file_operations hwmon_raw_fops = {
	.owner = THIS_MODULE,
	.mmap = hwmon_core_mmap,
	// CHECK-DAG: {{.*}}trap_other_file.c:[[@LINE-1]]:10: note: 'hwmon_raw_fops' sets ->mmap to 'hwmon_core_mmap' [mmap-migrate-site]
};

int hwmon_raw_register(void)
{
	return register_chrdev(0, "hwmon_raw", &hwmon_raw_fops);
}
