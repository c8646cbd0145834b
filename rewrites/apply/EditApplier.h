//===- EditApplier.h - The one place that turns edits into text --*- C++ -*-===//
//
// Applies planned edits to strings (for diffs, verification and the
// in-place commit, tool/driver/RewriteJournal.h), or exports them for
// clang-apply-replacements.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_APPLY_EDITAPPLIER_H
#define MMAP_MIGRATE_REWRITES_APPLY_EDITAPPLIER_H

#include "rewrites/edit/Edit.h"
#include "llvm/Support/Error.h"

#include <map>

namespace mmapmigrate {

/// One diagnostic with its edits, for --export-fixes.
struct FixGroup {
  std::string Owner;   ///< What the edits belong to (a handler's key).
  std::string Check;   ///< e.g. mmap-migrate-pure-setup
  std::string Message;
  std::string File;    ///< Where the diagnostic points.
  unsigned Offset = 0;
  std::vector<Edit> Edits;
};

/// Sorts, deduplicates and checks \p Edits: identical edits collapse, any
/// two that overlap are an error.
llvm::Expected<std::vector<Edit>> normalizeEdits(std::vector<Edit> Edits);

/// Applies sorted, non-overlapping edits of one file to \p Text.
std::string applyEdits(llvm::StringRef Text, const std::vector<Edit> &FileEdits);

/// Reads every file the edits touch and returns old and new contents.
llvm::Expected<std::map<std::string, std::pair<std::string, std::string>>>
rewrittenContents(const std::vector<Edit> &Edits);

/// A unified diff of one file, `a/REL` and `b/REL`, 3 lines of context.
std::string unifiedDiff(llvm::StringRef Old, llvm::StringRef New, llvm::StringRef Rel);

/// clang-apply-replacements YAML (clang's TranslationUnitDiagnostics); the
/// caller writes it, as every other output, through writeOutputFile().
llvm::Expected<std::string> fixesYaml(const std::vector<FixGroup> &Groups,
                                      llvm::StringRef BuildDir);

} // namespace mmapmigrate

#endif
