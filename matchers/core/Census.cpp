//===- Census.cpp - Names of kinds and verdicts ---------------------------===//
#include "matchers/core/Census.h"

#include "llvm/Support/Path.h"

namespace mmapmigrate {

namespace {

/// Everything reports say about a kind, one row per kind, in the order
/// reports list them (rank is the enum's order: see Census.h).
struct KindInfo {
  Kind K;
  const char *Id;
  const char *Description;
  /// Chart colour: greens and blues for the kinds that usually convert,
  /// yellow to dark red as they get harder.
  const char *Colour;
  /// What a commit message says a conversion of this kind does, after
  /// "Convert foo() to bar()": a template whose {placeholders} the series
  /// fills for the profile ({helper}, {helper_prepare}, {remap}, {hook});
  /// "" for kinds that are never converted (the series then uses
  /// pure-setup's).
  const char *Commit;
};

const KindInfo Kinds[] = {
    {Kind::GenericDirect, "generic-direct",
     "The slot names generic_file_mmap() or generic_file_readonly_mmap() itself.", "#1b7837",
     ""},
    {Kind::GenericWrapper, "generic-wrapper",
     "Calls a generic mmap helper that has a _prepare form.", "#a6dba0",
     "it wraps {helper} and now calls {helper_prepare} instead"},
    {Kind::PureSetup, "pure-setup",
     "Only checks and descriptor-shaped setup: flags, vm_ops, vm_private_data, "
     "vm_page_prot, vm_pgoff, file_accessed().",
     "#5aae61",
     "it only sets up what the descriptor carries (flags, page protection, vm_ops, "
     "private data)"},
    {Kind::RemapPfn, "remap-pfn",
     "Prepopulates with remap_pfn_range(), io_remap_pfn_range() or vm_iomap_memory().",
     "#2166ac",
     "the PFN remap it ends with {remap}"},
    {Kind::InsertPages, "insert-pages",
     "Inserts pages: vm_insert_page(s), vm_map_pages*, vmf_insert_*, "
     "remap_vmalloc_range*, dma_mmap_*.",
     "#92c5de",
     ""},
    {Kind::ChangesState, "changes-state",
     "Changes state prepare must not change (a store that outlives the call, an atomic, "
     "an allocation, a lock left held), or calls code whose effects are unknown.",
     "#fec44f",
     ""},
    {Kind::NeedsMapped, "needs-mapped",
     "A side effect that assumes the mapping will exist, or a vma field with no "
     "vm_area_desc equivalent.",
     "#fee090",
     "the work that needs the mapping to exist moves to {hook}, which runs once it does"},
    {Kind::Dispatch, "dispatch",
     "Forwards the vma to another ->mmap, an ops table or a dma-buf, or swaps the file.",
     "#fdae61",
     ""},
    {Kind::VmaSurgery, "vma-surgery", "split_vma(), munmap, or writes to vm_start/vm_end.",
     "#f46d43",
     ""},
    {Kind::LockDrop, "lock-drop", "Drops or retakes the mmap lock.", "#d73027",
     ""},
    {Kind::VmaEscapes, "vma-escapes",
     "The vma is stored, or passed to code the analysis cannot see.", "#a50026",
     ""},
};

const KindInfo &info(Kind K) {
  for (const KindInfo &I : Kinds)
    if (I.K == K)
      return I;
  return Kinds[0];
}

} // namespace

const char *kindId(Kind K) { return info(K).Id; }
const char *kindDescription(Kind K) { return info(K).Description; }
const char *kindColour(Kind K) { return info(K).Colour; }
const char *kindCommitSentence(Kind K) { return info(K).Commit; }

const std::vector<Kind> &allKinds() {
  static const std::vector<Kind> All = [] {
    std::vector<Kind> V;
    for (const KindInfo &I : Kinds)
      V.push_back(I.K);
    return V;
  }();
  return All;
}

const char *verdictId(Verdict V) {
  switch (V) {
  case Verdict::Convert: return "convert";
  case Verdict::Manual: return "manual";
  case Verdict::NotAnalysed: return "not-analysed";
  }
  return "unknown";
}

} // namespace mmapmigrate
