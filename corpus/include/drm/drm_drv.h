/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: struct drm_driver, only what points at the fops. */
#ifndef _MOCK_DRM_DRM_DRV_H
#define _MOCK_DRM_DRM_DRV_H

struct file_operations;

struct drm_driver {
	const char *name;
	const char *desc;
	int major;
	int minor;
	const struct file_operations *fops;
};

#endif /* _MOCK_DRM_DRM_DRV_H */
