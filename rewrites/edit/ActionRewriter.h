//===- ActionRewriter.h - A final PFN remap as an mmap action ---*- C++ -*-===//
//
// A handler whose last step prepopulates the mapping (remap_pfn_range(),
// io_remap_pfn_range(), vm_iomap_memory()) can move that step out of the
// hook: as the profile's mmap action (6.19+), or, with the RFC profile, as
// remap_pfn_range_prepare() in ->mmap_prepare plus a new ->mmap_complete.
// Matching (findTailPrepopulation) is kept apart from planning the edits
// (planTailPrepopulation), which runs after the body's own edits so the
// call's arguments carry their descriptor spellings.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_ACTIONREWRITER_H
#define MMAP_MIGRATE_REWRITES_EDIT_ACTIONREWRITER_H

#include "matchers/classify/ProtCopy.h"
#include "rewrites/edit/EditBuilder.h"
#include "rewrites/profiles/Profile.h"

#include <optional>

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;
class ParmVarDecl;
class Stmt;
} // namespace clang

namespace mmapmigrate {

/// What the legacy call's arguments are, by position (-1: absent).
struct LegacyPrepopulation {
  const char *Name;
  const char *Action;     ///< Action for a part of the mapping.
  const char *FullAction; ///< Action for all of it, or nullptr.
  int Start, Pfn, Size, Phys, Prot;
};

/// The prepopulating call that ends a handler's path, in one of these shapes:
///   return remap_pfn_range(vma, ...);   (the body's end, or any block's)
///   if (remap_pfn_range(vma, ...))      followed by   [vma->vm_ops = ...;]
///           return -EAGAIN;                           return 0;
struct TailPrepopulation {
  const clang::CallExpr *Call = nullptr;
  const LegacyPrepopulation *Legacy = nullptr;
  const clang::Stmt *Statement = nullptr;   ///< The return or the if.
  const clang::Expr *ErrorValue = nullptr;  ///< X of `if (call) return X;`
  /// `pr_err("...");` lines before that return: constant messages, which
  /// the error hook logs too.
  std::vector<const clang::Stmt *> FailureLogs;
  /// `return remap(...);` in a block other than the body's end.
  bool InBranch = false;
  /// Setup between `if (remap(...)) return X;` and `return 0;`, which goes
  /// before the action.
  std::vector<const clang::Stmt *> MovedBefore;
  /// Argument expressions the body rewriter must leave alone (the vma,
  /// the protection).
  std::vector<const clang::Expr *> Consumed;
  /// The protection is a local copy of vm_page_prot, adjusted: it folds
  /// into desc->page_prot, which the action maps with.
  std::optional<ProtCopy> Prot;
};

/// Finds the final prepopulation of \p Def's body. Returns false with
/// \p Refusal set when the body prepopulates or inserts pages in any other
/// way; true with T.Call null when it does neither.
bool findTailPrepopulation(clang::ASTContext &Ctx, const clang::FunctionDecl *Def,
                           const clang::ParmVarDecl *Vma, TailPrepopulation &T,
                           std::string &Refusal);

/// Replaces the tail statement by the profile's action (or the RFC's
/// prepare call, adding the ->mmap_complete function after \p Def).
/// Adds a note when the error code a failed remap returns changes.
bool planTailPrepopulation(EditBuilder &B, const TailPrepopulation &T, const Profile &P,
                           const clang::FunctionDecl *Def, const clang::ParmVarDecl *File,
                           const clang::ParmVarDecl *Vma);

/// foo_mmap -> foo_mmap_complete (RFC profile).
std::string completeName(llvm::StringRef Name, const Profile &P);

} // namespace mmapmigrate

#endif
