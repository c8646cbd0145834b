/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: struct vm_area_struct, struct mm_struct, struct page. */
#ifndef _MOCK_LINUX_MM_TYPES_H
#define _MOCK_LINUX_MM_TYPES_H

#include <linux/types.h>

struct file;
struct anon_vma;
struct vm_operations_struct;

typedef unsigned long vm_flags_t;

typedef struct {
	unsigned long pgprot;
} pgprot_t;

struct page {
	unsigned long flags;
	void *virtual;
};

struct mm_struct {
	unsigned long task_size;
	int map_count;
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
#ifdef MOCK_LEGACY_VM_FLAGS
	/* Before 6.3: written directly (vma->vm_flags |= VM_IO). */
	vm_flags_t vm_flags;
#else
	/* Only vm_flags_set() and friends may change it. */
	const vm_flags_t vm_flags;
#endif
	struct anon_vma *anon_vma;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
};

/* -DMOCK_PROFILE_<X> swaps in that profile's descriptor (and helpers). */
#include <linux/mmap_prepare_mock.h>

#ifndef MOCK_MMAP_PREPARE_PROFILE
/*
 * The ->mmap_prepare() descriptor, 7.1 shape, fields only: the corpus needs
 * it to exist, not the mmap_action helpers.
 */
typedef struct {
	unsigned long bits[1];
} vma_flags_t;

struct vm_area_desc {
	struct mm_struct *const mm;
	struct file *const file;
	const unsigned long start;
	const unsigned long end;
	pgoff_t pgoff;
	struct file *vm_file;
	vma_flags_t vma_flags;
	pgprot_t page_prot;
	const struct vm_operations_struct *vm_ops;
	void *private_data;
};
#endif /* !MOCK_MMAP_PREPARE_PROFILE */

#endif /* _MOCK_LINUX_MM_TYPES_H */
