//===- BodyFacts.h - What moving code out of a handler needs ---*- C++ -*-===//
//
// Facts about a handler's locals and statements shared by the planners that
// move or drop code (final remaps, deferred work): who reads a local, whether
// anything writes it, which declarations another function must repeat to
// evaluate a statement, and deleting whole lines of code cleanly.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_BODYFACTS_H
#define MMAP_MIGRATE_REWRITES_EDIT_BODYFACTS_H

#include "rewrites/edit/EditBuilder.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// Every reference to \p VD in \p Body.
std::vector<const clang::DeclRefExpr *> referencesTo(const clang::Stmt *Body,
                                                     const clang::VarDecl *VD);

/// True when some reference assigns, increments or takes the address of it.
bool isWritten(clang::ASTContext &Ctx, const std::vector<const clang::DeclRefExpr *> &Refs);

/// The top-level `T x = init;` statement declaring only \p VD, if any.
const clang::DeclStmt *ownDeclStmt(const clang::CompoundStmt *Body, const clang::VarDecl *VD);

/// Local variables \p E reads (not parameters, not globals), appended once.
void localsIn(const clang::Stmt *E, std::vector<const clang::VarDecl *> &Out);

bool hasComment(llvm::StringRef Text);

/// Plans the deletion of the whole line(s) of \p S; false if it shares a
/// line with other code or a comment.
bool deleteStmtLines(EditBuilder &B, const clang::Stmt *S);

/// Locals only \p Dropped read: once those go, each would be left unused.
std::vector<const clang::VarDecl *> orphanedLocals(const clang::CompoundStmt *Body,
                                                   const std::vector<const clang::Stmt *> &Dropped);

/// True when \p VD is declared alone at the top of \p Body and its
/// initialiser has no side effects: the declaration can go.
bool canDropDecl(clang::ASTContext &Ctx, const clang::CompoundStmt *Body,
                 const clang::VarDecl *VD);

/// Deletes the declarations of \p Orphans; false (and \p Which named) if
/// one cannot go cleanly: it shares a line, or its initialiser has effects.
bool deleteOrphans(EditBuilder &B, const clang::CompoundStmt *Body,
                   const std::vector<const clang::VarDecl *> &Orphans, std::string &Which);

/// The declarations another function must repeat, in source order, so that
/// \p Uses can be evaluated there: the locals they read, and those the
/// initialisers read. False with \p Bad set when a local cannot be
/// recomputed: not declared alone with an initialiser, an initialiser with
/// side effects, or written after its declaration.
bool declsToRepeat(clang::ASTContext &Ctx, const clang::CompoundStmt *Body,
                   const std::vector<const clang::Stmt *> &Uses,
                   std::vector<const clang::DeclStmt *> &Out, const clang::VarDecl *&Bad);

} // namespace mmapmigrate

#endif
