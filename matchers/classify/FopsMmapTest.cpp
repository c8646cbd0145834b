//===- FopsMmapTest.cpp - Tests of a file's ->mmap slot ---------------------===//
#include "matchers/classify/FopsMmapTest.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"

#include <vector>

using namespace clang;

namespace mmapmigrate {

bool isFopsMmapSlot(const MemberExpr *M) {
  const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
  return F && F->getName() == "mmap" && F->getParent()->getName() == "file_operations";
}

const Stmt *parentThroughParens(ASTContext &Ctx, const Expr *E, const Expr **Wrapped) {
  const Expr *Child = E;
  for (;;) {
    auto Parents = Ctx.getParents(*Child);
    const Stmt *P = Parents.size() == 1 ? Parents[0].get<Stmt>() : nullptr;
    if (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P))) {
      Child = cast<Expr>(P);
      continue;
    }
    if (Wrapped)
      *Wrapped = Child;
    return P;
  }
}

std::optional<MmapSlotTest> mmapSlotTest(ASTContext &Ctx, const MemberExpr *M) {
  if (!isFopsMmapSlot(M))
    return std::nullopt;
  const Expr *Child = nullptr;
  const Stmt *P = parentThroughParens(Ctx, M, &Child);
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(P); U && U->getOpcode() == UO_LNot) {
    const Expr *Outer = nullptr;
    return MmapSlotTest{U, true, parentThroughParens(Ctx, U, &Outer)};
  }
  bool Tested = false;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(P); B && B->isLogicalOp())
    Tested = true;
  if (const auto *If = dyn_cast_or_null<IfStmt>(P); If && If->getCond() == Child)
    Tested = true;
  if (const auto *C = dyn_cast_or_null<ConditionalOperator>(P); C && C->getCond() == Child)
    Tested = true;
  if (!Tested)
    return std::nullopt;
  return MmapSlotTest{M, false, P};
}

namespace {

/// The operands of the chain of \p Op that \p B heads, through parentheses.
void chainOperands(const Expr *E, BinaryOperatorKind Op, std::vector<const Expr *> &Out) {
  const auto *B = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
  if (!B || B->getOpcode() != Op) {
    Out.push_back(E->IgnoreParenImpCasts());
    return;
  }
  chainOperands(B->getLHS(), Op, Out);
  chainOperands(B->getRHS(), Op, Out);
}

} // namespace

bool asksBothHooks(ASTContext &Ctx, const MemberExpr *M, const MmapSlotTest &T) {
  BinaryOperatorKind Op = T.Negated ? BO_LAnd : BO_LOr;
  const Expr *Top = nullptr;
  for (const Expr *At = T.Tested;;) {
    const auto *B = dyn_cast_or_null<BinaryOperator>(parentThroughParens(Ctx, At));
    if (!B || B->getOpcode() != Op)
      break;
    Top = At = B;
  }
  if (!Top)
    return false;
  std::vector<const Expr *> Operands;
  chainOperands(Top, Op, Operands);
  return llvm::any_of(Operands, [&](const Expr *E) {
    if (T.Negated) {
      const auto *U = dyn_cast<UnaryOperator>(E);
      if (!U || U->getOpcode() != UO_LNot)
        return false;
      E = U->getSubExpr()->IgnoreParenImpCasts();
    }
    const auto *Other = dyn_cast<MemberExpr>(E);
    const auto *F = Other ? dyn_cast<FieldDecl>(Other->getMemberDecl()) : nullptr;
    return F && F->getName() == "mmap_prepare" && F->getParent() == cast<FieldDecl>(M->getMemberDecl())->getParent() &&
           Expr::isSameComparisonOperand(Other->getBase(), M->getBase());
  });
}

namespace {

const MemberExpr *findPrepareRead(const Stmt *S) {
  if (!S)
    return nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (F && F->getName() == "mmap_prepare" && F->getParent()->getName() == "file_operations")
      return ME;
  }
  for (const Stmt *Child : S->children())
    if (const MemberExpr *Found = findPrepareRead(Child))
      return Found;
  return nullptr;
}

} // namespace

bool readsFileOp(const MemberExpr *M) {
  const auto *Fop = dyn_cast<MemberExpr>(M->getBase()->IgnoreParenImpCasts());
  const auto *F = Fop ? dyn_cast<FieldDecl>(Fop->getMemberDecl()) : nullptr;
  return F && F->getName() == "f_op" && F->getParent()->getName() == "file";
}

const MemberExpr *otherHookReadAround(ASTContext &Ctx, const MemberExpr *M) {
  DynTypedNode Node = DynTypedNode::create(*M);
  for (;;) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *FD = Node.get<FunctionDecl>())
      return findPrepareRead(FD->getBody());
    if (const auto *VD = Node.get<VarDecl>(); VD && !VD->isLocalVarDeclOrParm())
      return findPrepareRead(VD->getInit());
  }
}

const Expr *mmapHookTestedFile(ASTContext &Ctx, const MemberExpr *M) {
  if (!M->isArrow() || !readsFileOp(M) || !mmapSlotTest(Ctx, M))
    return nullptr;
  // can_mmap_file(F) takes the pointer `F` of `F->f_op`.
  const auto *Fop = cast<MemberExpr>(M->getBase()->IgnoreParenImpCasts());
  return Fop->isArrow() ? Fop->getBase() : nullptr;
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
  if (mmapSlotTest(Ctx, M))
    return readsFileOp(M) ? MmapUseKind::Test : MmapUseKind::TableTest;
  if (onlyPrinted(Ctx, M))
    return MmapUseKind::Printed;
  return MmapUseKind::Other;
}

bool isLegacyMmapCall(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  return FD && FD->getIdentifier() && FD->getName() == "call_mmap" && CE->getNumArgs() == 2;
}

} // namespace mmapmigrate
