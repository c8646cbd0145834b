/*
 * Construct: a filesystem table that points .mmap straight at
 * generic_file_mmap(). The mock only declares it: the tool knows it by name.
 * Expected: generic-direct, verdict convert (the slot becomes
 * .mmap_prepare = generic_file_mmap_prepare).
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>

const struct file_operations tinyfs_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = generic_file_write_iter,
	.mmap = generic_file_mmap,
	// CHECK-DAG: {{.*}}generic_direct.c:[[@LINE-1]]:10: note: 'tinyfs_file_operations' sets ->mmap to 'generic_file_mmap' [mmap-migrate-site]
	.open = generic_file_open,
	.fsync = generic_file_fsync,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = generic_file_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}generic_direct.c:{{\[\[}}@LINE-1]]:10: note: 'tinyfs_file_operations' sets ->mmap to 'generic_file_mmap' [mmap-migrate-site]{{$}}

// CHECK-DAG: note: ->mmap handler 'generic_file_mmap' is generic-direct, verdict convert [mmap-migrate-generic-direct]
