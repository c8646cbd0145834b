/* SPDX-License-Identifier: GPL-2.0 */
/* mmap-migrate mock: VMA flags, vm_operations_struct and the mapping helpers. */
#ifndef _MOCK_LINUX_MM_H
#define _MOCK_LINUX_MM_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/mmap_lock.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_PFNMAP	0x00000400UL
#define VM_IO		0x00004000UL
#define VM_DONTCOPY	0x00020000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_NORESERVE	0x00200000UL
#define VM_DONTDUMP	0x04000000UL
#define VM_MIXEDMAP	0x10000000UL
#define VM_MAYOVERLAY	0x00000200UL	/* nommu: a R/O MAP_PRIVATE overlay */

typedef unsigned int vm_fault_t;

#define VM_FAULT_OOM	((vm_fault_t)0x000001)
#define VM_FAULT_SIGBUS	((vm_fault_t)0x000002)
#define VM_FAULT_NOPAGE	((vm_fault_t)0x000100)

struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;
	pgoff_t pgoff;
	unsigned int flags;
	struct page *page;
};

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
#if !defined(MOCK_MMAP_PREPARE_PROFILE) || defined(MOCK_PROFILE_7_1)
	/* 7.1: runs once a new mapping really exists. */
	int (*mapped)(unsigned long start, unsigned long end, pgoff_t pgoff,
		      const struct file *file, void **vm_private_data);
#endif
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, pgoff_t start_pgoff,
				pgoff_t end_pgoff);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
};

void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags);
void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t flags);
void vm_flags_mod(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear);

/* nommu only in the kernel: a mapping that shares the file's memory. */
static inline bool is_nommu_shared_mapping(vm_flags_t flags)
{
	return flags & (VM_MAYSHARE | VM_MAYOVERLAY);
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

pgprot_t pgprot_noncached(pgprot_t prot);
pgprot_t pgprot_writecombine(pgprot_t prot);

phys_addr_t virt_to_phys(volatile void *address);
struct page *virt_to_page(const void *addr);
struct page *vmalloc_to_page(const void *addr);
unsigned long page_to_pfn(const struct page *page);
void *page_address(const struct page *page);
struct page *alloc_page(gfp_t gfp);
void __free_page(struct page *page);
void get_page(struct page *page);
void put_page(struct page *page);

int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long pfn, unsigned long size, pgprot_t prot);
int io_remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		       unsigned long pfn, unsigned long size, pgprot_t prot);
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start,
		    unsigned long len);
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr,
		   struct page *page);
int vm_insert_pages(struct vm_area_struct *vma, unsigned long addr,
		    struct page **pages, unsigned long *num);
int vm_map_pages(struct vm_area_struct *vma, struct page **pages,
		 unsigned long num);
int vm_map_pages_zero(struct vm_area_struct *vma, struct page **pages,
		      unsigned long num);
int remap_vmalloc_range(struct vm_area_struct *vma, void *addr,
			unsigned long pgoff);
vm_fault_t vmf_insert_pfn(struct vm_area_struct *vma, unsigned long addr,
			  unsigned long pfn);
void zap_vma_ptes(struct vm_area_struct *vma, unsigned long address,
		  unsigned long size);

struct vma_iterator {
	struct mm_struct *mm;
	unsigned long index;
};

#define VMA_ITERATOR(name, mm_, addr_) \
	struct vma_iterator name = { .mm = (mm_), .index = (addr_) }

int split_vma(struct vma_iterator *vmi, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);

void vma_set_file(struct vm_area_struct *vma, struct file *file);
void vma_set_anonymous(struct vm_area_struct *vma);

vm_fault_t filemap_fault(struct vm_fault *vmf);
vm_fault_t filemap_map_pages(struct vm_fault *vmf, pgoff_t start_pgoff,
			     pgoff_t end_pgoff);
vm_fault_t filemap_page_mkwrite(struct vm_fault *vmf);

/* The helpers of the profile chosen with -DMOCK_PROFILE_<X>, if any. */
#define _MOCK_MMAP_PREPARE_WANT_API
#include <linux/mmap_prepare_mock.h>

#endif /* _MOCK_LINUX_MM_H */
