//===- LintDriver.h - Lint a change for new ->mmap users --------*- C++ -*-===//
//
// `mmap-migrate lint`: get the change (git diff from the merge base of
// --base, or a diff on stdin), parse the C files it touches (the whole
// tree when a header change may add a slot through a macro), and keep the
// ->mmap users on added lines that a baseline does not accept. Printing
// lives in LintReport.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_LINT_LINTDRIVER_H
#define MMAP_MIGRATE_TOOL_LINT_LINTDRIVER_H

#include "tool/lint/LintFindings.h"
#include "tool/driver/ScanDriver.h"

#include <optional>

namespace mmapmigrate {

struct LintOptions {
  ScanOptions Scan;                    ///< Where the tree is and how to parse it.
  std::string Base, Head;              ///< --base, --head (git revisions).
  std::optional<std::string> DiffText; ///< The diff from stdin, when no --base.
  bool AllowEmpty = false;             ///< --allow-empty: an empty stdin is no change.
  std::string BaselineFile;            ///< --baseline
  std::string ProfileName;             ///< --profile, for the suggestions.
  std::vector<std::string> VerifyArgs;
};

struct LintOutcome {
  std::string Root;
  std::string BaseDesc, HeadDesc, Config, ProfileName;
  std::vector<LintFinding> Findings; ///< New, not in the baseline.
  unsigned Accepted = 0;             ///< Findings the baseline lists.
  /// Touched C files that no parse covered (their added lines were read as
  /// text), with the reason.
  std::vector<NotAnalysed> NotChecked;
  unsigned TusParsed = 0;
  ChangeSet Change; ///< What the change adds (paths relative to Root).
};

llvm::Expected<LintOutcome> runLint(LintOptions Opts);

/// The fingerprints a baseline file accepts: a SARIF log written by
/// `lint --sarif` (its partialFingerprints), or one fingerprint per line
/// (`rule path symbol`, as the text report prints them; # comments).
llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path);
/// The same for a baseline's text (\p Path names it in errors).
llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text, llvm::StringRef Path);

} // namespace mmapmigrate

#endif
