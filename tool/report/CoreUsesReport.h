//===- CoreUsesReport.h - What happened to the core callers -------*- C++ -*-===//
//
// The rewrite's account of the uses of f_op->mmap outside handlers: one
// diagnostic per use it changed or left, a summary line, and the JSON list.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_REPORT_COREUSESREPORT_H
#define MMAP_MIGRATE_TOOL_REPORT_COREUSESREPORT_H

#include "tool/driver/RewriteDriver.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace mmapmigrate {

/// Counts of the uses the rewrite is about (not the API's own, not those
/// outside the paths given, not a printed pointer).
struct CoreUseCounts {
  unsigned Tests = 0, TestsRewritten = 0;           ///< f_op->mmap: can_mmap_file().
  unsigned TableTests = 0, TableTestsRewritten = 0; ///< Other tables: both hooks.
  unsigned Calls = 0, CallsRewritten = 0;
  unsigned Other = 0;
  bool any() const { return Tests || TableTests || Calls || Other; }
};
CoreUseCounts countCoreUses(const RewritePlan &Plan);

/// Clang-style notes and warnings (paths relative to \p Cwd), then
/// "core callers: ..." and why the tests were left, when they were.
void printCoreUses(llvm::raw_ostream &OS, const RewritePlan &Plan, const Profile &P,
                   llvm::StringRef Cwd);

/// {"summary": {...}, "uses": [...]}, paths relative to the tree.
llvm::json::Value coreUsesToJson(const RewritePlan &Plan);

} // namespace mmapmigrate

#endif
