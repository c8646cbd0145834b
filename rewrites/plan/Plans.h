//===- Plans.h - The edits planned for each handler and slot ----*- C++ -*-===//
//
// Facts (matchers/core/Census.h) say what the code is; plans say what a
// rewrite would change in it. They are made while a TU's AST is alive
// (TuPlanner), kept beside that TU's facts, cached with them and merged the
// way the facts are, keyed like them: a handler's plan by its census key, a
// slot's by its SiteKey.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_PLAN_PLANS_H
#define MMAP_MIGRATE_REWRITES_PLAN_PLANS_H

#include "matchers/classify/CensusMerge.h"
#include "matchers/core/Census.h"
#include "rewrites/edit/Edit.h"

#include <map>
#include <string>
#include <vector>

namespace mmapmigrate {

/// The planned edits of one designated fops slot.
struct SitePlan {
  /// The slot's own edit (.mmap = foo_mmap -> .mmap_prepare = ...).
  EditPlan Slot;
  /// The macro whose #define the slot edit changes, when the slot is
  /// written whole in one macro's body; empty otherwise.
  std::string MacroBody;
  /// The line adding the profile's second hook (RFC: mmap_complete), taken
  /// only when the handler's rewrite needs it.
  EditPlan AddedSlot;
};

/// The plans of one TU, or of the whole census once merged. A handler or
/// slot with no entry had no plan made (the classifier would not convert
/// it, or the slot is not a designated initialiser).
struct RewritePlans {
  std::map<std::string, EditPlan> Handlers; ///< By MmapHandler::Key.
  std::map<SiteKey, SitePlan> Sites;
  /// The edit of each use of f_op->mmap and call of call_mmap() (the core
  /// callers), by MmapMemberUse::Pos.
  std::map<SourcePos, EditPlan> Uses;

  const EditPlan *handler(const std::string &Key) const;
  const SitePlan *site(const FopsSite &S) const;
};

/// One set of plans for the census mergeResults made from the same TUs:
/// each handler's and slot's plan comes from the TU its facts came from
/// (\p From), so plan and facts always describe the same parse.
RewritePlans mergePlans(std::vector<RewritePlans> PerTu, const MergeOrigins &From);

} // namespace mmapmigrate

#endif
