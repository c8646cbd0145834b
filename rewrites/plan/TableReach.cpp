//===- TableReach.cpp - Tables a use left as it is may still read ---------===//
#include "rewrites/plan/TableReach.h"
#include "matchers/core/SourceText.h"

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

} // namespace

std::vector<TableBarrier> tableBarriers(const Census &C, const std::vector<CoreUseOutcome> &Uses,
                                        const std::vector<UnseenHookUser> &Unseen,
                                        llvm::StringRef Root) {
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
    if (O.Rewritten || U.From == TableSource::FileOp || U.Kind == MmapUseKind::Printed ||
        O.Why.rfind("part of the API", 0) == 0)
      continue;
    TableBarrier B;
    B.U = U;
    std::string Where = relativePath(U.Pos.File, Root) + ":" + std::to_string(U.Pos.Line) +
                        (U.Function.empty() ? "" : " (" + U.Function + "())");
    std::string How;
    switch (U.From) {
    case TableSource::Field: {
      How = "through " + U.FromName;
      for (const FopsFieldStore &S : C.FieldStores) {
        if (S.Field != U.FromName)
          continue;
        if (!S.Table.empty()) {
          B.Tables.insert(S.Table);
        } else if (!B.AnyTable) {
          B.AnyTable = true;
          How += ", where " + relativePath(S.Pos.File, Root) + ":" + std::to_string(S.Pos.Line) +
                 " stores other than a table's address";
        }
      }
      break;
    }
    case TableSource::Named:
      How = "by name";
      B.Tables.insert(U.FromName);
      break;
    default:
      How = "through a pointer no analysis bounds (a parameter, a variable, a call's result)";
      B.AnyTable = true;
      break;
    }
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
      std::string Where = B.U.From == TableSource::Field && Unseen ? Unseen(T, B.U.FromName) : "";
      if (!Where.empty())
        return "its table '" + T + "' may be stored into " + B.U.FromName + " where the scan " +
               "does not see (" + Where + "), and " + B.Why;
    }
  return "";
}

} // namespace mmapmigrate
