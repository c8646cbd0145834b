//===- SeriesWriter.h - A rewrite plan as git format-patch files --*- C++ -*-===//
//
// Emits a patch series from a rewrite plan on a git checkout: checks that
// each patch builds on its own (every TU it touches parsed again with the
// patches before it), commits the patches in a throw-away clone that shares
// the checkout's objects (the checkout itself is never written), and runs
// git format-patch with a cover letter and base-commit. Recipients come
// from the tree's scripts/get_maintainer.pl when it has one.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SERIES_SERIESWRITER_H
#define MMAP_MIGRATE_TOOL_SERIES_SERIESWRITER_H

#include "tool/driver/RewriteDriver.h"
#include "tool/support/RunLog.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// The git side of a tree: where the checkout starts and what HEAD is.
struct GitCheckout {
  std::string TopLevel;
  std::string Base; ///< HEAD's commit id.
};

/// \p Root's git checkout; a usage error when it is not one.
llvm::Expected<GitCheckout> openGitCheckout(llvm::StringRef Root);

/// "Name <email>": \p Given when set (checked for that shape), else git's
/// user.name and user.email in \p Repo; a usage error when neither says.
llvm::Expected<std::string> signoffIdentity(llvm::StringRef Repo, llvm::StringRef Given);

/// A usage error unless \p Dir is missing or an empty directory.
llvm::Error checkOutputDir(llvm::StringRef Dir);

struct SeriesOptions {
  std::string OutDir;
  std::string Signoff;      ///< "Name <email>"
  size_t MaxPatches = 15;   ///< Per series; more become several.
  std::string Config;       ///< For the cover letter, e.g. "x86_64 allmodconfig".
  std::string ProfileWhy;   ///< Which profile and why.
  bool TreeHasApi = true;   ///< The base declares the profile's API.
  RunLog Log;               ///< -v: each patch's re-parse.
};

struct SeriesOutcome {
  std::vector<std::string> Files; ///< Written, relative to OutDir, in order.
  size_t Patches = 0, Parts = 0;
  /// Handlers taken back because their patch did not build on its own.
  std::vector<std::string> Dropped;
  /// Per patch file: the subject, for the summary the CLI prints.
  std::vector<std::pair<std::string, std::string>> Subjects;
};

/// Writes the series for \p Plan into Opts.OutDir (whole or not at all).
/// \p Plan is updated: handlers whose patch does not build alone are no
/// longer converted, with the reason.
llvm::Expected<SeriesOutcome> writeSeries(RewritePlan &Plan, const Profile &P,
                                          const GitCheckout &Git, const SeriesOptions &Opts);

} // namespace mmapmigrate

#endif
