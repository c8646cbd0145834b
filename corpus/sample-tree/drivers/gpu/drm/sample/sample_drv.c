// SPDX-License-Identifier: GPL-2.0
/* A GEM driver whose fops come from a macro in a header. */
#include <linux/errno.h>
#include <drm/drm_gem.h>

DEFINE_DRM_GEM_FOPS(sample_drm_fops);
