//===- Sarif.h - The census as SARIF 2.1.0 -----------------------*- C++ -*-===//
//
// For code scanning (GitHub, GitLab) and other SARIF consumers: one result
// per ->mmap handler, its rule the handler's kind (stable ids
// `mmap-migrate-<kind>`), its fops slots and findings as related locations,
// paths relative to the tree (uriBaseId SRCROOT), and a partial fingerprint
// that survives line moves so that an alert is not raised twice. Files that
// were not analysed become tool notifications.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SARIF_H
#define MMAP_MIGRATE_TOOL_SARIF_H

#include "matchers/Census.h"
#include "tool/LintFindings.h"
#include "llvm/Support/JSON.h"

namespace mmapmigrate {

/// The SARIF log of \p C, paths relative to \p Root.
llvm::json::Value censusToSarif(const Census &C, llvm::StringRef Root);

/// The lint's findings as a SARIF log: one rule per lint rule, the
/// fingerprint a --baseline file matches in partialFingerprints
/// ("mmapMigrateLint/v1"), the suggested ->mmap_prepare form in the result's
/// properties, touched files that were not analysed as notifications.
llvm::json::Value lintToSarif(const std::vector<LintFinding> &Findings,
                              const std::vector<NotAnalysed> &NotChecked,
                              llvm::StringRef Root);

} // namespace mmapmigrate

#endif
