/*
 * Construct: three handlers that end `if (remap_pfn_range(...)) return
 * -EAGAIN; <more>; return 0;`, where <more> cannot run before the remap:
 * - cachewin_mmap unlocks the mutex the remap ran under; as an action the
 *   remap runs after prepare returns, with the mutex no longer held
 *   (resctrl's pseudo-lock device has this shape; its failure branch,
 *   which unlocks too, would stop it as well);
 * - histwin_mmap replaces vma->vm_private_data, which the remap reads;
 * - markwin_mmap makes the protection uncached after the remap, so the
 *   pages it mapped keep the cached one: run first, the action would map
 *   them uncached.
 * Expected: remap-pfn; every rewrite refuses, naming the statement that
 * blocks, its line and the remap's. remap_trailing_setup.c is the
 * positive control.
 */
// RUN: %mmap-migrate rewrite --profile 7.1 --verify-arg=-DMOCK_PROFILE_7_1 --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %mmap-migrate rewrite --profile rfc-mmap-complete --verify-arg=-DMOCK_PROFILE_RFC_MMAP_COMPLETE --dry-run %s -- -nostdinc -I%inc 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %check-rewrite %s %t --converts= -- -nostdinc -I%inc
// RW: warning: 'cachewin_mmap' not rewritten: mutex_unlock(&cachewin_lock) (line [[@LINE+35]]) follows remap_pfn_range() at line [[@LINE+29]]: the remap ran with &cachewin_lock held, and it now runs after ->mmap_prepare has returned, when it no longer is
// RW: warning: 'histwin_mmap' not rewritten: vma->vm_private_data = hw (line [[@LINE+51]]) follows remap_pfn_range() at line [[@LINE+48]]: the remap reads vma->vm_private_data, which would then be the new value
// RW: warning: 'markwin_mmap' not rewritten: vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot) (line [[@LINE+65]]) follows remap_pfn_range() at line [[@LINE+62]]: only vm_ops and vm_private_data set to a plain value, which the remap neither reads nor writes, can move before it
// RW-NOT: ---

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct cachewin {
	unsigned long pfn;
	bool gone;
};

static DEFINE_MUTEX(cachewin_lock);
static const struct vm_operations_struct cachewin_vm_ops;

static int cachewin_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cachewin *cw;

	mutex_lock(&cachewin_lock);
	cw = file->private_data;
	if (cw->gone) {
		mutex_unlock(&cachewin_lock);
		return -ENODEV;
	}
	if (remap_pfn_range(vma, vma->vm_start, cw->pfn,
			    vma->vm_end - vma->vm_start, vma->vm_page_prot)) {
		mutex_unlock(&cachewin_lock);
		return -EAGAIN;
	}
	vma->vm_ops = &cachewin_vm_ops;
	mutex_unlock(&cachewin_lock);
	return 0;
}

struct histwin {
	unsigned long pfn;
	unsigned long bank_pfn[2];
};

static int histwin_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct histwin *hw = file->private_data;

	vma->vm_private_data = &hw->bank_pfn[1];
	if (remap_pfn_range(vma, vma->vm_start, *(unsigned long *)vma->vm_private_data,
			    vma->vm_end - vma->vm_start, vma->vm_page_prot))
		return -EAGAIN;
	vma->vm_private_data = hw;
	return 0;
}

struct markwin {
	unsigned long pfn;
};

static int markwin_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct markwin *mw = file->private_data;

	if (remap_pfn_range(vma, vma->vm_start, mw->pfn,
			    vma->vm_end - vma->vm_start, vma->vm_page_prot))
		return -EAGAIN;
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return 0;
}

static const struct file_operations cachewin_fops = {
	.owner = THIS_MODULE,
	.mmap = cachewin_mmap,
};

static const struct file_operations histwin_fops = {
	.owner = THIS_MODULE,
	.mmap = histwin_mmap,
};

static const struct file_operations markwin_fops = {
	.owner = THIS_MODULE,
	.mmap = markwin_mmap,
};

int trailwin_register(void)
{
	register_chrdev(0, "histwin", &histwin_fops);
	register_chrdev(0, "markwin", &markwin_fops);
	return register_chrdev(0, "cachewin", &cachewin_fops);
}
