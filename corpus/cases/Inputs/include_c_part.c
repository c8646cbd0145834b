/*
 * Included by include_c_handler.c, as sound/core/pcm_native.c includes
 * pcm_compat.c: not a TU of its own. Its handler is also called by its
 * own ioctl path, a use only this file shows.
 */
static int tap_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

static int tap_remap_ioctl(struct file *file, struct vm_area_struct *vma)
{
	return tap_mmap(file, vma);
}

static const struct file_operations tap_fops = {
	.owner = THIS_MODULE,
	.mmap = tap_mmap,
};
