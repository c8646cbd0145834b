/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmap-migrate mock: the ->mmap_prepare API of one target profile, for
 * compile-checking rewritten code. Written for the corpus from the API facts
 * in the rewrites/profiles YAML files; no kernel code.
 *
 * Select at most one profile with -D:
 *   MOCK_PROFILE_7_1, MOCK_PROFILE_7_0, MOCK_PROFILE_6_19, MOCK_PROFILE_6_17,
 *   MOCK_PROFILE_RFC_MMAP_COMPLETE
 * Without one, this header adds nothing and the headers keep their default
 * (7.1-shaped, fields-only) struct vm_area_desc from mm_types.h.
 *
 * Two parts: the descriptor types, included from mm_types.h where the default
 * descriptor sits; the helpers, included from the bottom of mm.h (it defines
 * _MOCK_MMAP_PREPARE_WANT_API first), as in the kernel, where they live in
 * mm.h. The members a profile adds to file_operations (RFC) and
 * vm_operations_struct (7.1) sit in fs.h and mm.h themselves.
 *
 * The mock is stricter than the kernel in one place: mm, file, start and end
 * are const in every profile, because writing them is always a bug.
 */

/* ---- Part 1: profile selection and descriptor types ---------------------- */
#ifndef _MOCK_MMAP_PREPARE_TYPES_H
#define _MOCK_MMAP_PREPARE_TYPES_H

#if defined(MOCK_PROFILE_7_1) + defined(MOCK_PROFILE_7_0) + \
	defined(MOCK_PROFILE_6_19) + defined(MOCK_PROFILE_6_17) + \
	defined(MOCK_PROFILE_RFC_MMAP_COMPLETE) > 1
#error "define at most one MOCK_PROFILE_* macro"
#endif

#if defined(MOCK_PROFILE_7_1) || defined(MOCK_PROFILE_7_0) || \
	defined(MOCK_PROFILE_6_19) || defined(MOCK_PROFILE_6_17) || \
	defined(MOCK_PROFILE_RFC_MMAP_COMPLETE)
#define MOCK_MMAP_PREPARE_PROFILE 1
#endif

/* 7.0+: flags are a bitmap of VMA_*_BIT numbers, no desc->vm_flags. */
#if defined(MOCK_PROFILE_7_1) || defined(MOCK_PROFILE_7_0)
#define MOCK_MP_FLAG_BITS 1
#endif
/* 6.18+: desc->file (hook's file, const) and desc->vm_file (mapped file). */
/* 6.19+: desc->action, mmap_action_*(), vma_desc_size/pages(). */
#if defined(MOCK_PROFILE_7_1) || defined(MOCK_PROFILE_7_0) || \
	defined(MOCK_PROFILE_6_19)
#define MOCK_MP_VM_FILE 1
#define MOCK_MP_ACTIONS 1
#endif

#ifdef MOCK_MMAP_PREPARE_PROFILE

#ifdef MOCK_MP_FLAG_BITS
/* One bit number per VM_* flag the mock mm.h defines (bit = log2 of mask). */
typedef int vma_flag_t;

enum {
	VMA_READ_BIT = 0,
	VMA_WRITE_BIT = 1,
	VMA_EXEC_BIT = 2,
	VMA_SHARED_BIT = 3,
	VMA_MAYREAD_BIT = 4,
	VMA_MAYWRITE_BIT = 5,
	VMA_MAYEXEC_BIT = 6,
	VMA_MAYSHARE_BIT = 7,
	VMA_PFNMAP_BIT = 10,
	VMA_IO_BIT = 14,
	VMA_DONTCOPY_BIT = 17,
	VMA_DONTEXPAND_BIT = 18,
	VMA_NORESERVE_BIT = 21,
	VMA_DONTDUMP_BIT = 26,
	VMA_MIXEDMAP_BIT = 28,
};

/* Opaque: only the vma_desc_*() helpers look inside. */
typedef struct {
	unsigned long __vma_flags[1];
} vma_flags_t;
#endif /* MOCK_MP_FLAG_BITS */

