//===- LintReport.h - The lint's text, in the 0-day bot's shape --*- C++ -*-===//
//
// What a kernel developer reads in a CI log: a header (base, head, config,
// compiler), "All findings (new ones prefixed by >>)" as clang-style
// diagnostics, then per finding the code with `>>` on the lines the change
// adds, the suggested ->mmap_prepare form as a diff, and the baseline lines
// that would accept the findings.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_LINT_LINTREPORT_H
#define MMAP_MIGRATE_TOOL_LINT_LINTREPORT_H

#include "tool/lint/LintDriver.h"

#include "llvm/Support/raw_ostream.h"

namespace mmapmigrate {

/// Prints \p Out, paths relative to its tree.
void printLintReport(const LintOutcome &Out, llvm::raw_ostream &OS);

} // namespace mmapmigrate

#endif
