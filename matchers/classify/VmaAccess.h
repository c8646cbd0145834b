//===- VmaAccess.h - Recognise `vma->field` through unions -------*- C++ -*-===//
//
// vm_area_struct hides vm_flags in an anonymous union, so `vma->vm_flags` is
// two member accesses in the AST. Finding and rewriting both need the same
// view of it: which variable, which field, which implicit levels.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_VMAACCESS_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_VMAACCESS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace mmapmigrate {

/// `var->field`, possibly through anonymous struct/union members.
struct FieldAccess {
  const clang::MemberExpr *Outer = nullptr;  ///< The whole access.
  const clang::DeclRefExpr *Base = nullptr;  ///< The variable.
  std::string Field;                         ///< The named field.
  llvm::SmallVector<const clang::MemberExpr *, 1> Anonymous; ///< Implicit levels.
};

/// The access \p E makes, if it is `var->field` (parentheses and implicit
/// casts ignored).
inline std::optional<FieldAccess> fieldAccess(const clang::Expr *E) {
  const auto *Outer = llvm::dyn_cast<clang::MemberExpr>(E->IgnoreParenImpCasts());
  if (!Outer)
    return std::nullopt;
  FieldAccess A;
  A.Outer = Outer;
  A.Field = Outer->getMemberDecl()->getName().str();
  const clang::Expr *Base = Outer->getBase()->IgnoreParenImpCasts();
  while (const auto *Inner = llvm::dyn_cast<clang::MemberExpr>(Base)) {
    const auto *FD = llvm::dyn_cast<clang::FieldDecl>(Inner->getMemberDecl());
    if (!FD || !FD->isAnonymousStructOrUnion())
      return std::nullopt;
    A.Anonymous.push_back(Inner);
    Base = Inner->getBase()->IgnoreParenImpCasts();
  }
  A.Base = llvm::dyn_cast<clang::DeclRefExpr>(Base);
  if (!A.Base)
    return std::nullopt;
  return A;
}

/// The field of \p Var that \p E names when \p E is `Var->field` (through
/// anonymous unions, parentheses and implicit casts).
inline std::optional<std::string> fieldOf(const clang::Expr *E, const clang::ValueDecl *Var) {
  auto A = fieldAccess(E);
  if (!A || A->Base->getDecl() != Var)
    return std::nullopt;
  return A->Field;
}

/// The variable whose address \p E is (`&ops` in `vma->vm_ops = &ops`).
inline const clang::VarDecl *addressedVariable(const clang::Expr *E) {
  const auto *Addr = llvm::dyn_cast<clang::UnaryOperator>(E->IgnoreParenImpCasts());
  if (!Addr || Addr->getOpcode() != clang::UO_AddrOf)
    return nullptr;
  const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(Addr->getSubExpr()->IgnoreParenImpCasts());
  return Ref ? llvm::dyn_cast<clang::VarDecl>(Ref->getDecl()) : nullptr;
}

} // namespace mmapmigrate

#endif