#ifdef MOCK_MP_ACTIONS
enum mmap_action_type {
	MMAP_NOTHING,
	MMAP_REMAP_PFN,
	MMAP_IO_REMAP_PFN,
#ifdef MOCK_PROFILE_7_1
	MMAP_SIMPLE_IO_REMAP,
	MMAP_MAP_KERNEL_PAGES,
#endif
};

/* Filled only through mmap_action_*(); drivers may set the two hooks. */
struct mmap_action {
	union {
		struct {
			unsigned long start;
			unsigned long start_pfn;
			unsigned long size;
			pgprot_t pgprot;
		} remap;
#ifdef MOCK_PROFILE_7_1
		struct {
			phys_addr_t start_phys_addr;
			unsigned long size;
		} simple_ioremap;
		struct {
			unsigned long start;
			struct page **pages;
			unsigned long nr_pages;
			pgoff_t pgoff;
		} map_kernel;
#endif
	};
	enum mmap_action_type type;
	/* Runs after the action succeeded, VMA write lock held. */
	int (*success_hook)(const struct vm_area_struct *vma);
	/* May replace (not clear) the action's error code. */
	int (*error_hook)(int err);
};
#endif /* MOCK_MP_ACTIONS */

struct vm_area_desc {
	/* Read-only. */
#ifdef MOCK_MP_VM_FILE
	const struct mm_struct *const mm;
	struct file *const file;
#else
	struct mm_struct *const mm;
#endif
	const unsigned long start;
	const unsigned long end;

	/* Pre-filled, writable. */
	pgoff_t pgoff;
#ifdef MOCK_MP_VM_FILE
	struct file *vm_file;
#else
	struct file *file;	/* before 6.18: hook's file and mapped file */
#endif
#ifdef MOCK_MP_FLAG_BITS
	vma_flags_t vma_flags;
#else
	vm_flags_t vm_flags;
#endif
	pgprot_t page_prot;

	/* Output. */
	const struct vm_operations_struct *vm_ops;
	void *private_data;
#ifdef MOCK_MP_ACTIONS
	struct mmap_action action;
#endif
#ifdef MOCK_PROFILE_RFC_MMAP_COMPLETE
	/* Handed to f_op->mmap_complete() and f_op->mmap_abort(). */
	void *mmap_context;
#endif
};

#endif /* MOCK_MMAP_PREPARE_PROFILE */
#endif /* _MOCK_MMAP_PREPARE_TYPES_H */

/* ---- Part 2: helpers (from the bottom of mm.h) --------------------------- */
#if defined(_MOCK_MMAP_PREPARE_WANT_API) && !defined(_MOCK_MMAP_PREPARE_API_H)
#define _MOCK_MMAP_PREPARE_API_H

#ifdef MOCK_MMAP_PREPARE_PROFILE

#ifdef MOCK_MP_FLAG_BITS
static inline vma_flags_t __mock_mk_vma_flags(unsigned long count,
					      const vma_flag_t *bits)
{
	vma_flags_t flags = { { 0 } };
	unsigned long i;

	for (i = 0; i < count; i++)
		flags.__vma_flags[0] |= 1UL << bits[i];
	return flags;
}

/* mk_vma_flags(VMA_A_BIT, VMA_B_BIT, ...): a vma_flags_t with those bits. */
#define mk_vma_flags(...)						\
	__mock_mk_vma_flags(sizeof((const vma_flag_t[]){ __VA_ARGS__ }) / \
			    sizeof(vma_flag_t),				\
			    (const vma_flag_t[]){ __VA_ARGS__ })

static inline void vma_desc_set_flags_mask(struct vm_area_desc *desc,
					   vma_flags_t flags)
{
	desc->vma_flags.__vma_flags[0] |= flags.__vma_flags[0];
}

static inline void vma_desc_clear_flags_mask(struct vm_area_desc *desc,
					     vma_flags_t flags)
{
	desc->vma_flags.__vma_flags[0] &= ~flags.__vma_flags[0];
}

#define vma_desc_set_flags(desc, ...) \
	vma_desc_set_flags_mask(desc, mk_vma_flags(__VA_ARGS__))
