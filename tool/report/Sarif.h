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
#ifndef MMAP_MIGRATE_TOOL_REPORT_SARIF_H
#define MMAP_MIGRATE_TOOL_REPORT_SARIF_H

#include "matchers/core/Census.h"
#include "llvm/Support/JSON.h"

namespace mmapmigrate {

/// The SARIF log of \p C, paths relative to \p Root.
llvm::json::Value censusToSarif(const Census &C, llvm::StringRef Root);

/// A SARIF location of \p P: relative to SRCROOT (\p Root) when under it,
/// else an absolute file URI; with \p Message as its text if given.
llvm::json::Value sarifLocation(const SourcePos &P, llvm::StringRef Root,
                                const std::string &Message = "");

/// A whole SARIF 2.1.0 log of one run of the tool.
llvm::json::Value sarifLog(llvm::json::Value Rules, llvm::json::Array Results,
                           llvm::json::Array Notifications, llvm::StringRef Root);

} // namespace mmapmigrate

#endif
