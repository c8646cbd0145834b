//===- RewriteDriver.h - Plan and carry out the ->mmap_prepare port -*- C++ -*-===//
//
// Runs the scan with the rewrite's planning hooks, decides per handler
// whether all its edits (definition and every slot) can be made, and hands
// the accepted edits to the applier: as a diff, as fix-it YAML, or in place.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_REWRITEDRIVER_H
#define MMAP_MIGRATE_TOOL_DRIVER_REWRITEDRIVER_H

#include "matchers/classify/Classifier.h"
#include "rewrites/apply/EditApplier.h"
#include "rewrites/plan/CoreUses.h"
#include "rewrites/plan/TableReach.h"
#include "rewrites/plan/Plans.h"
#include "rewrites/profiles/Profile.h"
#include "rewrites/verify/Verifier.h"
#include "tool/driver/ScanDriver.h"

#include <memory>

namespace mmapmigrate {

/// What happened to one handler.
struct HandlerOutcome {
  MmapHandler H;
  Classification C;
  bool Converted = false;
  /// Its definition had a plan (the rewrite tried it, whatever the census
  /// verdict).
  bool Planned = false;
  std::string Why; ///< Why it was not rewritten.
  unsigned Sites = 0;
  /// What a reviewer must know about a conversion (a changed error code).
  std::vector<std::string> Notes;

  /// The rewrite tried it: the census would convert it, or its definition
  /// had a plan. Others are manual in the census, which says why.
  bool tried() const { return C.V == Verdict::Convert || Planned; }
};

/// The FixGroup owners of the core callers' edits (calls, then tests).
inline constexpr const char *CoreCallsOwner = "core:calls";
inline constexpr const char *CoreTestsOwner = "core:tests";
inline constexpr const char *CoreTableTestsOwner = "core:table-tests";
/// The core group a rewritten use's edits go to.
inline const char *coreOwnerOf(const MmapMemberUse &U) {
  return U.Kind == MmapUseKind::Test        ? CoreTestsOwner
         : U.Kind == MmapUseKind::TableTest ? CoreTableTestsOwner
                                            : CoreCallsOwner;
}

struct RewritePlan {
  std::string Root;
  std::vector<Edit> Edits; ///< Normalized: sorted, unique, no overlaps.
  std::map<std::string, uint64_t> Hashes;
  std::vector<HandlerOutcome> Outcomes; ///< In source order.
  std::vector<FixGroup> Fixes;
  /// The scan the plan was made from (sites, uses of ->mmap, files not
  /// analysed), for callers that report on more than the edits.
  Census C;
  /// The edits planned for C's handlers and slots, taken or not.
  RewritePlans Plans;
  /// What verification used, for checking a subset of the edits later
  /// (each patch of a series on its own).
  std::shared_ptr<const clang::tooling::CompilationDatabase> DB;
  VerifyOptions Verify;
  /// Every use of f_op->mmap and call of call_mmap(), with what happened.
  std::vector<CoreUseOutcome> CoreUses;
  /// Uses of ->mmap left as they are that bar the handlers of their tables.
  std::vector<TableBarrier> CoreBarriers;
  /// The scan saw the whole tree or build (no paths given, or paths that
  /// cover the build): the callers of a function are all seen.
  bool WholeTree = true;
  /// (table, field) -> where a converted handler's table may be stored into
  /// a field a use reads without the census seeing it, for barriers made
  /// after the decisions (a core group taken back).
  std::map<std::pair<std::string, std::string>, std::string> UnseenStores;
  std::string unseenStore(const std::string &Table, const std::string &Field) const {
    auto It = UnseenStores.find({Table, Field});
    return It == UnseenStores.end() ? "" : It->second;
  }
  /// Why the f_op->mmap tests were left, when they were.
  std::string CoreTestsRefusal;
  /// Files no TU parsed that use the slot: their uses stay.
  std::vector<UnseenHookUser> CoreUnseen;
  /// The rest of the scan (TUs parsed, timings); its census moved to C.
  ScanOutcome Scan;
};

/// Scans with \p Opts and plans the port of every convertible handler;
/// every edited TU is re-parsed with the edits and the profile's API (plus
/// \p VerifyArgs), and a handler whose edits break one stays manual.
/// With \p Verify false nothing is re-parsed: the decisions a scan reports.
llvm::Expected<RewritePlan> planRewrite(ScanOptions Opts, const Profile &P,
                                        const std::vector<std::string> &VerifyArgs = {},
                                        bool Verify = true);

/// Parses again, with \p Edits applied to the files as they are on disk,
/// every TU among \p Files that has a compile command; returns the first
/// error of each TU that fails.
llvm::Expected<std::map<std::string, std::string>>
verifyEdits(const RewritePlan &Plan, const Profile &P, const std::vector<Edit> &Edits,
            const std::vector<std::string> &Files);

/// After core uses were taken back (left as they are): recomputes
/// Plan.CoreBarriers over \p C (paths relative to \p Root) and returns, for
/// each converted handler (by key) a barrier now bars, why.
std::map<std::string, std::string> barredAfterTakeBack(RewritePlan &Plan, const Census &C,
                                                       llvm::StringRef Root);

/// Picks --profile NAME, or the profile the tree's headers declare, or 7.1;
/// \p Why says which and why.
llvm::Expected<Profile> chooseProfile(llvm::StringRef Name, llvm::StringRef TreeRoot,
                                      std::string &Why);

} // namespace mmapmigrate

#endif
