//===- Acceptance.h - Which planned rewrites are taken, and why not -*- C++ -*-===//
//
// A handler converts only when every check passes: the classifier's
// verdict, the kind, the plan of its definition, the plan of every slot
// that names it, and every other place that names it or its slots' macro.
// Each check is a function that returns the reason it refuses (a reviewer
// reads it in the report), or none.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_PLAN_ACCEPTANCE_H
#define MMAP_MIGRATE_REWRITES_PLAN_ACCEPTANCE_H

#include "matchers/classify/Classifier.h"
#include "rewrites/plan/MentionIndex.h"
#include "rewrites/plan/Plans.h"
#include "rewrites/plan/TableReach.h"
#include "rewrites/profiles/Profile.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// A needs-mapped handler that would convert but for calls whose work needs
/// the mapping to exist, when the profile has a hook for such work: the
/// handler's own calls that lead to them (expansion line, column).
bool deferrable(const MmapHandler &H, const Profile &P,
                std::vector<std::pair<unsigned, unsigned>> &Calls);

/// What the checks look at besides the handler.
struct AcceptanceContext {
  const Profile &P;
  const Census &C;
  const RewritePlans &Plans;
  /// The tree's code, read on first use: most handlers need no look.
  std::function<const MentionIndex &()> Mentions;
  llvm::StringRef Root;
  /// Uses of ->mmap left as they are, and the tables they may read.
  const std::vector<TableBarrier> *Barriers = nullptr;
};

/// What was decided for one handler.
struct HandlerDecision {
  std::string Why; ///< Why it is not rewritten; empty when it is.
  /// Edits of the definition and of every slot (meaningful only when it is
  /// rewritten), with the hashes of the files they touch as parsed.
  std::vector<Edit> Edits;
  std::map<std::string, uint64_t> Hashes;
  /// What the patch must say (a changed error code, state left in prepare).
  std::vector<std::string> Notes;
  bool converts() const { return Why.empty(); }
};

/// Runs the checks below in order for handler \p H, named by \p Sites.
HandlerDecision decideHandler(const MmapHandler &H, const Classification &Cl,
                              const std::vector<const FopsSite *> &Sites,
                              const AcceptanceContext &Ctx);

/// The names and macros a rename of the planned handlers could leave behind
/// elsewhere: what the MentionIndex must hold.
std::set<std::string> wordsToLookFor(const Census &C, const RewritePlans &Plans);

// The checks, in the order decideHandler runs them.

/// The classifier does not convert it, and the profile cannot defer what
/// stops it (\p Planned: its definition has a plan).
std::optional<std::string> classifierRefusal(const MmapHandler &H, const Classification &Cl,
                                             const Profile &P, bool Planned);
/// Page insertion: map_kernel_pages keeps neither vm_map_pages()'s
/// vm_pgoff offset nor its bounds check (docs/rewrite-6.12.md).
std::optional<std::string> pageInsertionRefusal(const Classification &Cl);
/// Its definition has no plan, or a refused one (\p Def: the plan, if any).
std::optional<std::string> definitionRefusal(const Classification &Cl, const EditPlan *Def);
/// A slot written in a macro's #define that another table, or code this
/// configuration does not build, also uses.
std::optional<std::string> macroSlotRefusal(const std::string &Macro, const std::string &Key,
                                            const AcceptanceContext &Ctx);
/// The slot has no plan (not designated, or built by a macro) or a refused one.
std::optional<std::string> slotRefusal(const FopsSite &S, const SitePlan *Plan);
/// The handler needs a second hook next to its slot and the slot cannot take it.
std::optional<std::string> addedSlotRefusal(const FopsSite &S, const SitePlan &Plan,
                                            const EditPlan &Def);
/// A handler other files can call is named somewhere the edits do not rename.
std::optional<std::string> unrenamedMentionRefusal(const MmapHandler &H, const Classification &Cl,
                                                   const std::vector<Edit> &Edits,
                                                   const AcceptanceContext &Ctx);
/// Where \p Table may be stored into \p Field ("struct drm_driver::fops")
/// without the census seeing it: named, in a statement or initialiser that
/// writes a member of the field's name, in a .c file no TU parsed cleanly
/// (not built, skipped by the prefilter, parsed with errors). A store
/// through a variable there (`p = &t; d->fops = p;`) is not seen
/// (docs/rewrite-6.12.md, session 20). Empty: nowhere.
std::string unseenFieldStore(const std::string &Table, const std::string &Field,
                             const AcceptanceContext &Ctx);
/// Where a caller of the function or member of \p Place ("f()#2",
/// "struct ops::get_fd()#2") may be that the census did not see: a .c file
/// no TU parsed cleanly that names the function, or calls through a member
/// of that name. Empty: nowhere.
std::string unseenCaller(const std::string &Place, const AcceptanceContext &Ctx);
/// unseenFieldStore() for a field, unseenCaller() for a parameter.
std::string unseenStoreInto(const std::string &Table, const std::string &Place,
                            const AcceptanceContext &Ctx);
/// One of its tables may be read by a use of ->mmap that stays (TableReach.h).
std::optional<std::string> barrierRefusalOf(const std::vector<const FopsSite *> &Sites,
                                            const AcceptanceContext &Ctx);
/// A macro of its file names it, and no slot edit rewrites that macro.
std::optional<std::string> macroNameRefusal(const MmapHandler &H,
                                            const std::vector<const FopsSite *> &Sites,
                                            const RewritePlans &Plans);

} // namespace mmapmigrate

#endif
