//===- LintFindings.h - The ->mmap users a change adds ----------*- C++ -*-===//
//
// The lint's conclusions: from a rewrite plan (the scan of the changed
// files, with the edits that would convert each handler) and the lines a
// change adds, the new ->mmap handlers, the new .mmap slots, and the new
// code that reads file_operations->mmap itself. Lines that no parse saw are
// read as text, so a file that fails to build is not a way past the lint.
// No git and no printing here.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_LINT_LINTFINDINGS_H
#define MMAP_MIGRATE_TOOL_LINT_LINTFINDINGS_H

#include "matchers/core/Census.h"
#include "tool/lint/ChangedLines.h"
#include "tool/driver/RewriteDriver.h"

#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

enum class LintRule {
  NewHandler, ///< The change adds the definition of an ->mmap handler.
  NewSlot,    ///< The change adds a .mmap slot naming an existing one.
  MmapTest,   ///< New code tests f_op->mmap instead of asking the core.
  MmapCall,   ///< New code calls f_op->mmap instead of vfs_mmap().
};

/// "new-mmap-handler", ...: the rule's name, as fingerprints and SARIF
/// rule names use it.
std::string lintRuleName(LintRule R);
/// "mmap-migrate-new-mmap-handler", ...: the diagnostic and SARIF rule id.
std::string lintRuleId(LintRule R);
/// One sentence on what the rule finds and why it matters.
const char *lintRuleDescription(LintRule R);
const std::vector<LintRule> &allLintRules();

struct LintFinding {
  LintRule Rule = LintRule::NewHandler;
  SourcePos Pos;
  std::string Message;
  /// What the finding is about, for the fingerprint: a handler, a
  /// table.handler slot, or the function holding a use of f_op->mmap.
  std::string Symbol;
  std::vector<std::pair<SourcePos, std::string>> Notes;
  /// The handler in ->mmap_prepare form as a unified diff against the
  /// changed tree (what `mmap-migrate rewrite` would do); empty when it is
  /// not convertible, with the reason in WhyNoSuggestion.
  std::string Suggestion;
  std::string WhyNoSuggestion;
  /// Read from the text of the added line: no parse saw it.
  bool FromText = false;

  /// "new-mmap-handler drivers/char/foo.c foo_mmap": stable while lines
  /// move, and what a --baseline file lists.
  std::string fingerprint(llvm::StringRef Root) const;
};

/// Which of the core's helpers the tree declares, so that advice names
/// what exists (file_has_valid_mmap_hooks() and vfs_mmap() arrived with
/// ->mmap_prepare; older trees have call_mmap()).
struct MmapHelpers {
  bool HasValidHooks = false, HasCanMmap = false, HasVfsMmap = false, HasCallMmap = false;
};
MmapHelpers mmapHelpersOf(llvm::StringRef TreeRoot);

/// The ->mmap users \p Change adds, as \p Plan saw them (paths in
/// \p Change are relative to \p Root). Suggestions come from the plan's
/// edits. Sorted by position.
std::vector<LintFinding> newMmapUsers(const RewritePlan &Plan, const ChangeSet &Change,
                                      llvm::StringRef Root, const MmapHelpers &Helpers);

/// Findings read from the added lines of files no parse covered (\p
/// NotChecked, with the reason) and of headers, whose lines
/// a parse may not reach: `.mmap =` and `f_op->mmap` outside comments, on
/// lines where \p Parsed holds no finding already.
std::vector<LintFinding> newMmapUsersFromText(const ChangeSet &Change, llvm::StringRef Root,
                                              const std::vector<NotAnalysed> &NotChecked,
                                              const std::vector<LintFinding> &Parsed,
                                              const Census &C, const MmapHelpers &Helpers);

} // namespace mmapmigrate

#endif
