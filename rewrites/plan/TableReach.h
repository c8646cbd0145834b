//===- TableReach.h - Tables a use left as it is may still read ---*- C++ -*-===//
//
// A use of ->mmap that stays and does not go through a file's f_op (DRM
// prime's `obj->dev->driver->fops->mmap(fil, vma)`; a table test the
// profile cannot rewrite) would find ->mmap NULL in a converted table, or
// answer "no mmap" for it. Each such use bars the handlers of the tables
// it may read (TableSources.h): those stored into the field it reads, the
// table it names, or every table when nothing bounds them.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_PLAN_TABLEREACH_H
#define MMAP_MIGRATE_REWRITES_PLAN_TABLEREACH_H

#include "matchers/core/Census.h"
#include "rewrites/plan/CoreUses.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// A use left as it is and the tables it may read.
struct TableBarrier {
  MmapMemberUse U;
  bool AnyTable = false;        ///< Nothing bounds its tables.
  std::set<std::string> Tables; ///< Else: the tables (by name) it may read.
  /// The places (TableFlow.h) its tables come through, for the stores the
  /// scan may not see.
  std::set<std::string> Places;
  std::string Why;              ///< The use, how it reads its table, why it stays.
};

/// The barriers of \p Uses (a CoreDecision's, every use of the tree);
/// their reasons name files relative to \p Root.
/// A file not analysed that uses another table's ->mmap (\p Unseen) bars
/// every table. A parameter of a function other files may call is bounded
/// only on a run over the whole tree or build (\p WholeTree).
std::vector<TableBarrier> tableBarriers(const Census &C, const std::vector<CoreUseOutcome> &Uses,
                                        const std::vector<UnseenHookUser> &Unseen,
                                        llvm::StringRef Root, bool WholeTree);

/// Why a handler whose slots sit in \p Tables may not convert: the first
/// barrier that may read one of them; empty when none.
/// \p Unseen(Table, Place), when given, says where a table may reach a
/// place ("struct drm_driver::fops", "f()#2") without the census seeing it
/// (empty: nowhere).
std::string barrierRefusal(
    const std::vector<TableBarrier> &Barriers, const std::vector<std::string> &Tables,
    llvm::function_ref<std::string(const std::string &, const std::string &)> Unseen = {});

} // namespace mmapmigrate

#endif
