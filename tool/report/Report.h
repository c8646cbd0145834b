//===- Report.h - The census as text, JSON or YAML ----------------*- C++ -*-===//
//
// Printing only: the census and the classification are computed elsewhere.
// JSON is the reference shape (docs/report-format.md); YAML is the same tree.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_REPORT_REPORT_H
#define MMAP_MIGRATE_TOOL_REPORT_REPORT_H

#include "matchers/core/Census.h"
#include "matchers/classify/Classifier.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>

namespace mmapmigrate {

/// What the summaries count, the same for every report format.
struct CensusTotals {
  unsigned Sites = 0;     ///< Every fops ->mmap slot, NULL ones included.
  unsigned NullSites = 0; ///< Of which NULL or unresolved.
  std::map<Kind, unsigned> ByKind, ConvertByKind;
  std::map<Verdict, unsigned> ByVerdict;
};

/// The totals of \p C, whose classified handlers are \p All.
CensusTotals censusTotals(const Census &C, const std::vector<ClassifiedHandler> &All);

/// Where a not-analysed entry points, for a diagnostic line: `file:LINE:1`,
/// or the file alone when it has no line.
std::string notAnalysedWhere(const NotAnalysed &N, llvm::StringRef Cwd);

/// The report as a JSON value, with paths relative to \p Root.
llvm::json::Value censusToJson(const Census &C, llvm::StringRef Root);

/// The same value as a YAML document.
std::string jsonToYaml(const llvm::json::Value &V);

struct RewritePlan;
struct Profile;

/// What a rewrite did with each handler, as JSON (docs/report-format.md):
/// rewritten or not, why not, the notes a reviewer needs, and totals.
llvm::json::Value rewriteToJson(const RewritePlan &Plan, const Profile &P);

/// A census table and clang-style `file:line:col: note: ... [mmap-migrate-x]`
/// lines. Paths relative to \p Cwd when under it.
void printTextReport(const Census &C, llvm::StringRef Cwd, llvm::raw_ostream &OS);

/// The report's `file:line:col: note: ...` lines alone (what `check` prints
/// for one file under kbuild), for the handlers \p All of \p C.
void printCensusNotes(const Census &C, llvm::StringRef Cwd, llvm::raw_ostream &OS);
void printCensusNotes(const Census &C, const std::vector<ClassifiedHandler> &All,
                      llvm::StringRef Cwd, llvm::raw_ostream &OS);

} // namespace mmapmigrate

#endif
