/* Helper TU for trap_header_inline.c: the second includer of the header. */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include "trap_header_inline.h"

const struct vm_operations_struct sbuf_vm_ops = {
	.fault = filemap_fault,
};

static const struct file_operations sbuf_tx_fops = {
	.owner = THIS_MODULE,
	.mmap = sbuf_mmap,
};

int sbuf_tx_register(void)
{
	return register_chrdev(0, "sbuf_tx", &sbuf_tx_fops);
}
