//===- TableStores.cpp - Stores of tables into the places uses read -------===//
#include "matchers/find/TableStores.h"
#include "matchers/classify/HandlerAnalyzer.h" // toSourcePos
#include "matchers/core/TableFlow.h"
#include "matchers/find/TableSources.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <set>

using namespace clang;

namespace mmapmigrate {

namespace {

const FunctionProtoType *protoOf(QualType T) {
  T = T.getCanonicalType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  return T->getAs<FunctionProtoType>();
}

/// EXPORT_SYMBOL(f) takes f's address for the linker; f has external
/// linkage, which the mark at its definition already says.
bool inExportMacro(SourceLocation Loc, const SourceManager &SM, const LangOptions &LO) {
  while (Loc.isMacroID()) {
    llvm::StringRef N = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (N == "__ADDRESSABLE" || N.contains("EXPORT_SYMBOL"))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

class StoreCollector : public RecursiveASTVisitor<StoreCollector> {
public:
  StoreCollector(ASTContext &Ctx, std::vector<FopsFieldStore> &Out) : Ctx(Ctx), Out(Out) {}

  // The semantic forms of initialiser lists are implicit code.
  bool shouldVisitImplicitCode() const { return true; }

  // Pre-order: an initialiser, an assignment, a call or a test is visited
  // before the names in it, so those know they are accounted for.
  bool VisitInitListExpr(InitListExpr *ILE) {
    const InitListExpr *Sem = ILE->isSemanticForm() ? ILE : ILE->getSemanticForm();
    if (!Sem || !Lists.insert(Sem).second)
      return true;
    const RecordDecl *RD = recordOf(Sem->getType());
    if (!RD)
      return true;
    if (RD->isUnion()) {
      if (const FieldDecl *FD = Sem->getInitializedFieldInUnion(); FD && Sem->getNumInits() == 1)
        store(FD, Sem->getInit(0));
      return true;
    }
    // One init per field, but none for an unnamed bit-field.
    unsigned I = 0;
    for (const FieldDecl *FD : RD->fields()) {
      if (FD->isUnnamedBitField())
        continue;
      if (I >= Sem->getNumInits())
        break;
      store(FD, Sem->getInit(I++));
    }
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    switch (B->getOpcode()) {
    case BO_Assign:
      if (const auto *M = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenImpCasts())) {
        Harmless.insert(M);
        store(dyn_cast<FieldDecl>(M->getMemberDecl()), B->getRHS());
      }
      break;
    case BO_EQ:
    case BO_NE:
    case BO_LAnd:
    case BO_LOr:
      tested(B->getLHS());
      tested(B->getRHS());
      break;
    default:
      break;
    }
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_LNot)
      tested(U->getSubExpr());
    // `&d->fops` lets anything be written there.
    const auto *M = dyn_cast<MemberExpr>(U->getSubExpr()->IgnoreParenImpCasts());
    const auto *FD = M ? dyn_cast<FieldDecl>(M->getMemberDecl()) : nullptr;
    if (U->getOpcode() == UO_AddrOf && FD && isFopsPointer(FD->getType()))
      if (auto Place = fopsFieldPlace(FD))
        push(*Place, {}, U->getBeginLoc());
    return true;
  }

  bool VisitIfStmt(IfStmt *S) { return tested(S->getCond()); }
  bool VisitWhileStmt(WhileStmt *S) { return tested(S->getCond()); }
  bool VisitDoStmt(DoStmt *S) { return tested(S->getCond()); }
  bool VisitForStmt(ForStmt *S) { return tested(S->getCond()); }
  bool VisitConditionalOperator(ConditionalOperator *C) { return tested(C->getCond()); }

  bool VisitCallExpr(CallExpr *CE) {
    const Expr *Callee = CE->getCallee() ? CE->getCallee()->IgnoreParenImpCasts() : nullptr;
    // debugfs_create_file() picks its function with _Generic: the others
    // are never called.
    if (const auto *G = dyn_cast_or_null<GenericSelectionExpr>(Callee)) {
      for (const Expr *A : G->getAssocExprs())
        Harmless.insert(A->IgnoreParenImpCasts());
      Callee = G->getResultExpr() ? G->getResultExpr()->IgnoreParenImpCasts() : nullptr;
    }
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(Callee); U && U->getOpcode() == UO_Deref)
      Callee = U->getSubExpr()->IgnoreParenImpCasts();
    std::string Name;
    const FunctionProtoType *FT = nullptr;
    if (const auto *DR = dyn_cast_or_null<DeclRefExpr>(Callee)) {
      if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl()); F && F->getIdentifier()) {
        Name = F->getName().str();
        FT = protoOf(F->getType());
      }
    } else if (const auto *M = dyn_cast_or_null<MemberExpr>(Callee)) {
      const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl());
      if (auto N = fieldName(FD)) {
        Name = *N;
        FT = protoOf(FD->getType());
      }
    }
    if (Name.empty())
      return true;
    Harmless.insert(Callee);
    for (unsigned I : fopsParams(FT))
      if (I <= CE->getNumArgs()) {
        TableValue V = pointerValue(Ctx, CE->getArg(I - 1));
        if (!V.Null)
          push(callPlace(Name, I), V, CE->getArg(I - 1)->getBeginLoc());
      }
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (!F->doesThisDeclarationHaveABody() || !F->getIdentifier())
      return true;
    const SourceManager &SM = Ctx.getSourceManager();
    bool Shared = F->isExternallyVisible() ||
                  !SM.isInMainFile(SM.getExpansionLoc(F->getLocation()));
    if (!Shared)
      return true;
    for (unsigned I : fopsParams(protoOf(F->getType()))) {
      FopsFieldStore S;
      S.Field = callPlace(F->getName(), I);
      S.External = true;
      S.Pos = toSourcePos(Ctx, F->getLocation());
      Out.push_back(std::move(S));
    }
    return true;
  }

  // A function named other than to be called or stored into a member.
  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    const auto *F = dyn_cast<FunctionDecl>(DR->getDecl());
    if (!F || !F->getIdentifier() || Harmless.count(DR))
      return true;
    // Most functions take no table: ask the macro chain only for those.
    std::vector<unsigned> Params = fopsParams(protoOf(F->getType()));
    if (Params.empty() ||
        inExportMacro(DR->getLocation(), Ctx.getSourceManager(), Ctx.getLangOpts()))
      return true;
    for (unsigned I : Params)
      push(callPlace(F->getName(), I), {}, DR->getBeginLoc());
    return true;
  }

  // A member read other than to be called, tested or assigned.
  bool VisitMemberExpr(MemberExpr *M) {
    const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (!FD || Harmless.count(M))
      return true;
    std::vector<unsigned> Params = fopsParams(protoOf(FD->getType()));
    auto Name = Params.empty() ? std::nullopt : fieldName(FD);
    if (Name)
      for (unsigned I : Params)
        push(callPlace(*Name, I), {}, M->getBeginLoc());
    return true;
  }

