//===- CoreUsesReport.cpp - What happened to the core callers -------------===//
#include "tool/report/CoreUsesReport.h"
#include "matchers/core/SourceText.h"

#include "llvm/Support/FormatVariadic.h"

#include <set>

namespace mmapmigrate {

namespace {

/// The uses a reader asks about: neither the API's own bodies nor a
/// pointer only printed, and inside the paths given.
bool reported(const CoreUseOutcome &O) {
  return O.Rewritten || (O.U.Kind != MmapUseKind::Printed &&
                         O.Why.rfind("part of the API", 0) != 0 &&
                         O.Why != "outside the paths given");
}

const char *kindName(MmapUseKind K) {
  switch (K) {
  case MmapUseKind::Test:
    return "test";
  case MmapUseKind::Call:
    return "call";
  case MmapUseKind::Printed:
    return "printed";
  case MmapUseKind::Other:
    return "other";
  case MmapUseKind::LegacyCall:
    return "call_mmap";
  case MmapUseKind::TableTest:
    return "table-test";
  }
  return "other";
}

std::string what(const CoreUseOutcome &O) {
  switch (O.U.Kind) {
  case MmapUseKind::Test:
    return "the f_op->mmap test";
  case MmapUseKind::TableTest:
    return "the ->mmap test of an ops table";
  case MmapUseKind::LegacyCall:
    return "the call_mmap() call";
  case MmapUseKind::Call:
    return "the f_op->mmap call";
  default:
    return "f_op->mmap";
  }
}

} // namespace

CoreUseCounts countCoreUses(const RewritePlan &Plan) {
  CoreUseCounts N;
  for (const CoreUseOutcome &O : Plan.CoreUses) {
    if (!reported(O))
      continue;
    if (O.U.Kind == MmapUseKind::Test) {
      ++N.Tests;
      N.TestsRewritten += O.Rewritten;
    } else if (O.U.Kind == MmapUseKind::TableTest) {
      ++N.TableTests;
      N.TableTestsRewritten += O.Rewritten;
    } else if (O.U.Kind == MmapUseKind::Other) {
      ++N.Other;
    } else {
      ++N.Calls;
      N.CallsRewritten += O.Rewritten;
    }
  }
  return N;
}

void printCoreUses(llvm::raw_ostream &OS, const RewritePlan &Plan, const Profile &P,
                   llvm::StringRef Cwd) {
  for (const CoreUseOutcome &O : Plan.CoreUses) {
    if (!reported(O))
      continue;
    std::string Where = llvm::formatv("{0}:{1}:{2}", relativePath(O.U.Pos.File, Cwd),
                                      O.U.Pos.Line, O.U.Pos.Col);
    std::string To = O.U.Kind == MmapUseKind::TableTest ? "a test of both hooks"
                     : O.U.Kind == MmapUseKind::Test   ? P.MmapHooksTest + "()"
                                                       : P.MmapCall + "()";
    if (O.Rewritten)
      OS << Where << ": note: " << what(O) << " becomes " << To << " [mmap-migrate-core]\n";
    else
      OS << Where << ": warning: " << what(O) << " stays: " << O.Why << " [mmap-migrate-core]\n";
  }
  // A file parsed with errors has its uses above already.
  std::set<std::string> Said;
  for (const CoreUseOutcome &O : Plan.CoreUses)
    Said.insert(O.U.Pos.File);
  for (const UnseenHookUser &U : Plan.CoreUnseen)
    if (U.N.Reason == InactiveHookCallReason || U.N.Reason == InactiveTableUseReason ||
        !Said.count(U.N.File))
      OS << relativePath(U.N.File, Cwd) << ":" << U.N.Line << ":1: warning: "
         << (U.OtherTableLine == U.N.Line ? "another table's ->mmap is used here"
             : U.Calls                   ? "the slot is called here"
                                         : "f_op->mmap is tested here")
         << " and stays, not analysed: " << U.N.Reason << " [mmap-migrate-core]\n";
  CoreUseCounts N = countCoreUses(Plan);
  if (!N.any() && Plan.CoreUnseen.empty())
    return;
  OS << llvm::formatv("mmap-migrate: core callers: {0} of {1} f_op->mmap tests -> {2}(), "
                      "{3} of {4} calls -> {5}()",
                      N.TestsRewritten, N.Tests, P.MmapHooksTest, N.CallsRewritten, N.Calls,
                      P.MmapCall);
  if (N.TableTests)
    OS << ", " << N.TableTestsRewritten << " of " << N.TableTests << " table tests -> both hooks";
  if (N.Other)
    OS << ", " << N.Other << (N.Other == 1 ? " other use" : " other uses") << " left";
  if (!Plan.CoreUnseen.empty())
    OS << ", " << Plan.CoreUnseen.size()
       << (Plan.CoreUnseen.size() == 1 ? " file not analysed uses" : " files not analysed use")
       << " the slot";
  OS << "\n";
  if (N.Tests + N.TableTests > N.TestsRewritten + N.TableTestsRewritten &&
      !Plan.CoreTestsRefusal.empty())
    OS << "mmap-migrate: f_op->mmap tests left: "
       << relativePath(Plan.CoreTestsRefusal, Cwd) << "\n";
}

llvm::json::Value coreUsesToJson(const RewritePlan &Plan) {
  llvm::json::Array Uses;
  for (const CoreUseOutcome &O : Plan.CoreUses)
    Uses.push_back(llvm::json::Object{{"file", relativePath(O.U.Pos.File, Plan.Root)},
                                      {"line", O.U.Pos.Line},
                                      {"function", O.U.Function},
                                      {"kind", kindName(O.U.Kind)},
                                      {"rewritten", O.Rewritten},
                                      {"why", O.Rewritten ? llvm::json::Value(nullptr)
                                                          : llvm::json::Value(O.Why)}});
  llvm::json::Array Unseen;
  for (const UnseenHookUser &U : Plan.CoreUnseen)
    Unseen.push_back(llvm::json::Object{{"file", relativePath(U.N.File, Plan.Root)},
                                        {"line", U.N.Line},
                                        {"kind", U.Calls ? "call" : "test"},
                                        {"why", U.N.Reason}});
  llvm::json::Array Barriers;
  for (const TableBarrier &B : Plan.CoreBarriers) {
    llvm::json::Array Tables;
    for (const std::string &T : B.Tables)
      Tables.push_back(T);
    Barriers.push_back(llvm::json::Object{
        {"file", relativePath(B.U.Pos.File, Plan.Root)},
        {"line", B.U.Pos.Line},
        {"function", B.U.Function},
        {"kind", kindName(B.U.Kind)},
        {"through", B.U.FromName},
        {"tables", B.AnyTable ? llvm::json::Value(nullptr) : llvm::json::Value(std::move(Tables))},
        {"why", B.Why}});
  }
  CoreUseCounts N = countCoreUses(Plan);
  return llvm::json::Object{
      {"summary", llvm::json::Object{{"tests", N.Tests},
                                     {"tests_rewritten", N.TestsRewritten},
                                     {"table_tests", N.TableTests},
                                     {"table_tests_rewritten", N.TableTestsRewritten},
                                     {"calls", N.Calls},
                                     {"calls_rewritten", N.CallsRewritten},
                                     {"other", N.Other},
                                     {"tests_left_because",
                                      Plan.CoreTestsRefusal.empty()
                                          ? llvm::json::Value(nullptr)
                                          : llvm::json::Value(relativePath(
                                                Plan.CoreTestsRefusal, Plan.Root))}}},
      {"uses", std::move(Uses)},
      {"not_analysed", std::move(Unseen)},
      {"barriers", std::move(Barriers)}};
}

} // namespace mmapmigrate
