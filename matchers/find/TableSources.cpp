//===- TableSources.cpp - Where a use of ->mmap gets its table ------------===//
#include "matchers/find/TableSources.h"
#include "matchers/classify/FopsMmapTest.h"
#include "matchers/classify/HandlerAnalyzer.h" // toSourcePos

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

namespace {

/// "struct drm_driver::fops" for a named struct's field holding a
/// `struct file_operations *`; none otherwise.
std::optional<std::string> fopsPointerField(const FieldDecl *FD) {
  const auto *PT = FD->getType().getCanonicalType()->getAs<PointerType>();
  const RecordDecl *RD = FD->getParent();
  if (!PT || !isFileOperations(recordOf(PT->getPointeeType())) || !RD->getIdentifier())
    return std::nullopt;
  return (RD->isUnion() ? "union " : "struct ") + RD->getName().str() + "::" +
         FD->getName().str();
}

} // namespace

void setTableSource(const MemberExpr *M, MmapMemberUse &U) {
  const Expr *Base = M->getBase()->IgnoreParenImpCasts();
  U.From = TableSource::Unknown;
  U.FromName.clear();
  if (readsFileOp(M)) {
    U.From = TableSource::FileOp;
    return;
  }
  if (const auto *BM = dyn_cast<MemberExpr>(Base)) {
    const auto *FD = dyn_cast<FieldDecl>(BM->getMemberDecl());
    if (auto Field = FD ? fopsPointerField(FD) : std::nullopt) {
      U.From = TableSource::Field;
      U.FromName = *Field;
    }
    return;
  }
  // `foo_fops.mmap`: the table itself.
  if (const auto *DR = dyn_cast<DeclRefExpr>(Base); DR && !M->isArrow())
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()); VD && VD->hasGlobalStorage()) {
      U.From = TableSource::Named;
      U.FromName = VD->getName().str();
    }
}

std::optional<FopsFieldStore> fieldStore(ASTContext &Ctx, const FieldDecl *FD, const Expr *Value) {
  std::optional<std::string> Field = FD ? fopsPointerField(FD) : std::nullopt;
  if (!Field || !Value || isa<ImplicitValueInitExpr>(Value))
    return std::nullopt;
  if (Value->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return std::nullopt;
  FopsFieldStore S;
  S.Field = *Field;
  S.Pos = toSourcePos(Ctx, Value->getBeginLoc());
  const auto *Addr = dyn_cast<UnaryOperator>(Value->IgnoreParenImpCasts());
  const auto *DR = Addr && Addr->getOpcode() == UO_AddrOf
                       ? dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParenImpCasts())
                       : nullptr;
  if (const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
      VD && VD->hasGlobalStorage() && isFileOperations(recordOf(VD->getType())))
    S.Table = VD->getName().str();
  return S;
}

void initialiserStores(ASTContext &Ctx, const InitListExpr *ILE, std::vector<FopsFieldStore> &Out) {
  const RecordDecl *RD = recordOf(ILE->getType());
  if (!RD)
    return;
  if (RD->isUnion()) {
    if (const FieldDecl *FD = ILE->getInitializedFieldInUnion(); FD && ILE->getNumInits() == 1)
      if (auto S = fieldStore(Ctx, FD, ILE->getInit(0)))
        Out.push_back(std::move(*S));
    return;
  }
  // The semantic form has one init per field, but none for an unnamed
  // bit-field.
  unsigned I = 0;
  for (const FieldDecl *FD : RD->fields()) {
    if (FD->isUnnamedBitField())
      continue;
    if (I >= ILE->getNumInits())
      break;
    if (auto S = fieldStore(Ctx, FD, ILE->getInit(I++)))
      Out.push_back(std::move(*S));
  }
}

} // namespace mmapmigrate