private:
  bool tested(const Expr *E) {
    if (E)
      Harmless.insert(E->IgnoreParenImpCasts());
    return true;
  }

  void push(std::string Place, const TableValue &V, SourceLocation Loc) {
    FopsFieldStore S;
    S.Field = std::move(Place);
    S.Table = V.Table;
    S.From = V.Place;
    S.Pos = toSourcePos(Ctx, Loc);
    Out.push_back(std::move(S));
  }

  /// \p Value written into \p FD.
  void store(const FieldDecl *FD, const Expr *Value) {
    if (!FD || !Value || isa<ImplicitValueInitExpr>(Value))
      return;
    if (auto Place = fopsFieldPlace(FD)) {
      TableValue V;
      if (isFopsPointer(FD->getType()))
        V = pointerValue(Ctx, Value);
      else if (!isa<InitListExpr>(Value->IgnoreImplicit()))
        V = objectValue(Ctx, Value);
      if (!V.Null)
        push(*Place, V, Value->getBeginLoc());
      return;
    }
    // A function stored into an ops member gets what the calls through
    // that member pass; so do the functions of a member copied there.
    std::vector<unsigned> Params = fopsParams(protoOf(FD->getType()));
    auto Member = Params.empty() ? std::nullopt : fieldName(FD);
    if (!Member)
      return;
    const Expr *E = Value->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
    std::string Source;
    if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl()); F && F->getIdentifier())
        Source = F->getName().str();
    } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (auto N = fieldName(dyn_cast<FieldDecl>(M->getMemberDecl())))
        Source = *N;
    }
    if (Source.empty())
      return;
    Harmless.insert(E);
    for (unsigned I : Params) {
      TableValue From;
      From.Place = callPlace(*Member, I);
      push(callPlace(Source, I), From, Value->getBeginLoc());
    }
  }

  ASTContext &Ctx;
  std::vector<FopsFieldStore> &Out;
  std::set<const InitListExpr *> Lists;
  std::set<const Expr *> Harmless;
};

} // namespace

void collectTableStores(ASTContext &Ctx, std::vector<FopsFieldStore> &Out) {
  StoreCollector C(Ctx, Out);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace mmapmigrate
