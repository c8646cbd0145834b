//===- StateLifetime.cpp - Mapping-lifetime and sticky state ---------------===//
#include "matchers/classify/StateLifetime.h"
#include "matchers/classify/EffectData.h"
#include "matchers/classify/HandlerAnalyzer.h"
#include "matchers/classify/VmaAccess.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

#include <set>

using namespace clang;

namespace mmapmigrate {
namespace {

std::optional<llvm::APSInt> constantOf(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult R;
  if (E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  return R.Val.getInt();
}

std::string asNumber(const llvm::APSInt &V) { return llvm::toString(V, 10); }

bool inMainFile(const Decl *D, const SourceManager &SM) {
  return SM.isInMainFile(SM.getExpansionLoc(D->getLocation()));
}

/// Changes of state in a function and the main-file functions it calls
/// (a close() that calls a put helper).
struct ChangeCollector : RecursiveASTVisitor<ChangeCollector> {
  ASTContext &Ctx;
  std::vector<StateChange> Found;
  std::set<const FunctionDecl *> Seen;
  unsigned Depth = 0;
  explicit ChangeCollector(ASTContext &Ctx) : Ctx(Ctx) {}

  void collect(const FunctionDecl *F) {
    const FunctionDecl *Def = nullptr;
    if (!F || !F->hasBody(Def) || !Def->getBody() || !Seen.insert(Def).second ||
        !inMainFile(Def, Ctx.getSourceManager()) || Depth > 3)
      return;
    ++Depth;
    TraverseStmt(Def->getBody());
    --Depth;
  }
  void add(const Stmt *S) {
    if (auto C = stateChangeOf(S, Ctx))
      Found.push_back(*C);
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    add(U);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    add(B);
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    add(C);
    collect(C->getDirectCallee());
    return true;
  }
};

bool undoes(const StateChange &Undo, const StateChange &Do) {
  if (Undo.Key != Do.Key || Undo.Bit != Do.Bit)
    return false;
  switch (Do.Dir) {
  case StateDir::Up: return Undo.Dir == StateDir::Down;
  case StateDir::Down: return Undo.Dir == StateDir::Up;
  case StateDir::Set: return Undo.Dir == StateDir::Clear;
  case StateDir::Clear: return Undo.Dir == StateDir::Set;
  }
  return false;
}

/// The close() callbacks of the vm_operations tables \p Def installs.
std::vector<const FunctionDecl *> installedCloses(const FunctionDecl *Def,
                                                  const ParmVarDecl *Vma) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ParmVarDecl *Vma;
    std::vector<const FunctionDecl *> Out;
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (!BO->isAssignmentOp() || fieldOf(BO->getLHS(), Vma) != "vm_ops")
        return true;
      const VarDecl *VD = addressedVariable(BO->getRHS());
      const auto *Init = VD && VD->getInit() ? dyn_cast<InitListExpr>(VD->getInit()) : nullptr;
      if (!Init)
        return true;
      if (const InitListExpr *Semantic = Init->getSemanticForm())
        Init = Semantic; // One init per field, in field order.
      const RecordDecl *R = VD->getType()->getAsRecordDecl();
      if (!R)
        return true;
      unsigned I = 0;
      for (const FieldDecl *F : R->fields()) {
        if (I >= Init->getNumInits())
          break;
        const Expr *E = Init->getInit(I++);
        if (F->getName() != "close" || !E)
          continue;
        if (const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
          if (const auto *FD = dyn_cast<FunctionDecl>(D->getDecl()))
            Out.push_back(FD);
      }
      return true;
    }
  } F;
  F.Vma = Vma;
  F.TraverseStmt(Def->getBody());
  return F.Out;
}

/// The top-level statement of \p Body that holds \p S.
const Stmt *holderOf(const CompoundStmt *Body, const Stmt *S, const SourceManager &SM) {
  SourceLocation L = SM.getExpansionLoc(S->getBeginLoc());
  for (const Stmt *Top : Body->body()) {
    SourceRange R(SM.getExpansionLoc(Top->getBeginLoc()), SM.getExpansionLoc(Top->getEndLoc()));
    if (!SM.isBeforeInTranslationUnit(L, R.getBegin()) &&
        !SM.isBeforeInTranslationUnit(R.getEnd(), L))
      return Top;
  }
  return nullptr;
}

/// A `return -ERR;` (a negative constant) inside \p S.
const ReturnStmt *failureReturn(const Stmt *S, ASTContext &Ctx) {
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &Ctx;
    const ReturnStmt *Found = nullptr;
    explicit Finder(ASTContext &Ctx) : Ctx(Ctx) {}
    bool VisitReturnStmt(ReturnStmt *R) {
      auto V = R->getRetValue() ? constantOf(R->getRetValue(), Ctx) : std::nullopt;
      if (V && V->isNegative())
        Found = R;
      return !Found;
    }
  } F(Ctx);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

/// Only this file can name the state: a field of a struct it defines, or a
/// static variable of its own.
bool privateToFile(const ValueDecl *Key, const SourceManager &SM) {
  if (const auto *F = dyn_cast<FieldDecl>(Key))
    return inMainFile(F->getParent(), SM);
  const auto *V = dyn_cast<VarDecl>(Key);
  return V && !V->isExternallyVisible() && inMainFile(V, SM);
}

/// Every change any function of the main file makes.
std::vector<StateChange> changesInFile(ASTContext &Ctx) {
  ChangeCollector C(Ctx);
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *F = dyn_cast<FunctionDecl>(D))
      if (F->doesThisDeclarationHaveABody() && inMainFile(F, Ctx.getSourceManager())) {
        C.Seen.clear(); // Each function on its own: a shared helper counts for all.
        C.collect(F);
      }
  return C.Found;
}

