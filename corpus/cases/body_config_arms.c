/*
 * Construct: handlers whose body is one handler per configuration. With
 * CONFIG_MMU, romwin maps a device window that a constant has disabled
 * (and, inside that, sets a non-cached protection where the architecture
 * has one); without it, it only allows shared mappings (mtdchar's shape).
 * lathe's other arm hands the vma to a function of unknown effect.
 * spindle compiles a `return` that another configuration leaves out.
 * Trap: a parse sees one arm; the arm it skips names the vma too, and a
 * rename alone would leave it naming a parameter that is gone, or convert
 * code no analysis has read.
 * Expected: romwin converts whichever configuration the build has: every
 * arm is rewritten, each planned by a parse with CONFIG_MMU set that way.
 * lathe is refused with the other configuration's reason; spindle is
 * refused, naming the block (control: not everything converts).
 */
// RUN: %check-rewrite %s %t --converts=7.1 -- -nostdinc -I%inc -DCONFIG_MMU
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc -DCONFIG_MMU -DMOCK_PROFILE_7_1 2>&1 | FileCheck --check-prefix=RW %s
// RUN: %mmap-migrate rewrite --dry-run --profile 7.1 %s -- -nostdinc -I%inc -DMOCK_PROFILE_7_1 2>&1 | FileCheck --check-prefix=NOMMU %s
// RW: body_config_arms.c:[[@LINE+29]]:12: note: 'romwin_mmap' becomes ->mmap_prepare (1 slot)
// RW: body_config_arms.c:[[@LINE+75]]:12: warning: 'lathe_mmap' not rewritten: with `CONFIG_MMU` unset: passes the vma to lathe_nommu_map()
// RW: body_config_arms.c:[[@LINE+95]]:12: warning: 'spindle_mmap' not rewritten: the block at line [[#@LINE+98]], which other configurations leave out, holds a return (line [[#@LINE+99]])
// RW: 1 handlers rewritten, 0 convertible ones refused, 2 left manual
// NOMMU: body_config_arms.c:[[@LINE+25]]:12: note: 'romwin_mmap' becomes ->mmap_prepare (1 slot)
// NOMMU: {{^}}-		return vm_iomap_memory(vma, win->phys, win->size);{{$}}
// NOMMU-NEXT: {{^}}+		mmap_action_simple_ioremap(desc, win->phys, win->size);{{$}}
// NOMMU: {{^}}-	return vma->vm_flags & VM_SHARED ? 0 : -EACCES;{{$}}
// NOMMU-NEXT: {{^}}+	return vma_desc_test(desc, VMA_SHARED_BIT) ? 0 : -EACCES;{{$}}

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

/* As an architecture's pgtable.h says it has one. */
#define pgprot_noncached pgprot_noncached

#define CONFIG_SPINDLE_DIRECT 1

struct romwin_info {
	unsigned long phys;
	unsigned long size;
};

struct romwin_file {
	struct romwin_info *win;
};

static int romwin_mmap(struct file *file, struct vm_area_struct *vma)
{
#ifdef CONFIG_MMU
	struct romwin_file *rf = file->private_data;
	struct romwin_info *win = rf->win;

	/* Disabled until the window is known to be RAM. */
	if (0) {
#ifdef pgprot_noncached
		if (win->phys >= 0x100000000UL)
			vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
#endif
		return vm_iomap_memory(vma, win->phys, win->size);
	}
	return -ENODEV;
#else
	return vma->vm_flags & VM_SHARED ? 0 : -EACCES;
#endif
}
// CHECK-FIXES: {{^}}static int romwin_mmap_prepare(struct vm_area_desc *desc){{$}}
// CHECK-FIXES-NEXT: {{^}}{{{$}}
// CHECK-FIXES: {{^}}	struct romwin_file *rf = desc->file->private_data;{{$}}
// CHECK-FIXES-NEXT: {{^}}	struct romwin_info *win = rf->win;{{$}}
// CHECK-FIXES: {{^}}			desc->page_prot = pgprot_noncached(desc->page_prot);{{$}}
// CHECK-FIXES-NEXT: {{^}}#endif{{$}}
// CHECK-FIXES-NEXT: {{^}}		mmap_action_simple_ioremap(desc, win->phys, win->size);{{$}}
// CHECK-FIXES-NEXT: {{^}}		return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}	}{{$}}
// CHECK-FIXES: {{^}}	return vma_desc_test(desc, VMA_SHARED_BIT) ? 0 : -EACCES;{{$}}
// CHECK-FIXES-NEXT: {{^}}#endif{{$}}

static const struct file_operations romwin_fops = {
	.owner = THIS_MODULE,
	.mmap = romwin_mmap,
};
// CHECK-FIXES: {{^}}	.mmap_prepare = romwin_mmap_prepare,{{$}}
// CHECK-FIXES-NEXT: {{^}}};{{$}}

int romwin_register(void)
{
	return register_chrdev(0, "romwin", &romwin_fops);
}

static const struct vm_operations_struct lathe_vm_ops;

int lathe_nommu_map(struct file *file, struct vm_area_struct *vma);

static int lathe_mmap(struct file *file, struct vm_area_struct *vma)
{
#ifdef CONFIG_MMU
	vma->vm_ops = &lathe_vm_ops;
	return 0;
#else
	return lathe_nommu_map(file, vma);
#endif
}

static const struct file_operations lathe_fops = {
	.mmap = lathe_mmap,
};

int lathe_register(void)
{
	return register_chrdev(0, "lathe", &lathe_fops);
}

static const struct vm_operations_struct spindle_vm_ops;

static int spindle_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &spindle_vm_ops;
#ifdef CONFIG_SPINDLE_DIRECT
	return 0;
#endif
	vm_flags_set(vma, VM_IO);
	return 0;
}

static const struct file_operations spindle_fops = {
	.mmap = spindle_mmap,
};

int spindle_register(void)
{
	return register_chrdev(0, "spindle", &spindle_fops);
}
