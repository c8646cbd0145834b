//===- Profile.h - A target kernel API for ->mmap_prepare --------*- C++ -*-===//
//
// What one kernel release (or proposal) offers an ->mmap_prepare port: how
// vma fields map to descriptor fields, how flags are set and tested, which
// helpers have a descriptor form, which actions and hooks exist. Read from
// rewrites/profiles/<name>.yaml; no kernel API knowledge lives in code.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_PROFILES_PROFILE_H
#define MMAP_MIGRATE_REWRITES_PROFILES_PROFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mmapmigrate {

/// How vma flags are written on the descriptor.
enum class FlagStyle {
  Mask, ///< desc->vm_flags |= VM_X (6.16 - 6.19)
  Bits, ///< vma_desc_set_flags(desc, VMA_X_BIT, ...) (7.0+)
};

/// One target API. Templates use {placeholders}, documented per field.
struct Profile {
  std::string Name;        ///< "7.1"
  std::string Digest;      ///< Hash of the profile file: plans cached with it.
  std::string Description; ///< One line for reports.
  /// Identifiers the tree's headers declare when they have this API; the
  /// profile with the most matches (all required) is detected.
  std::vector<std::string> DetectRequires;
  std::vector<std::string> DetectAbsent; ///< ... and these must be missing.

  std::string Slot = "mmap_prepare";   ///< The fops member to fill.
  std::string ParamDecl;               ///< "struct vm_area_desc *desc"
  std::string Param = "desc";          ///< Its name.
  std::string RenameSuffix = "_prepare";
  std::string FileExpr;                ///< "desc->file"
  /// What tests that a file can be mapped, whichever hook it has
  /// ("can_mmap_file", 6.17 on): `f->f_op->mmap` as a test becomes
  /// `can_mmap_file(f)`. "": the profile has none, such a test is refused.
  std::string MmapHooksTest;
  /// What maps a file through whichever hook it has ("vfs_mmap", 6.17 on):
  /// `f->f_op->mmap(f, vma)` becomes `vfs_mmap(f, vma)`, and so do calls
  /// of LegacyMmapCalls (call_mmap(), its name before 6.17).
  std::string MmapCall;
  std::vector<std::string> LegacyMmapCalls;
  /// The API's own functions (can_mmap_file(), vfs_mmap(), the compat
  /// layer): they read the hooks by design and are never rewritten.
  std::vector<std::string> MmapApi;
  /// \p Function is one of the API's own (MmapApi, the test, the call, the
  /// legacy calls: call_mmap()'s body is the tree's API, not a caller).
  bool isMmapApi(llvm::StringRef Function) const;

  /// vma field -> descriptor expression, e.g. vm_start -> desc->start.
  std::map<std::string, std::string> Fields;

  FlagStyle Flags = FlagStyle::Bits;
  std::string FlagBit;     ///< Bits: "VMA_{name}_BIT" for VM_{name}.
  std::string FlagSet;     ///< "vma_desc_set_flags(desc, {bits})" / "desc->vm_flags |= {mask}"
  std::string FlagClear;   ///< "vma_desc_clear_flags(desc, {bits})" / "desc->vm_flags &= ~{mask_operand}"
  std::string FlagTest;    ///< One flag: "vma_desc_test(desc, {bit})" / "(desc->vm_flags & {mask})"
  std::string FlagTestAny; ///< Any of several: "vma_desc_test_any(desc, {bits})"
  std::string FlagTestAll; ///< All of several.

  /// Helper call -> descriptor form, e.g. vma_pages -> vma_desc_pages(desc),
  /// generic_file_mmap -> generic_file_mmap_prepare(desc). {args} is the
  /// call's arguments after the vma/file ones.
  std::map<std::string, std::string> Helpers;

  /// Actions by name (remap, remap_full, ioremap, ioremap_full,
  /// simple_ioremap, map_kernel_pages, map_kernel_pages_full) -> template
  /// with {start} {pfn} {size} {phys} {pages} {num}.
  std::map<std::string, std::string> Actions;

  /// The RFC's split of a PFN remap between ->mmap_prepare and a new
  /// ->mmap_complete hook (empty when the profile has no such hook).
  struct CompleteHook {
    std::string Slot;          ///< "mmap_complete"
    std::string Suffix;        ///< foo_mmap -> foo_mmap_complete
    std::string Params;        ///< with {file} and {vma}
    std::string RemapPrepare;  ///< in prepare: {pfn}
    std::string RemapComplete; ///< in complete: {vma} {start} {pfn} {size}
  } Complete;

  /// vm_ops->mapped (7.1): where work that needs the mapping goes.
  struct MappedHook {
    std::string Member; ///< "mapped"
    std::string Suffix; ///< foo_mmap -> foo_mmap_mapped
    std::string Params; ///< with {file}
  } Mapped;

  bool HasMappedHook = false;   ///< vm_ops->mapped (7.1)
  bool HasMmapComplete = false; ///< f_op->mmap_complete / mmap_abort (RFC)
  bool HasErrorHook = false;    ///< an action can keep the old error code

  bool hasAction(llvm::StringRef Name) const { return Actions.count(Name.str()); }
};

/// Loads one profile file; errors name the file and the bad key.
llvm::Expected<Profile> loadProfile(llvm::StringRef Path);
/// The same for a profile's text (\p Path names it in errors).
llvm::Expected<Profile> parseProfile(llvm::StringRef Text, llvm::StringRef Path);

/// Loads every *.yaml in \p Dir, sorted by name.
llvm::Expected<std::vector<Profile>> loadProfiles(llvm::StringRef Dir);

/// The profiles folder that ships with the tool (set at build time; can be
/// overridden with $MMAP_MIGRATE_PROFILES).
std::string defaultProfileDir();

/// Picks the profile whose DetectRequires are all in \p Declared and whose
/// DetectAbsent are not; the one with most requirements wins. None if the
/// tree predates ->mmap_prepare.
const Profile *detectProfile(const std::vector<Profile> &All,
                             const std::vector<std::string> &Declared);

/// Fills a template: every {key} is replaced by Vars[key]; an unknown key is
/// an error (a bad profile, not a user error).
llvm::Expected<std::string> fillTemplate(llvm::StringRef Template,
                                         const std::map<std::string, std::string> &Vars);

/// The new name of a handler: foo_mmap -> foo_mmap_prepare.
std::string preparedName(llvm::StringRef Name, const Profile &P);

} // namespace mmapmigrate

#endif
