//===- FopsMmapTest.cpp - Tests of a file's ->mmap slot ---------------------===//
#include "matchers/classify/FopsMmapTest.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace mmapmigrate {

bool isFopsMmapSlot(const MemberExpr *M) {
  const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
  return F && F->getName() == "mmap" && F->getParent()->getName() == "file_operations";
}

const Expr *mmapHookTestedFile(ASTContext &Ctx, const MemberExpr *M) {
  if (!isFopsMmapSlot(M) || !M->isArrow())
    return nullptr;
  const auto *Fop = dyn_cast<MemberExpr>(M->getBase()->IgnoreParenImpCasts());
  const auto *FopField = Fop ? dyn_cast<FieldDecl>(Fop->getMemberDecl()) : nullptr;
  if (!FopField || FopField->getName() != "f_op" || !Fop->isArrow() ||
      FopField->getParent()->getName() != "file")
    return nullptr;
  const Stmt *Child = M;
  for (;;) {
    auto Parents = Ctx.getParents(*Child);
    const Stmt *P = Parents.size() == 1 ? Parents[0].get<Stmt>() : nullptr;
    if (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P))) {
      Child = P;
      continue;
    }
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(P); U && U->getOpcode() == UO_LNot)
      return Fop->getBase();
    if (const auto *B = dyn_cast_or_null<BinaryOperator>(P); B && B->isLogicalOp())
      return Fop->getBase();
    if (const auto *If = dyn_cast_or_null<IfStmt>(P); If && If->getCond() == Child)
      return Fop->getBase();
    if (const auto *C = dyn_cast_or_null<ConditionalOperator>(P); C && C->getCond() == Child)
      return Fop->getBase();
    return nullptr;
  }
}

} // namespace mmapmigrate