unsigned lineOf(const Stmt *S, const SourceManager &SM) {
  return SM.getExpansionLineNumber(S->getBeginLoc());
}

std::string describe(const Stmt *S, ASTContext &Ctx) {
  if (const auto *C = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = C->getDirectCallee())
      return F->getName().str() + "()";
  std::string Text = writtenText(Ctx, S);
  return Text.size() < 60 ? Text : Text.substr(0, 57) + "...";
}

} // namespace

const ValueDecl *stateKeyOf(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && V->hasGlobalStorage())
      return V;
  return nullptr;
}

std::optional<StateChange> stateChangeOf(const Stmt *S, ASTContext &Ctx) {
  StateChange C;
  C.At = S;
  if (const auto *U = dyn_cast<UnaryOperator>(S)) {
    if (!U->isIncrementDecrementOp())
      return std::nullopt;
    C.Key = stateKeyOf(U->getSubExpr());
    C.Dir = U->isIncrementOp() ? StateDir::Up : StateDir::Down;
  } else if (const auto *B = dyn_cast<BinaryOperator>(S)) {
    C.Key = B->isAssignmentOp() ? stateKeyOf(B->getLHS()) : nullptr;
    auto V = C.Key ? constantOf(B->getRHS(), Ctx) : std::nullopt;
    switch (B->getOpcode()) {
    case BO_Assign:
      C.Dir = V && V->isZero() ? StateDir::Clear : StateDir::Set;
      C.Constant = V.has_value();
      break;
    case BO_AddAssign: C.Dir = StateDir::Up; break;
    case BO_SubAssign: C.Dir = StateDir::Down; break;
    case BO_OrAssign:
    case BO_AndAssign:
      if (!V)
        return std::nullopt;
      C.Dir = B->getOpcode() == BO_OrAssign ? StateDir::Set : StateDir::Clear;
      C.Bit = asNumber(B->getOpcode() == BO_OrAssign ? *V : llvm::APSInt(~*V));
      C.Constant = true;
      break;
    default:
      return std::nullopt;
    }
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *F = Call->getDirectCallee();
    const KnownEffect *K = F ? lookupKnownEffect(F->getName()) : nullptr;
    if (!K || K->StateChange == KnownEffect::Change::None ||
        Call->getNumArgs() <= K->LockArg)
      return std::nullopt;
    C.Key = stateKeyOf(Call->getArg(K->LockArg));
    switch (K->StateChange) {
    case KnownEffect::Change::Up: C.Dir = StateDir::Up; break;
    case KnownEffect::Change::Down: C.Dir = StateDir::Down; break;
    case KnownEffect::Change::Set: C.Dir = StateDir::Set; break;
    case KnownEffect::Change::Clear: C.Dir = StateDir::Clear; break;
    case KnownEffect::Change::Assign: {
      if ((int)Call->getNumArgs() <= K->ValueArg)
        return std::nullopt;
      auto V = constantOf(Call->getArg(K->ValueArg), Ctx);
      C.Dir = V && V->isZero() ? StateDir::Clear : StateDir::Set;
      C.Constant = V.has_value();
      break;
    }
    case KnownEffect::Change::None: break;
    }
    if (K->BitArg >= 0) {
      auto V = (int)Call->getNumArgs() > K->BitArg ? constantOf(Call->getArg(K->BitArg), Ctx)
                                                   : std::nullopt;
      if (!V)
        return std::nullopt; // A bit the analysis cannot name pairs with nothing.
      C.Bit = "bit " + asNumber(*V);
      C.Constant = true;
    }
  } else {
    return std::nullopt;
  }
  if (!C.Key)
    return std::nullopt;
  return C;
}

