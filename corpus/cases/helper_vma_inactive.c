/*
 * Construct: the static helper the handler passes its vma to is also
 * called from code this configuration skips (a debug handler under an
 * unset option). The AST shows only the handler's call; converting the
 * helper would break the other configuration's call.
 * Expected: pure-setup; the rewrite refuses with the line of the other
 * mention, and nothing in the file changes.
 */
// RUN: %mmap-migrate rewrite --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: helper_vma_inactive.c:[[@LINE+23]]:12: warning: 'rbuf_mmap' not rewritten: rbuf_setup(), which the vma goes to, is also named at line [[@LINE+19]], which the rewrite cannot see as a call from the handler (code another configuration compiles, or a macro) [mmap-migrate-rewrite]

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static const struct vm_operations_struct rbuf_vm_ops;

static int rbuf_setup(struct vm_area_struct *vma, void *priv)
{
	vma->vm_ops = &rbuf_vm_ops;
	vma->vm_private_data = priv;
	return 0;
}

#ifdef CONFIG_RBUF_DEBUG_MMAP
int rbuf_debug_map(struct vm_area_struct *vma)
{
	return rbuf_setup(vma, NULL);
}
#endif

static int rbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	return rbuf_setup(vma, file->private_data);
}

static const struct file_operations rbuf_fops = {
	.owner = THIS_MODULE,
	.mmap = rbuf_mmap,
};

int rbuf_register(void)
{
	return register_chrdev(0, "rbuf", &rbuf_fops);
}
