/*
 * Construct: a `static` local sequence number, bumped on every mapping.
 * A static local is a global with a small scope.
 * Expected: changes-state, verdict manual.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 1 manual, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

struct seqbuf {
	unsigned long seq;
};

// CHECK-DAG: {{.*}}state_static_local.c:[[@LINE+1]]:12: note: ->mmap handler 'seqbuf_mmap' is changes-state, verdict manual [mmap-migrate-changes-state]
static int seqbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	static unsigned long next_seq;
	struct seqbuf *sb = file->private_data;

	sb->seq = ++next_seq;
	// CHECK-DAG: {{.*}}state_static_local.c:[[@LINE-1]]:{{[0-9]+}}: note: {{.*}}next_seq{{.*}} [mmap-migrate-changes-state]
	vma->vm_private_data = sb;
	return 0;
}

static const struct file_operations seqbuf_fops = {
	.owner = THIS_MODULE,
	.mmap = seqbuf_mmap,
};

int seqbuf_register(void)
{
	return register_chrdev(0, "seqbuf", &seqbuf_fops);
}
