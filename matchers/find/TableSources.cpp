//===- TableSources.cpp - Where a use of ->mmap gets its table ------------===//
#include "matchers/find/TableSources.h"
#include "matchers/classify/FopsMmapTest.h"
#include "matchers/core/TableFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace mmapmigrate {

const RecordDecl *recordOf(QualType T) {
  if (const auto *RT = T.getCanonicalType()->getAs<RecordType>())
    return RT->getDecl();
  return nullptr;
}

bool isFileOperations(const RecordDecl *RD) { return RD && RD->getName() == "file_operations"; }

bool isFopsPointer(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  return PT && isFileOperations(recordOf(PT->getPointeeType()));
}

std::optional<std::string> fieldName(const FieldDecl *FD) {
  const RecordDecl *RD = FD ? FD->getParent() : nullptr;
  if (!RD || !RD->getIdentifier() || !FD->getIdentifier())
    return std::nullopt;
  return (RD->isUnion() ? "union " : "struct ") + RD->getName().str() + "::" +
         FD->getName().str();
}

std::optional<std::string> fopsFieldPlace(const FieldDecl *FD) {
  if (!FD || (!isFopsPointer(FD->getType()) && !isFileOperations(recordOf(FD->getType()))))
    return std::nullopt;
  return fieldName(FD);
}

namespace {

TableValue place(std::optional<std::string> P) {
  TableValue V;
  if (P)
    V.Place = *P;
  return V;
}

} // namespace

TableValue pointerValue(ASTContext &Ctx, const Expr *E) {
  if (!E)
    return {};
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
    TableValue V;
    V.Null = true;
    return V;
  }
  // `(struct file_operations *)&afu_fops` drops a const, not the table.
  E = E->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    return objectValue(Ctx, U->getSubExpr());
  if (const auto *M = dyn_cast<MemberExpr>(E))
    if (const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl()); FD && isFopsPointer(FD->getType()))
      return place(fopsFieldPlace(FD));
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    if (const auto *PV = dyn_cast<ParmVarDecl>(DR->getDecl()))
      if (const auto *F = dyn_cast<FunctionDecl>(PV->getDeclContext());
          F && F->getIdentifier() && isFopsPointer(PV->getType()))
        return place(callPlace(F->getName(), PV->getFunctionScopeIndex() + 1));
  return {};
}

TableValue objectValue(ASTContext &Ctx, const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
        VD && VD->hasGlobalStorage() && isFileOperations(recordOf(VD->getType()))) {
      TableValue V;
      V.Table = VD->getName().str();
      return V;
    }
  if (const auto *M = dyn_cast<MemberExpr>(E))
    if (const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl());
        FD && isFileOperations(recordOf(FD->getType())))
      return place(fopsFieldPlace(FD));
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
    return pointerValue(Ctx, U->getSubExpr());
  return {};
}

void setTableSource(ASTContext &Ctx, const MemberExpr *M, MmapMemberUse &U) {
  U.From = TableSource::Unknown;
  U.FromName.clear();
  if (readsFileOp(M)) {
    U.From = TableSource::FileOp;
    return;
  }
  TableValue V = M->isArrow() ? pointerValue(Ctx, M->getBase()) : objectValue(Ctx, M->getBase());
  if (!V.Table.empty()) {
    U.From = TableSource::Named;
    U.FromName = V.Table;
  } else if (!V.Place.empty()) {
    U.From = isCallPlace(V.Place) ? TableSource::Param : TableSource::Field;
    U.FromName = V.Place;
  }
}

std::vector<unsigned> fopsParams(const FunctionProtoType *FT) {
  std::vector<unsigned> Out;
  if (FT)
    for (unsigned I = 0; I < FT->getNumParams(); ++I)
      if (isFopsPointer(FT->getParamType(I)))
        Out.push_back(I + 1);
  return Out;
}

} // namespace mmapmigrate
