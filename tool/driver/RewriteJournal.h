//===- RewriteJournal.h - rewrite -i as one transaction ----------*- C++ -*-===//
//
// An in-place rewrite changes several files that only build together (a
// slot in one file, the handler it names in another). Renaming them one by
// one leaves a tree that does not build if the run dies midway, so the
// change is a transaction with a journal in the cache dir:
//
//   1. the journal is written, state "staging", naming every file, the
//      temporary file that will hold its new text and both content hashes;
//   2. every new text is written, in full and synced, next to its file (a
//      read-only directory or a full disk fails here, before any file of
//      the tree has changed);
//   3. the journal's state becomes "committing" (the commit point);
//   4. the temporaries are renamed over the files; the journal is removed.
//
// A later run that finds a journal finishes it (committing) or undoes it
// (staging: nothing was replaced yet) before anything else, and says so.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_REWRITEJOURNAL_H
#define MMAP_MIGRATE_TOOL_DRIVER_REWRITEJOURNAL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "tool/support/RunLog.h"

#include <map>
#include <string>
#include <vector>

namespace mmapmigrate {

struct CommitOptions {
  std::string JournalDir; ///< Where journals live (in the cache dir).
  std::string Tree;       ///< The tree root: locked, and every file must be in it.
  /// Milliseconds to sleep after each step (a hidden test option: it gives
  /// the kill -9 test moments inside the commit to hit).
  unsigned PauseMs = 0;
  /// Where a wait for another run's lock is said.
  RunLog Log;
};

/// Replaces each file with its new text as one transaction. \p Contents:
/// file -> (text read now, new text); \p ParsedHashes: file -> xxh3 of the
/// text that was parsed (a file that changed since is refused).
llvm::Error commitInPlace(const std::map<std::string, std::pair<std::string, std::string>> &Contents,
                          const std::map<std::string, uint64_t> &ParsedHashes,
                          const CommitOptions &Opts);

/// Finishes or undoes every interrupted transaction in \p JournalDir.
/// Returns one line per journal handled, for stderr; an error (one line)
/// when a journal cannot be settled because a file changed since.
llvm::Expected<std::vector<std::string>> settleInterruptedRewrites(llvm::StringRef JournalDir,
                                                                  const RunLog &Log);

/// The journal folder under a cache root.
std::string journalDirOf(llvm::StringRef CacheRoot);

} // namespace mmapmigrate

#endif
