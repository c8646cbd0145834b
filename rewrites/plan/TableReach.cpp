//===- TableReach.cpp - Tables a use left as it is may still read ---------===//
#include "rewrites/plan/TableReach.h"
#include "matchers/core/SourceText.h"
#include "matchers/core/TableFlow.h"

namespace mmapmigrate {

namespace {

std::string useWord(MmapUseKind K) {
  switch (K) {
  case MmapUseKind::TableTest:
    return "tested";
  case MmapUseKind::Call:
    return "called";
  default:
    return "read (the pointer may be called later)";
  }
}

/// Adds to \p B the tables \p R may read; says how it reads them.
std::string addReach(const MmapMemberUse::Read &R, const Census &C, llvm::StringRef Root,
                     bool WholeTree, TableBarrier &B) {
  switch (R.From) {
  case TableSource::Field:
  case TableSource::Param: {
    std::string How = "through " + describePlace(R.Name);
    PlaceReach Reach = reachOf(R.Name, C.FieldStores);
    B.Tables.insert(Reach.Tables.begin(), Reach.Tables.end());
    B.Places.insert(Reach.Places.begin(), Reach.Places.end());
    if (Reach.Anything) {
      B.AnyTable = true;
      const FopsFieldStore &S = *Reach.Anything;
      How += ", where " + relativePath(S.Pos.File, Root) + ":" + std::to_string(S.Pos.Line) +
             (isCallPlace(S.Field)
                  ? " passes or keeps what no analysis follows for " + describePlace(S.Field)
                  : " stores other than a table's address");
    } else if (Reach.External && !WholeTree) {
      B.AnyTable = true;
      const FopsFieldStore &S = *Reach.External;
      How += ", and " + placeWord(S.Field) + "() (" + relativePath(S.Pos.File, Root) + ":" +
             std::to_string(S.Pos.Line) + ") may be called from other files; the run was " +
             "given paths, so not every caller is seen";
    }
    return How;
  }
  case TableSource::Named:
    B.Tables.insert(R.Name);
    return "by name";
  default:
    B.AnyTable = true;
    return "through a pointer no analysis bounds (a variable, a call's result)";
  }
}

} // namespace

std::vector<TableBarrier> tableBarriers(const Census &C, const std::vector<CoreUseOutcome> &Uses,
                                        const std::vector<UnseenHookUser> &Unseen,
                                        llvm::StringRef Root, bool WholeTree) {
  std::vector<TableBarrier> Out;
  for (const UnseenHookUser &N : Unseen) {
    if (!N.OtherTableLine)
      continue;
    TableBarrier B;
    B.U.Pos = {N.N.File, N.OtherTableLine, 1};
    B.U.From = TableSource::Unknown;
    B.AnyTable = true;
    B.Why = "->mmap of a table that is no file's f_op is used at " + relativePath(N.N.File, Root) +
            ":" + std::to_string(N.OtherTableLine) + ", which was not analysed (" + N.N.Reason +
            ")";
    Out.push_back(std::move(B));
  }
  for (const CoreUseOutcome &O : Uses) {
    const MmapMemberUse &U = O.U;
    if (O.Rewritten || U.readsOnly(TableSource::FileOp) || U.Kind == MmapUseKind::Printed ||
        O.Why.rfind("part of the API", 0) == 0)
      continue;
    TableBarrier B;
    B.U = U;
    std::string Where = relativePath(U.Pos.File, Root) + ":" + std::to_string(U.Pos.Line) +
                        (U.Function.empty() ? "" : " (" + U.Function + "())");
    std::string How;
    for (const MmapMemberUse::Read &R : U.reads())
      if (R.From != TableSource::FileOp)
        How += (How.empty() ? "" : ", and ") + addReach(R, C, Root, WholeTree, B);
    B.Why = "->mmap is " + useWord(U.Kind) + " at " + Where + " on a table read " + How +
            ", and stays (" + O.Why + ")";
    Out.push_back(std::move(B));
  }
  return Out;
}

std::string barrierRefusal(
    const std::vector<TableBarrier> &Barriers, const std::vector<std::string> &Tables,
    llvm::function_ref<std::string(const std::string &, const std::string &)> Unseen) {
  for (const TableBarrier &B : Barriers)
    for (const std::string &T : Tables) {
      if (B.AnyTable || B.Tables.count(T))
        return "its table '" + T + "' may reach code that knows only ->mmap: " + B.Why;
      if (Unseen)
        for (const std::string &Place : B.Places)
          if (std::string Where = Unseen(T, Place); !Where.empty())
            return "its table '" + T + "' may " +
                   (isCallPlace(Place) ? "be passed for " : "be stored into ") +
                   describePlace(Place) + " where the scan does not see (" + Where + "), and " +
                   B.Why;
    }
  return "";
}

} // namespace mmapmigrate