void placeStateChanges(ASTContext &Ctx, const FunctionDecl *Def, const ParmVarDecl *Vma,
                       const std::vector<StateChangeSite> &Sites, std::vector<Finding> &Findings,
                       std::vector<EffectClaim> &Claims) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (Sites.empty() || !Body)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<std::vector<std::pair<StateChange, std::string>>> InClose;
  std::optional<std::vector<StateChange>> InFile, InHandler;
  std::set<size_t> Sticky;

  for (const StateChangeSite &Site : Sites) {
    auto Change = stateChangeOf(Site.S, Ctx);
    if (!Change)
      continue;
    Finding &F = Findings[Site.FindingIndex];
    std::string What = describe(Site.S, Ctx);

    // Undone by the mapping's close(), or by the handler itself later on.
    if (!InClose) {
      InClose.emplace();
      for (const FunctionDecl *Close : installedCloses(Def, Vma)) {
        ChangeCollector C(Ctx);
        C.collect(Close);
        for (const StateChange &U : C.Found)
          InClose->push_back({U, Close->getName().str()});
      }
    }
    std::string Undo;
    for (const auto &[U, Close] : *InClose)
      if (Undo.empty() && undoes(U, *Change))
        Undo = "undone in " + Close + "() (line " + std::to_string(lineOf(U.At, SM)) + ")";
    if (Undo.empty() && !InHandler) {
      ChangeCollector C(Ctx);
      C.TraverseStmt(const_cast<CompoundStmt *>(Body));
      InHandler = std::move(C.Found);
    }
    if (Undo.empty()) {
      for (const StateChange &U : *InHandler)
        if (Undo.empty() && undoes(U, *Change) &&
            SM.isBeforeInTranslationUnit(Site.S->getBeginLoc(), U.At->getBeginLoc()))
          Undo = "undone by the handler itself (line " + std::to_string(lineOf(U.At, SM)) + ")";
    }
    if (!Undo.empty()) {
      F.K = Kind::NeedsMapped;
      F.Rule = "mapping-lifetime";
      F.Message = What + ", " + Undo +
                  ": state that lasts as long as the mapping, which belongs in "
                  "vm_ops->mapped";
      continue;
    }

    // Sticky: a constant flag only this file can name, never cleared, set
    // by a statement of its own, with a failure return after it.
    if (Change->Dir != StateDir::Set || !Change->Constant ||
        !privateToFile(Change->Key, SM))
      continue;
    const Stmt *Holder = holderOf(Body, Site.S, SM);
    const auto *HolderExpr = dyn_cast_or_null<Expr>(Holder);
    if (!HolderExpr || HolderExpr->IgnoreParenImpCasts() != Site.S)
      continue;
    if (!InFile)
      InFile = changesInFile(Ctx);
    bool Other = false;
    for (const StateChange &O : *InFile)
      Other |= O.Key == Change->Key &&
               !(O.Dir == StateDir::Set && O.Constant && O.Bit == Change->Bit);
    if (Other)
      continue;
    const ReturnStmt *Fails = nullptr;
    bool After = false;
    for (const Stmt *Top : Body->body()) {
      if (After && !Fails)
        Fails = failureReturn(Top, Ctx);
      After |= Top == Holder;
    }
    if (!Fails)
      continue;
    EffectClaim C;
    C.Rule = "sticky-state";
    C.Text = "sets " + What + ", and nothing clears it: the handler already fails with it " +
             "set (line " + std::to_string(lineOf(Fails, SM)) +
             "), so a mapping that fails after prepare leaves nothing new";
    C.Pos = F.Pos;
    Claims.push_back(std::move(C));
    Sticky.insert(Site.FindingIndex);
  }
  std::vector<Finding> Kept;
  for (size_t I = 0; I < Findings.size(); ++I)
    if (!Sticky.count(I))
      Kept.push_back(std::move(Findings[I]));
  Findings = std::move(Kept);
}

} // namespace mmapmigrate
