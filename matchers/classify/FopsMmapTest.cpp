//===- FopsMmapTest.cpp - Tests of a file's ->mmap slot ---------------------===//
#include "matchers/classify/FopsMmapTest.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
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

namespace {

/// \p E is a variadic argument of a printf-format function, maybe as an
/// arm of `?:`: the pointer is only printed (%ps), never called.
bool onlyPrinted(ASTContext &Ctx, const Expr *E) {
  const Stmt *Child = E;
  for (;;) {
    auto Parents = Ctx.getParents(*Child);
    const Stmt *P = Parents.size() == 1 ? Parents[0].get<Stmt>() : nullptr;
    if (!P)
      return false;
    if (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || isa<CStyleCastExpr>(P)) {
      Child = P;
      continue;
    }
    if (const auto *C = dyn_cast<ConditionalOperator>(P); C && C->getCond() != Child) {
      Child = P;
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(P);
    const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
    if (!FD || !FD->isVariadic())
      return false;
    unsigned Index = 0;
    while (Index < Call->getNumArgs() && Call->getArg(Index) != Child)
      ++Index;
    if (Index == Call->getNumArgs() || Index < FD->getNumParams())
      return false;
    for (const auto *F : FD->specific_attrs<FormatAttr>())
      if (F->getType() && F->getType()->getName() == "printf")
        return true;
    return false;
  }
}

} // namespace

MmapUseKind classifyMmapUse(ASTContext &Ctx, const MemberExpr *M, bool Called) {
  if (Called)
    return MmapUseKind::Call;
  if (mmapHookTestedFile(Ctx, M))
    return MmapUseKind::Test;
  if (onlyPrinted(Ctx, M))
    return MmapUseKind::Printed;
  return MmapUseKind::Other;
}

bool isLegacyMmapCall(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  return FD && FD->getIdentifier() && FD->getName() == "call_mmap" && CE->getNumArgs() == 2;
}

} // namespace mmapmigrate
