/*
 * Construct: a GEM object's struct drm_gem_object_funcs .mmap
 * (object, vma). It is not a fops site.
 * Expected: one other-table line; no site, no handler.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck --check-prefix=NEG %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// CHECK: summary: 0 sites, 0 handlers, 0 convert, 0 manual, 0 not-analysed, 1 TUs parsed, 0 failed
// NEG-NOT: [mmap-migrate-site]
// NEG-NOT: note: ->mmap handler

#include <drm/drm_gem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>

struct tgem_obj {
	struct drm_gem_object base;
	unsigned long pfn;
};

static int tgem_obj_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	struct tgem_obj *tobj = container_of(obj, struct tgem_obj, base);

	vm_flags_set(vma, VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	return remap_pfn_range(vma, vma->vm_start, tobj->pfn,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static void tgem_obj_free(struct drm_gem_object *obj)
{
	kfree(container_of(obj, struct tgem_obj, base));
}

const struct drm_gem_object_funcs tgem_obj_funcs = {
	.free = tgem_obj_free,
	.mmap = tgem_obj_mmap,
	// CHECK-DAG: {{.*}}other_drm_gem_funcs.c:[[@LINE-1]]:10: note: struct drm_gem_object_funcs.mmap = 'tgem_obj_mmap' is not a file_operations ->mmap [mmap-migrate-other-table]
};
