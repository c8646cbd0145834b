//===- EditBuilder.h - Collect the edits of one unit of change -*- C++ -*-===//
//
// The planners (handler body, fops slot, tail action) speak in source ranges;
// EditBuilder turns them into file edits, refuses ranges that start or end
// inside a macro expansion, remembers the hash of every file it touches, and
// keeps the first refusal: a unit is all edits or none.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_EDITBUILDER_H
#define MMAP_MIGRATE_REWRITES_EDIT_EDITBUILDER_H

#include "rewrites/edit/Edit.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/Twine.h"

#include <optional>
#include <set>
#include <string>

namespace mmapmigrate {

/// Collects edits for one unit; the first failure wins and empties it.
class EditBuilder {
public:
  explicit EditBuilder(clang::ASTContext &Ctx);

  /// Records \p Why as the refusal (the first one stays); always false so
  /// callers can `return B.fail(...)`.
  bool fail(const llvm::Twine &Why);
  bool failed() const { return Plan.refused(); }

  unsigned line(clang::SourceLocation L) const;

  /// Replaces the characters of \p R; both ends must be written in a file,
  /// not produced by a macro.
  bool replace(clang::CharSourceRange R, std::string Text, const llvm::Twine &What);
  bool replaceTokens(clang::SourceRange R, std::string Text, const llvm::Twine &What);

  /// The source text of the tokens in \p R, as written.
  std::string text(clang::SourceRange R) const;

  /// The text of the tokens in \p R with the edits already planned inside
  /// it applied; those edits are taken out of the plan, since the caller
  /// replaces the whole range. None if \p R is not plain file text.
  std::optional<std::string> takeRewritten(clang::SourceRange R);

  /// Something the patch text must say about this unit.
  void note(std::string Text) { Plan.Notes.push_back(std::move(Text)); }
  /// A file_operations member the slots of this handler must gain.
  void addSlot(std::string Member) { Plan.AddedSlots.push_back(std::move(Member)); }

  EditPlan take();

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  const clang::LangOptions &LO;

private:
  /// The path edits name \p FID by (its real path), or "" if not a file.
  std::string pathOf(clang::FileID FID) const;

  EditPlan Plan;
  std::set<std::string> Hashed;
};

/// The display column after \p Text is written from column \p Col (tabs
/// every 8).
unsigned advanceColumns(unsigned Col, llvm::StringRef Text);

/// The tabs that take column \p Col to \p Target or just past it; none when
/// \p Col is there already.
std::string tabsTo(unsigned Col, unsigned Target);

/// Where to insert a new top-level definition right above the declaration
/// that starts at \p Start: the start of its line, or of the comment block
/// that introduces it.
clang::SourceLocation aboveDeclaration(const clang::SourceManager &SM, clang::SourceLocation Start);

/// The leading whitespace of the line holding \p L.
std::string indentOf(const clang::SourceManager &SM, clang::SourceLocation L);

/// Wraps a generated statement at 80 columns the kernel way: breaks after
/// ", " or " |", continuation lines aligned after the opening parenthesis
/// of a call, or after "= " of an assignment.
std::string wrapLine(const std::string &Text, const std::string &Indent);

/// Joins the lines of an expression written over several lines into one,
/// when that cannot change its meaning (no comments, no string literals).
std::string joinLines(llvm::StringRef Text);

} // namespace mmapmigrate

#endif
