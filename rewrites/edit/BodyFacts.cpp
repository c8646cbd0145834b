//===- BodyFacts.cpp - What moving code out of a handler needs ------------===//
#include "rewrites/edit/BodyFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>

using namespace clang;

namespace mmapmigrate {

/// Every reference to \p VD in \p Body.
std::vector<const DeclRefExpr *> referencesTo(const Stmt *Body, const VarDecl *VD) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *VD;
    std::vector<const DeclRefExpr *> Refs;
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      if (D->getDecl() == VD)
        Refs.push_back(D);
      return true;
    }
  } F;
  F.VD = VD;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Refs;
}

/// True when some reference assigns, increments or takes the address of VD.
bool isWritten(ASTContext &Ctx, const std::vector<const DeclRefExpr *> &Refs) {
  for (const DeclRefExpr *D : Refs) {
    const Stmt *Child = D;
    for (;;) {
      auto Parents = Ctx.getParents(*Child);
      const Stmt *P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
      if (P && (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P))) {
        if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P))
          if (Cast->getCastKind() == CK_LValueToRValue)
            break; // Read.
        Child = P;
        continue;
      }
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
        if (BO->isAssignmentOp() && BO->getLHS() == Child)
          return true;
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(P))
        if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
          return true;
      break;
    }
  }
  return false;
}

/// The top-level `T x = init;` statement declaring only \p VD, if any.
const DeclStmt *ownDeclStmt(const CompoundStmt *Body, const VarDecl *VD) {
  for (const Stmt *S : Body->body())
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      if (DS->isSingleDecl() && DS->getSingleDecl() == VD)
        return DS;
  return nullptr;
}

/// Local variables \p E reads (not parameters, not globals).
void localsIn(const Stmt *E, std::vector<const VarDecl *> &Out) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::vector<const VarDecl *> *Out;
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      const auto *VD = dyn_cast<VarDecl>(D->getDecl());
      if (VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
          std::find(Out->begin(), Out->end(), VD) == Out->end())
        Out->push_back(VD);
      return true;
    }
  } F;
  F.Out = &Out;
  F.TraverseStmt(const_cast<Stmt *>(E));
}

bool hasComment(llvm::StringRef Text) { return Text.contains("/*") || Text.contains("//"); }

/// Plans the deletion of the line(s) of \p DS; false if it shares a line.
/// A blank line left doubled by the deletion goes too.
bool deleteStmtLines(EditBuilder &B, const Stmt *DS) {
  SourceLocation Begin = B.SM.getExpansionLoc(DS->getBeginLoc());
  SourceLocation End = B.SM.getExpansionLoc(DS->getEndLoc());
  auto [FID, From] = B.SM.getDecomposedLoc(Begin);
  unsigned To = B.SM.getFileOffset(End) + Lexer::MeasureTokenLength(End, B.SM, B.Ctx.getLangOpts());
  if (isa<Expr>(DS)) { // An expression statement ends at its ';'.
    llvm::StringRef Buf = B.SM.getBufferData(B.SM.getFileID(End));
    To = Buf.find_first_not_of(" \t", To);
    if (To >= Buf.size() || Buf[To] != ';')
      return false;
    ++To;
  }
  llvm::StringRef Buf = B.SM.getBufferData(FID);
  size_t LineStart = Buf.rfind('\n', From);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Buf.find('\n', To);
  if (LineEnd == llvm::StringRef::npos || !Buf.slice(LineStart, From).trim().empty() ||
      !Buf.slice(To, LineEnd).trim().empty() || hasComment(Buf.slice(From, To)))
    return false;
  if (!B.takeRewritten(DS->getSourceRange()))
    return false;
  // Between two blank lines (or a blank line and the closing brace), the
  // blank line after goes as well.
  llvm::StringRef Prev =
      LineStart >= 2 ? Buf.slice(Buf.rfind('\n', LineStart - 1) + 1, LineStart - 1).trim() : "";
  bool BlankBefore = LineStart >= 2 && (Prev.empty() || Prev.ends_with("{"));
  size_t NextEnd = Buf.find('\n', LineEnd + 1);
  llvm::StringRef Next = Buf.slice(LineEnd + 1, NextEnd == llvm::StringRef::npos ? Buf.size() : NextEnd);
  if (BlankBefore && NextEnd != llvm::StringRef::npos && Next.trim().empty())
    LineEnd = NextEnd;
  return B.replace(CharSourceRange::getCharRange(B.SM.getComposedLoc(FID, LineStart),
                                                 B.SM.getComposedLoc(FID, LineEnd + 1)),
                   "", "a moved or unused statement");
}

/// Locals that only \p Dropped (arguments that disappear) read: once the
/// arguments go, each would be left unused.
std::vector<const VarDecl *> orphanedLocals(const CompoundStmt *Body,
                                            const std::vector<const Stmt *> &Dropped) {
  std::vector<const VarDecl *> Read, Orphans;
  for (const Stmt *E : Dropped)
    localsIn(E, Read);
  for (const VarDecl *VD : Read) {
    size_t InDropped = 0;
    for (const Stmt *E : Dropped)
      InDropped += referencesTo(E, VD).size();
    if (referencesTo(Body, VD).size() == InDropped)
      Orphans.push_back(VD);
  }
  return Orphans;
}

/// Deletes the declarations of \p Orphans; false (nothing planned for the
/// rest) if one cannot go cleanly: it shares a line, or its initialiser
/// has side effects.
bool canDropDecl(ASTContext &Ctx, const CompoundStmt *Body, const VarDecl *VD) {
  return ownDeclStmt(Body, VD) && !(VD->getInit() && VD->getInit()->HasSideEffects(Ctx));
}

bool deleteOrphans(EditBuilder &B, const CompoundStmt *Body,
                   const std::vector<const VarDecl *> &Orphans, std::string &Which) {
  for (const VarDecl *VD : Orphans) {
    if (!canDropDecl(B.Ctx, Body, VD)) {
      Which = VD->getName().str();
      return false;
    }
  }
  for (const VarDecl *VD : Orphans)
    if (!deleteStmtLines(B, ownDeclStmt(Body, VD))) {
      Which = VD->getName().str();
      return false;
    }
  return true;
}

bool declsToRepeat(ASTContext &Ctx, const CompoundStmt *Body, const std::vector<const Stmt *> &Uses,
                   std::vector<const DeclStmt *> &Out, const VarDecl *&Bad) {
  std::vector<const VarDecl *> Locals;
  for (const Stmt *U : Uses)
    localsIn(U, Locals);
  for (size_t I = 0; I < Locals.size(); ++I) {
    const VarDecl *VD = Locals[I];
    const DeclStmt *DS = ownDeclStmt(Body, VD);
    if (!DS || !VD->getInit() || VD->getInit()->HasSideEffects(Ctx) ||
        isWritten(Ctx, referencesTo(Body, VD))) {
      Bad = VD;
      return false;
    }
    Out.push_back(DS);
    localsIn(VD->getInit(), Locals);
  }
  const SourceManager &SM = Ctx.getSourceManager();
  std::sort(Out.begin(), Out.end(), [&](const DeclStmt *A, const DeclStmt *D) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), D->getBeginLoc());
  });
  return true;
}

} // namespace mmapmigrate
