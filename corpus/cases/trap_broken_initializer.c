/*
 * Construct: fops initialisers that do not compile (a designator that names
 * no member, inside an array of wrappers), as in a tree patched for another
 * kernel version. Clang leaves holes in such initialiser lists; the scan
 * must report the TU as partial, not crash.
 * Expected: no site, the TU listed as parsed with errors.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 1 failed
// CHECK: trap_broken_initializer.c: warning: parsed with errors, results from it are partial: {{.*}} [mmap-migrate-not-analysed]

#include <linux/fs.h>
#include <linux/mm.h>

struct port_fops {
	struct file_operations fops;
	int minor;
};

static struct port_fops port_table[] = {
	{ .fops = { .no_such_slot = 1 } },
	{ .minor = 2 },
};
