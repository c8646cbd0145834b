/*
 * Construct: the fops table is built by DEFINE_DRM_GEM_FOPS(), which nests a
 * second macro; the site is reported at the macro's use and names the
 * outermost macro. drm_gem_mmap() has no body in the corpus. Also checks the
 * JSON report.
 * Expected: one site (macro DEFINE_DRM_GEM_FOPS); drm_gem_mmap is unknown,
 * verdict not-analysed.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan --format json %s -- -nostdinc -I%inc | FileCheck --check-prefix=CHECK-JSON %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, 0 convert, 0 manual, 1 not-analysed, 1 TUs parsed, 0 failed
// CHECK-JSON-DAG: "macro": "DEFINE_DRM_GEM_FOPS"
// CHECK-JSON-DAG: "drm_gem_mmap"
// CHECK-JSON-DAG: "verdict": "not-analysed"

#include <drm/drm_drv.h>
#include <drm/drm_gem.h>

DEFINE_DRM_GEM_FOPS(tinygpu_fops);
// CHECK-DAG: {{.*}}trap_drm_gem_macro.c:[[@LINE-1]]:1: note: 'tinygpu_fops' sets ->mmap to 'drm_gem_mmap' (macro DEFINE_DRM_GEM_FOPS) [mmap-migrate-site]
// CHECK-DAG: note: ->mmap handler 'drm_gem_mmap' is unknown, verdict not-analysed [mmap-migrate-not-analysed]

const struct drm_driver tinygpu_driver = {
	.name = "tinygpu",
	.desc = "small GEM test driver",
	.major = 1,
	.minor = 0,
	.fops = &tinygpu_fops,
};
