// SPDX-License-Identifier: GPL-2.0
/* The GEM core's ->mmap: forwards to the object's own mmap callback. */
#include <linux/errno.h>
#include <drm/drm_gem.h>
#include <linux/mm.h>

int drm_gem_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = filp->private_data;

	if (!obj->funcs->mmap)
		return -EINVAL;
	vma->vm_private_data = obj;
	return obj->funcs->mmap(obj, vma);
}