#define vma_desc_clear_flags(desc, ...) \
	vma_desc_clear_flags_mask(desc, mk_vma_flags(__VA_ARGS__))

#ifdef MOCK_PROFILE_7_0
/* 7.0: true if ANY of the listed bits is set; no descriptor all-of test. */
static inline bool vma_desc_test_flags_mask(const struct vm_area_desc *desc,
					    vma_flags_t flags)
{
	return (desc->vma_flags.__vma_flags[0] & flags.__vma_flags[0]) != 0;
}

#define vma_desc_test_flags(desc, ...) \
	vma_desc_test_flags_mask(desc, mk_vma_flags(__VA_ARGS__))
#endif /* MOCK_PROFILE_7_0 */

#ifdef MOCK_PROFILE_7_1
/* 7.1: one bit; any of a list; all of a list. */
static inline bool vma_desc_test(const struct vm_area_desc *desc,
				 vma_flag_t bit)
{
	return (desc->vma_flags.__vma_flags[0] >> bit) & 1UL;
}

static inline bool vma_desc_test_any_mask(const struct vm_area_desc *desc,
					  vma_flags_t flags)
{
	return (desc->vma_flags.__vma_flags[0] & flags.__vma_flags[0]) != 0;
}

static inline bool vma_desc_test_all_mask(const struct vm_area_desc *desc,
					  vma_flags_t flags)
{
	return (desc->vma_flags.__vma_flags[0] & flags.__vma_flags[0]) ==
	       flags.__vma_flags[0];
}

#define vma_desc_test_any(desc, ...) \
	vma_desc_test_any_mask(desc, mk_vma_flags(__VA_ARGS__))
#define vma_desc_test_all(desc, ...) \
	vma_desc_test_all_mask(desc, mk_vma_flags(__VA_ARGS__))

/* 7.1, nommu: is_nommu_shared_mapping() of a descriptor's flags. */
static inline bool is_nommu_shared_vma_flags(const vma_flags_t *flags)
{
	return flags->__vma_flags[0] & (VM_MAYSHARE | VM_MAYOVERLAY);
}
#endif /* MOCK_PROFILE_7_1 */
#endif /* MOCK_MP_FLAG_BITS */

#ifdef MOCK_MP_ACTIONS
static inline unsigned long vma_desc_size(const struct vm_area_desc *desc)
{
	return desc->end - desc->start;
}

static inline unsigned long vma_desc_pages(const struct vm_area_desc *desc)
{
	return vma_desc_size(desc) >> PAGE_SHIFT;
}

/* Each records an action in desc->action; the core runs it after mapping. */
void mmap_action_remap(struct vm_area_desc *desc, unsigned long start,
		       unsigned long start_pfn, unsigned long size);
void mmap_action_remap_full(struct vm_area_desc *desc,
			    unsigned long start_pfn);
void mmap_action_ioremap(struct vm_area_desc *desc, unsigned long start,
			 unsigned long start_pfn, unsigned long size);
void mmap_action_ioremap_full(struct vm_area_desc *desc,
			      unsigned long start_pfn);
#ifdef MOCK_PROFILE_7_1
void mmap_action_simple_ioremap(struct vm_area_desc *desc,
				phys_addr_t start_phys_addr,
				unsigned long size);
void mmap_action_map_kernel_pages(struct vm_area_desc *desc,
				  unsigned long start, struct page **pages,
				  unsigned long nr_pages);
void mmap_action_map_kernel_pages_full(struct vm_area_desc *desc,
				       struct page **pages);
#endif
#endif /* MOCK_MP_ACTIONS */

#ifdef MOCK_PROFILE_RFC_MMAP_COMPLETE
/* RFC v1: prepare in ->mmap_prepare, complete in ->mmap_complete. */
void remap_pfn_range_prepare(struct vm_area_desc *desc, unsigned long pfn);
int remap_pfn_range_complete(struct vm_area_struct *vma, unsigned long addr,
			     unsigned long pfn, unsigned long size,
			     pgprot_t pgprot);
#endif

#endif /* MOCK_MMAP_PREPARE_PROFILE */
#endif /* Part 2 */
