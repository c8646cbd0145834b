/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: DRM ioctl entry points. */
#ifndef _MOCK_DRM_DRM_IOCTL_H
#define _MOCK_DRM_DRM_IOCTL_H

struct file;

long drm_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);
long drm_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);

#endif /* _MOCK_DRM_DRM_IOCTL_H */
