/* Helper for trap_header_inline.c: a static inline handler in a header. */
#ifndef TRAP_HEADER_INLINE_H
#define TRAP_HEADER_INLINE_H

#include <linux/fs.h>
#include <linux/mm.h>

extern const struct vm_operations_struct sbuf_vm_ops;

/* Line 11, column 19: trap_header_inline.c expects the handler header here. */
static inline int sbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_private_data = file->private_data;
	vma->vm_ops = &sbuf_vm_ops;
	return 0;
}

#endif /* TRAP_HEADER_INLINE_H */
