//===- VmaApiCatalog.cpp - The table of known kernel calls ----------------===//
#include "matchers/classify/VmaApiCatalog.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"

namespace mmapmigrate {
namespace {

// One line per callee. Messages are what a maintainer reads as evidence.
const KnownCallee Catalogue[] = {
    // Generic helpers: a wrapper around them becomes the _prepare helper.
    {"generic_file_mmap", Kind::GenericWrapper, "generic-call",
     "calls %s(), which has a _prepare form", true},
    {"generic_file_readonly_mmap", Kind::GenericWrapper, "generic-call",
     "calls %s(), which has a _prepare form", true},

    // Descriptor-friendly setup.
    {"vm_flags_set", Kind::PureSetup, "flags-change", "changes vma flags with %s()", true},
    {"vm_flags_clear", Kind::PureSetup, "flags-change", "changes vma flags with %s()", true},
    {"vm_flags_mod", Kind::PureSetup, "flags-change", "changes vma flags with %s()", true},
    {"vm_flags_init", Kind::PureSetup, "flags-change", "changes vma flags with %s()"},
    {"vm_flags_reset", Kind::PureSetup, "flags-change", "changes vma flags with %s()"},
    {"vm_flags_reset_once", Kind::PureSetup, "flags-change", "changes vma flags with %s()"},
    {"vma_pages", Kind::PureSetup, "vma-query", "reads the mapping size with %s()", true},
    {"vma_set_page_prot", Kind::PureSetup, "page-prot-set",
     "recomputes vma->vm_page_prot with %s()"},
    {"file_accessed", Kind::PureSetup, "file-accessed", "marks the file accessed with %s()", true},

    // PFN prepopulation: an mmap action on 6.19+.
    {"remap_pfn_range", Kind::RemapPfn, "remap-pfn-call", "prepopulates PFNs with %s()"},
    {"io_remap_pfn_range", Kind::RemapPfn, "remap-pfn-call", "prepopulates PFNs with %s()"},
    {"vm_iomap_memory", Kind::RemapPfn, "remap-pfn-call", "prepopulates PFNs with %s()"},
    {"remap_pfn_range_notrack", Kind::RemapPfn, "remap-pfn-call", "prepopulates PFNs with %s()"},

    // Page insertion needs the real VMA.
    {"vm_insert_page", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"vm_insert_pages", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"vm_map_pages", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"vm_map_pages_zero", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"vmf_insert_pfn", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"vmf_insert_pfn_prot", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"vmf_insert_mixed", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"vmf_insert_page", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"remap_vmalloc_range", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"remap_vmalloc_range_partial", Kind::InsertPages, "insert-pages-call", "inserts pages with %s()"},
    {"dma_mmap_coherent", Kind::InsertPages, "insert-pages-call", "maps DMA memory with %s()"},
    {"dma_mmap_wc", Kind::InsertPages, "insert-pages-call", "maps DMA memory with %s()"},
    {"dma_mmap_attrs", Kind::InsertPages, "insert-pages-call", "maps DMA memory with %s()"},
    {"dma_mmap_pages", Kind::InsertPages, "insert-pages-call", "maps DMA memory with %s()"},
    {"dma_mmap_noncontiguous", Kind::InsertPages, "insert-pages-call", "maps DMA memory with %s()"},
    {"dma_mmap_writecombine", Kind::InsertPages, "insert-pages-call", "maps DMA memory with %s()"},

    // Side effects that assume the mapping will exist.
    {"get_file", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"get_file_rcu", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"fget", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"kref_get", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"kref_get_unless_zero", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"refcount_inc", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"refcount_inc_not_zero", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"atomic_inc", Kind::NeedsMapped, "side-effect", "%s() counts a mapping that may never exist"},
    {"atomic_inc_return", Kind::NeedsMapped, "side-effect", "%s() counts a mapping that may never exist"},
    {"atomic_add", Kind::NeedsMapped, "side-effect", "%s() counts a mapping that may never exist"},
    {"atomic_long_inc", Kind::NeedsMapped, "side-effect", "%s() counts a mapping that may never exist"},
    {"atomic64_inc", Kind::NeedsMapped, "side-effect", "%s() counts a mapping that may never exist"},
    {"get_device", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"kobject_get", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"try_module_get", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"__module_get", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"mmgrab", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"mmget", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"get_task_struct", Kind::NeedsMapped, "side-effect", "%s() takes a reference that assumes the mapping will exist"},
    {"pm_runtime_get", Kind::NeedsMapped, "side-effect", "%s() powers the device up for a mapping that may never exist"},
    {"pm_runtime_get_sync", Kind::NeedsMapped, "side-effect", "%s() powers the device up for a mapping that may never exist"},
    {"pm_runtime_resume_and_get", Kind::NeedsMapped, "side-effect", "%s() powers the device up for a mapping that may never exist"},
    {"pm_runtime_get_noresume", Kind::NeedsMapped, "side-effect", "%s() powers the device up for a mapping that may never exist"},
    {"kmalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kzalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kcalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kmalloc_array", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kvmalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kvzalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kvcalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kmem_cache_alloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"kmem_cache_zalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"vmalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"vzalloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"vmalloc_user", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"alloc_pages", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"alloc_page", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"__get_free_pages", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"get_zeroed_page", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"idr_alloc", Kind::NeedsMapped, "side-effect", "%s() allocates per-mapping state"},
    {"list_add", Kind::NeedsMapped, "side-effect", "%s() records a mapping that may never exist"},
    {"list_add_tail", Kind::NeedsMapped, "side-effect", "%s() records a mapping that may never exist"},
    {"list_add_rcu", Kind::NeedsMapped, "side-effect", "%s() records a mapping that may never exist"},
    {"hlist_add_head", Kind::NeedsMapped, "side-effect", "%s() records a mapping that may never exist"},
    {"vma_set_anonymous", Kind::NeedsMapped, "side-effect", "%s() turns the vma anonymous, which needs the real vma"},

    // Forwarding to another ->mmap or a lower file.
    {"call_mmap", Kind::Dispatch, "dispatch-call", "forwards the vma to another ->mmap with %s()"},
    {"vfs_mmap", Kind::Dispatch, "dispatch-call", "forwards the vma to another ->mmap with %s()"},
    {"backing_file_mmap", Kind::Dispatch, "dispatch-call", "forwards the vma to the backing file with %s()"},
    {"dma_buf_mmap", Kind::Dispatch, "dispatch-call", "forwards the vma to a dma-buf exporter with %s()"},
    {"vma_set_file", Kind::Dispatch, "stacked-file", "swaps the mapped file with %s() (stacked file)"},

    // VMA surgery.
    {"split_vma", Kind::VmaSurgery, "vma-surgery-call", "cuts the vma with %s()"},
    {"__split_vma", Kind::VmaSurgery, "vma-surgery-call", "cuts the vma with %s()"},
    {"vma_adjust", Kind::VmaSurgery, "vma-surgery-call", "resizes the vma with %s()"},
    {"vma_shrink", Kind::VmaSurgery, "vma-surgery-call", "resizes the vma with %s()"},
    {"vma_expand", Kind::VmaSurgery, "vma-surgery-call", "resizes the vma with %s()"},
    {"do_munmap", Kind::VmaSurgery, "vma-surgery-call", "unmaps with %s()"},
    {"do_vmi_munmap", Kind::VmaSurgery, "vma-surgery-call", "unmaps with %s()"},
    {"vm_munmap", Kind::VmaSurgery, "vma-surgery-call", "unmaps with %s()"},
    {"do_mmap", Kind::VmaSurgery, "vma-surgery-call", "creates another mapping with %s()"},
    {"zap_page_range_single", Kind::VmaSurgery, "vma-surgery-call", "zaps pages of the vma with %s()"},
    {"zap_vma_ptes", Kind::VmaSurgery, "vma-surgery-call", "zaps pages of the vma with %s()"},

    // Dropping the mmap lock: the vma may be gone once it is retaken.
    {"mmap_read_unlock", Kind::LockDrop, "lock-drop", "drops the mmap lock with %s()"},
    {"mmap_write_unlock", Kind::LockDrop, "lock-drop", "drops the mmap lock with %s()"},
    {"mmap_write_downgrade", Kind::LockDrop, "lock-drop", "downgrades the mmap lock with %s()"},
    {"mmap_read_unlock_non_owner", Kind::LockDrop, "lock-drop", "drops the mmap lock with %s()"},
    {"mmap_read_lock", Kind::LockDrop, "lock-drop", "takes the mmap lock with %s() (it is already held)"},
    {"mmap_write_lock", Kind::LockDrop, "lock-drop", "takes the mmap lock with %s() (it is already held)"},
    {"mmap_write_lock_killable", Kind::LockDrop, "lock-drop", "takes the mmap lock with %s() (it is already held)"},
    {"mmap_read_lock_killable", Kind::LockDrop, "lock-drop", "takes the mmap lock with %s() (it is already held)"},
};

const llvm::StringMap<const KnownCallee *> &catalogueIndex() {
  static const llvm::StringMap<const KnownCallee *> Index = [] {
    llvm::StringMap<const KnownCallee *> M;
    for (const KnownCallee &C : Catalogue)
      M[C.Name] = &C;
    return M;
  }();
  return Index;
}

} // namespace

const KnownCallee *lookupKnownCallee(llvm::StringRef Name) {
  auto It = catalogueIndex().find(Name);
  return It == catalogueIndex().end() ? nullptr : It->second;
}

bool isGenericMmap(llvm::StringRef Name) {
  return Name == "generic_file_mmap" || Name == "generic_file_readonly_mmap";
}

bool vmaFieldHasDescEquivalent(llvm::StringRef Field) {
  return llvm::StringSwitch<bool>(Field)
      .Cases("vm_start", "vm_end", "vm_mm", "vm_pgoff", true)
      .Cases("vm_flags", "__vm_flags", "vm_page_prot", "vm_ops", true)
      .Cases("vm_private_data", "vm_file", true)
      .Default(false);
}

} // namespace mmapmigrate
