/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmap-migrate verification shim: the ->mmap_prepare API of one target
 * profile, declared for a tree that predates it. Written for mmap-migrate;
 * layered over the tree's include/linux/mm.h in memory (never on disk) so
 * rewritten code can be parsed against the API it targets. Declarations
 * only: nothing here is meant to run. The profile is chosen by one of
 * MMAP_MIGRATE_SHIM_7_1, _7_0, _6_19, _6_17, _RFC_MMAP_COMPLETE.
 */
#ifndef _MMAP_MIGRATE_SHIM_H
#define _MMAP_MIGRATE_SHIM_H

#if defined(MMAP_MIGRATE_SHIM_7_1) || defined(MMAP_MIGRATE_SHIM_7_0)
#define MMAP_MIGRATE_SHIM_BITS 1
#endif
#if defined(MMAP_MIGRATE_SHIM_7_1) || defined(MMAP_MIGRATE_SHIM_7_0) || \
	defined(MMAP_MIGRATE_SHIM_6_19)
#define MMAP_MIGRATE_SHIM_ACTIONS 1
#define MMAP_MIGRATE_SHIM_VM_FILE 1
#endif

typedef struct { unsigned long __vma_flags[1]; } vma_flags_t;

struct mmap_action {
	int type;
	int (*error_hook)(int err);
};

struct vm_area_desc {
	struct mm_struct *const mm;
	struct file *const file;
#ifdef MMAP_MIGRATE_SHIM_VM_FILE
	struct file *vm_file;
#endif
	const unsigned long start;
	const unsigned long end;
	pgoff_t pgoff;
#ifdef MMAP_MIGRATE_SHIM_BITS
	vma_flags_t vma_flags;
#else
	vm_flags_t vm_flags;
#endif
	pgprot_t page_prot;
	const struct vm_operations_struct *vm_ops;
	void *private_data;
#ifdef MMAP_MIGRATE_SHIM_ACTIONS
	struct mmap_action action;
#endif
};

/*
 * VMA_<name>_BIT is defined (by the verifier, after this) for the names the
 * 7.0 enum has, as the bit of its VM_ flag; any other name stays undeclared.
 */
#define MMAP_MIGRATE_SHIM_BIT(flag) ((int)__builtin_ctzl(flag))

#ifdef MMAP_MIGRATE_SHIM_BITS
void __mmap_migrate_shim_flags(struct vm_area_desc *desc, ...);
_Bool __mmap_migrate_shim_test(const struct vm_area_desc *desc, ...);
#define vma_desc_set_flags(desc, ...) __mmap_migrate_shim_flags(desc, __VA_ARGS__)
#define vma_desc_clear_flags(desc, ...) __mmap_migrate_shim_flags(desc, __VA_ARGS__)
#ifdef MMAP_MIGRATE_SHIM_7_1
_Bool vma_desc_test(const struct vm_area_desc *desc, int bit);
#define vma_desc_test_any(desc, ...) __mmap_migrate_shim_test(desc, __VA_ARGS__)
#define vma_desc_test_all(desc, ...) __mmap_migrate_shim_test(desc, __VA_ARGS__)
#else
#define vma_desc_test_flags(desc, ...) __mmap_migrate_shim_test(desc, __VA_ARGS__)
#endif
#endif

#if !defined(MMAP_MIGRATE_SHIM_6_17) && !defined(MMAP_MIGRATE_SHIM_RFC_MMAP_COMPLETE)
unsigned long vma_desc_size(const struct vm_area_desc *desc);
unsigned long vma_desc_pages(const struct vm_area_desc *desc);
#endif

int generic_file_mmap_prepare(struct vm_area_desc *desc);
int generic_file_readonly_mmap_prepare(struct vm_area_desc *desc);
/* Either hook (6.17); the rewrite's form of an f_op->mmap test. */
_Bool can_mmap_file(struct file *file);
/* Maps a file through either hook (6.17; call_mmap() before). */
int vfs_mmap(struct file *file, struct vm_area_struct *vma);

#ifdef MMAP_MIGRATE_SHIM_ACTIONS
void mmap_action_remap(struct vm_area_desc *desc, unsigned long start,
		       unsigned long start_pfn, unsigned long size);
void mmap_action_remap_full(struct vm_area_desc *desc, unsigned long start_pfn);
void mmap_action_ioremap(struct vm_area_desc *desc, unsigned long start,
			 unsigned long start_pfn, unsigned long size);
void mmap_action_ioremap_full(struct vm_area_desc *desc, unsigned long start_pfn);
#endif
#ifdef MMAP_MIGRATE_SHIM_7_1
/* nommu only, as is_nommu_shared_mapping(). */
_Bool is_nommu_shared_vma_flags(const vma_flags_t *flags);
void mmap_action_simple_ioremap(struct vm_area_desc *desc, phys_addr_t start,
				unsigned long size);
void mmap_action_map_kernel_pages(struct vm_area_desc *desc, unsigned long start,
				  struct page **pages, unsigned long nr_pages);
void mmap_action_map_kernel_pages_full(struct vm_area_desc *desc, struct page **pages);
#endif

#ifdef MMAP_MIGRATE_SHIM_RFC_MMAP_COMPLETE
void remap_pfn_range_prepare(struct vm_area_desc *desc, unsigned long pfn);
int remap_pfn_range_complete(struct vm_area_struct *vma, unsigned long addr,
			     unsigned long pfn, unsigned long size, pgprot_t pgprot);
#endif

#endif /* _MMAP_MIGRATE_SHIM_H */
