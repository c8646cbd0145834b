/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmap-migrate mock: GEM objects and the macro that builds a GEM driver's
 * file_operations. The table is built by two macros, like in the kernel, so
 * the tool has to report the outermost one (DEFINE_DRM_GEM_FOPS).
 */
#ifndef _MOCK_DRM_DRM_GEM_H
#define _MOCK_DRM_DRM_GEM_H

#include <linux/fs.h>
#include <linux/module.h>
#include <drm/drm_file.h>
#include <drm/drm_ioctl.h>

struct vm_area_struct;
struct drm_gem_object;

struct drm_gem_object_funcs {
	void (*free)(struct drm_gem_object *obj);
	int (*mmap)(struct drm_gem_object *obj, struct vm_area_struct *vma);
};

struct drm_gem_object {
	const struct drm_gem_object_funcs *funcs;
	size_t size;
};

/* Declared only: its body lives in the DRM core, outside the corpus. */
int drm_gem_mmap(struct file *filp, struct vm_area_struct *vma);

/* The slots every GEM driver shares; .owner is added by the outer macro. */
#define DRM_GEM_FOPS \
	.open		= drm_open,		\
	.release	= drm_release,		\
	.unlocked_ioctl	= drm_ioctl,		\
	.compat_ioctl	= drm_compat_ioctl,	\
	.poll		= drm_poll,		\
	.read		= drm_read,		\
	.llseek		= noop_llseek,		\
	.mmap		= drm_gem_mmap

#define DEFINE_DRM_GEM_FOPS(name)				\
	static const struct file_operations name = {		\
		.owner	= THIS_MODULE,				\
		DRM_GEM_FOPS,					\
	}

#endif /* _MOCK_DRM_DRM_GEM_H */
