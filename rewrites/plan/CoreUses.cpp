//===- CoreUses.cpp - Which core-caller edits may be taken ----------------===//
#include "rewrites/plan/CoreUses.h"
#include "matchers/core/SourceText.h"

#include "llvm/ADT/STLExtras.h"

namespace mmapmigrate {

bool inScope(llvm::StringRef File, const std::vector<std::string> &Scope) {
  return Scope.empty() ||
         llvm::any_of(Scope, [&](const std::string &D) { return isUnder(File, D); });
}

namespace {

std::string where(const MmapMemberUse &U) {
  return U.Pos.File + ":" + std::to_string(U.Pos.Line) +
         (U.Function.empty() ? "" : " (" + U.Function + "())");
}

} // namespace

CoreDecision decideCoreUses(const Census &C, const RewritePlans &Plans, const Profile &P,
                            const std::vector<std::string> &Scope,
                            std::vector<UnseenHookUser> Unseen, bool SeesWholeBuild) {
  CoreDecision D;
  for (const UnseenHookUser &U : Unseen)
    if (U.Calls && D.TestsRefusal.empty())
      D.TestsRefusal = U.N.File + ":" + std::to_string(U.N.Line) +
                       ": the slot is called there and the file was not fully analysed (" +
                       U.N.Reason + ")";
  D.Unseen = std::move(Unseen);
  // Files outside the paths given are not parsed at all, so a call there
  // is not even a use seen outside them. That keeps the f_op tests, which
  // then refuse a converted file; a table test kept would bar every handler
  // instead (its answer for a converted table is wrong, debugfs's lockdown
  // check), so table tests wait only for the calls the run sees.
  std::string Unparsed =
      SeesWholeBuild ? ""
                     : "the run was given paths, and a call of the slot in a file outside them "
                       "would go unseen: the tests are rewritten only on a run over the whole "
                       "tree or build";
  auto Block = [&](const MmapMemberUse &U, const std::string &Why) {
    if (D.TestsRefusal.empty())
      D.TestsRefusal = where(U) + ": " + Why;
  };
  std::vector<size_t> TestIndex;
  for (const MmapMemberUse &U : C.MmapUses) {
    CoreUseOutcome O{U, false, ""};
    auto PIt = Plans.Uses.find(U.Pos);
    const EditPlan *Plan = PIt == Plans.Uses.end() ? nullptr : &PIt->second;
    bool Here = inScope(U.Pos.File, Scope);
    // A call through a file's f_op, or through a pointer nothing bounds,
    // may read any file's table, one a rewritten test lets through (and a
    // table that has only ->mmap_prepare already); a call through a field
    // or a parameter, or of a table named, bars the handlers of the tables it reads
    // instead (TableReach.h), so every test answers for those as before.
    bool Blocks = llvm::any_of(U.reads(),
                               [](const MmapMemberUse::Read &R) {
                                 return R.From == TableSource::FileOp ||
                                        R.From == TableSource::Unknown;
                               }) &&
                  !U.isTest();
    if (P.isMmapApi(U.Function)) {
      O.Why = "part of the API (" + U.Function + "() reads the hooks by design)";
    } else if (U.Kind == MmapUseKind::Printed) {
      O.Why = "the pointer is only printed";
    } else if (!Here) {
      O.Why = "outside the paths given";
      // A call left there may be what a rewritten test lets through.
      if (Blocks)
        Block(U, "the slot may be called there, outside the paths given");
    } else if (!Plan) {
      O.Why = "no edit was planned (the TU that saw it was not planned)";
      if (Blocks)
        Block(U, O.Why);
    } else if (Plan->refused()) {
      O.Why = Plan->Refusal;
      // call_mmap() is left as the tree has it (the API, not a caller):
      // before 6.16 it calls f_op->mmap only, so a call left blocks too.
      if (Blocks)
        Block(U, Plan->Refusal);
    } else if (U.isTest()) {
      // A table test lets an ->mmap_prepare table through as can_mmap_file()
      // lets such a file through: both wait for every call that may reach it.
      TestIndex.push_back(D.Uses.size());
    } else {
      O.Rewritten = true;
      D.Calls.insert(D.Calls.end(), Plan->Edits.begin(), Plan->Edits.end());
      D.Hashes.insert(Plan->FileHashes.begin(), Plan->FileHashes.end());
    }
    D.Uses.push_back(std::move(O));
  }
  for (size_t I : TestIndex) {
    CoreUseOutcome &O = D.Uses[I];
    const std::string &Refusal = !D.TestsRefusal.empty() || O.U.Kind == MmapUseKind::TableTest
                                     ? D.TestsRefusal
                                     : Unparsed;
    if (!Refusal.empty()) {
      O.Why = "the tests stay: " + Refusal;
      continue;
    }
    const EditPlan &Plan = Plans.Uses.at(O.U.Pos);
    O.Rewritten = true;
    std::vector<Edit> &To = O.U.Kind == MmapUseKind::TableTest ? D.TableTests : D.Tests;
    To.insert(To.end(), Plan.Edits.begin(), Plan.Edits.end());
    D.Hashes.insert(Plan.FileHashes.begin(), Plan.FileHashes.end());
  }
  if (D.TestsRefusal.empty())
    D.TestsRefusal = Unparsed;
  return D;
}

} // namespace mmapmigrate
