/*
 * Construct: a read-only filesystem whose table uses
 * generic_file_readonly_mmap() directly.
 * Expected: generic-direct, verdict convert.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 1 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>

const struct file_operations romfs_lite_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.mmap = generic_file_readonly_mmap,
	// CHECK-DAG: {{.*}}generic_readonly_direct.c:[[@LINE-1]]:10: note: 'romfs_lite_file_operations' sets ->mmap to 'generic_file_readonly_mmap' [mmap-migrate-site]
};
// CHECK-FIXES: {{^}}	.mmap_prepare = generic_file_readonly_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}	// {{C}}HECK-{{D}}AG: {{\{\{}}.*}}generic_readonly_direct.c:{{\[\[}}@LINE-1]]:10: note: 'romfs_lite_file_operations' sets ->mmap to 'generic_file_readonly_mmap' [mmap-migrate-site]{{$}}

// CHECK-DAG: note: ->mmap handler 'generic_file_readonly_mmap' is generic-direct, verdict convert [mmap-migrate-generic-direct]
