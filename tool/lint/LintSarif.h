//===- LintSarif.h - lint's findings as SARIF 2.1.0 -------------*- C++ -*-===//
#ifndef MMAP_MIGRATE_TOOL_LINT_LINTSARIF_H
#define MMAP_MIGRATE_TOOL_LINT_LINTSARIF_H

#include "tool/lint/LintFindings.h"
#include "llvm/Support/JSON.h"

namespace mmapmigrate {

/// The lint's findings as a SARIF log: one rule per lint rule, the
/// fingerprint a --baseline file matches in partialFingerprints
/// ("mmapMigrateLint/v1"), the suggested ->mmap_prepare form in the result's
/// properties, touched files that were not analysed as notifications.
llvm::json::Value lintToSarif(const std::vector<LintFinding> &Findings,
                              const std::vector<NotAnalysed> &NotChecked,
                              llvm::StringRef Root);

} // namespace mmapmigrate

#endif
