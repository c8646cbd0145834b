//===- ChangedLines.h - What a unified diff adds -----------------*- C++ -*-===//
//
// The lint reports only what a change adds. This reads a unified diff (git
// diff, diff -u, or a git format-patch series, one patch after another) and
// keeps, per file, the line numbers the change adds, counted in the file as
// it is after the whole change. Nothing else: no git, no files read.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_LINT_CHANGEDLINES_H
#define MMAP_MIGRATE_TOOL_LINT_CHANGEDLINES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace mmapmigrate {

/// One file the change touches.
struct FileChange {
  std::string Path;          ///< After the change, relative (a/ b/ stripped).
  bool Deleted = false;      ///< Gone after the change.
  bool Binary = false;       ///< A binary diff: no lines known.
  /// The added lines by number (1-based, after the change), with their text.
  std::map<unsigned, std::string> Added;
};

/// Every file a change touches, by path after the change.
struct ChangeSet {
  std::map<std::string, FileChange> Files;

  /// Whether the change adds line \p Line of \p Path (relative).
  bool adds(llvm::StringRef Path, unsigned Line) const;
};

/// Reads \p Diff. Paths lose one leading component when the diff has
/// a/ b/ prefixes (git's default, as `patch -p1`). Several patches for the
/// same file are chained: earlier added lines are moved (or dropped) by the
/// later patches' hunks. Fails on text that has no diff in it at all, on a
/// hunk whose line counts do not match its header, on ---/+++ lines with
/// no hunk after them (a diff cut short), and on a path that is absolute or
/// leaves the tree (`b/../../x.c`).
llvm::Expected<ChangeSet> parseUnifiedDiff(llvm::StringRef Diff);

} // namespace mmapmigrate

#endif
