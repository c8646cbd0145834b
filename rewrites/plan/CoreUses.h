//===- CoreUses.h - Which core-caller edits may be taken ----------*- C++ -*-===//
//
// The uses of f_op->mmap outside handlers interact across functions: exec
// tests the file in fs/binfmt_elf.c and maps it through do_mmap() and
// call_mmap() in other files. A call rewritten to vfs_mmap() is right on
// its own (it calls ->mmap exactly as before, and ->mmap_prepare too); a
// test rewritten to can_mmap_file() is right only once no path can reach a
// direct f_op->mmap call, or an mmap_prepare file gets a NULL call. So the
// calls are taken one by one, and the tests all together, only when every
// call in the tree is taken and no other use can call the pointer later.
// call_mmap()'s own body is the tree's API (the profile's legacy_mmap_calls)
// and stays: once every caller calls vfs_mmap(), nothing reaches it.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_PLAN_COREUSES_H
#define MMAP_MIGRATE_REWRITES_PLAN_COREUSES_H

#include "matchers/core/Census.h"
#include "rewrites/plan/Plans.h"
#include "rewrites/profiles/Profile.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// A file no TU parsed (not built, parsed with errors) that uses the slot,
/// by its text: at its first call (or copy) of the slot, or, when it only
/// tests the slot, at its first test. Its uses stay as they are.
struct UnseenHookUser {
  NotAnalysed N; ///< File, line, and why it was not analysed.
  bool Calls = false;
  /// The first line that uses the ->mmap of a table that is no file's
  /// f_op (0: none): a barrier to every table (TableReach.h).
  unsigned OtherTableLine = 0;
};

/// What happened to one use.
struct CoreUseOutcome {
  MmapMemberUse U;
  bool Rewritten = false;
  std::string Why; ///< Why not (or why nothing was needed).
};

struct CoreDecision {
  std::vector<Edit> Calls; ///< f_op->mmap and call_mmap() calls -> vfs_mmap().
  std::vector<Edit> Tests; ///< f_op->mmap tests -> can_mmap_file().
  std::vector<Edit> TableTests; ///< Tests of other tables' ->mmap -> both hooks.
  std::map<std::string, uint64_t> Hashes;
  /// Why the tests stay, when they do: the first use that blocks them.
  std::string TestsRefusal;
  std::vector<CoreUseOutcome> Uses; ///< Every use, in source order.
  std::vector<UnseenHookUser> Unseen;
};

/// Whether \p File is under one of \p Scope (the paths a run was given;
/// empty: the whole tree).
bool inScope(llvm::StringRef File, const std::vector<std::string> &Scope);

/// Decides over the uses of \p C with their plans: \p Scope are the files
/// and directories the run was given (empty: the whole tree). A use
/// outside them is not edited, and one that may call the slot there still
/// keeps the tests. A call in \p Unseen keeps them too, as nothing shows
/// it is guarded; a test there refuses the file and changes nothing.
/// Without \p SeesWholeBuild (paths given that leave out files of the build)
/// the f_op tests stay: the files left out were never parsed. Table tests
/// wait only for the calls the run sees (one kept bars every handler).
CoreDecision decideCoreUses(const Census &C, const RewritePlans &Plans, const Profile &P,
                            const std::vector<std::string> &Scope,
                            std::vector<UnseenHookUser> Unseen, bool SeesWholeBuild);

} // namespace mmapmigrate

#endif
