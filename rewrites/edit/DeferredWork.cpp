//===- DeferredWork.cpp - Work that must wait for the mapping -------------===//
#include "rewrites/edit/DeferredWork.h"
#include "matchers/classify/StateLifetime.h"
#include "matchers/classify/VmaAccess.h"
#include "rewrites/edit/BodyFacts.h"
#include "rewrites/edit/SlotRewriter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <set>

using namespace clang;

namespace mmapmigrate {

namespace {

/// The first `return X;` with X other than 0, or goto, inside \p S.
const Stmt *failurePoint(const Stmt *S) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const Stmt *Found = nullptr;
    bool VisitReturnStmt(ReturnStmt *R) {
      const auto *Lit = R->getRetValue()
                            ? dyn_cast<IntegerLiteral>(R->getRetValue()->IgnoreParenImpCasts())
                            : nullptr;
      if (!Lit || Lit->getValue() != 0)
        Found = R;
      return !Found;
    }
    bool VisitGotoStmt(GotoStmt *G) {
      Found = G;
      return false;
    }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

/// `vma->vm_ops = &ops;`: the ops table, if the handler sets exactly one.
const VarDecl *installedVmOps(const Stmt *Body, const ParmVarDecl *Vma, std::string &Why) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ParmVarDecl *Vma;
    std::vector<const BinaryOperator *> Sets;
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp() && fieldOf(BO->getLHS(), Vma) == "vm_ops")
        Sets.push_back(BO);
      return true;
    }
  } F;
  F.Vma = Vma;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  if (F.Sets.size() != 1) {
    Why = F.Sets.empty() ? "the handler installs no vm_operations of its own"
                         : "the handler sets vma->vm_ops more than once";
    return nullptr;
  }
  const VarDecl *VD = addressedVariable(F.Sets[0]->getRHS());
  if (!VD || !VD->hasGlobalStorage()) {
    Why = "vma->vm_ops is not set to the address of a vm_operations_struct variable";
    return nullptr;
  }
  return VD;
}

/// Uses of \p VD in the main file; a shared table must not gain a callback
/// for mappings this handler does not make.
unsigned usesInMainFile(ASTContext &Ctx, const VarDecl *VD) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *VD;
    unsigned N = 0;
    bool VisitDeclRefExpr(DeclRefExpr *R) {
      N += R->getDecl() == VD;
      return true;
    }
  } F;
  F.VD = VD;
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      F.TraverseDecl(D);
  return F.N;
}

/// A call that takes or drops a lock (or a cleanup-scoped guard) in
/// \p Body outside \p Moving: moved work would leave its critical section.
const Stmt *lockingStmt(const Stmt *Body, const std::vector<const Stmt *> &Moving) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const std::vector<const Stmt *> *Moving;
    const Stmt *Found = nullptr;
    bool TraverseStmt(Stmt *S) {
      if (S && std::find(Moving->begin(), Moving->end(), S) != Moving->end())
        return true;
      return RecursiveASTVisitor::TraverseStmt(S);
    }
    bool VisitCallExpr(CallExpr *C) {
      static const llvm::Regex Lock("(lock|mutex|spin|rcu_read|seqcount|^down|^up($|_))");
      const FunctionDecl *FD = C->getDirectCallee();
      if (FD && Lock.match(FD->getName()))
        Found = C;
      return !Found;
    }
    bool VisitVarDecl(VarDecl *VD) {
      if (VD->hasAttr<CleanupAttr>())
        Found = VD->getInit() ? static_cast<const Stmt *>(VD->getInit()) : nullptr;
      return !Found;
    }
  } F;
  F.Moving = &Moving;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

/// What a reviewer calls the moved statement: `foo()` or `dev->n++`.
std::string workName(const Stmt *S, const SourceManager &SM, const LangOptions &LO) {
  const auto *Call = dyn_cast<CallExpr>(cast<Expr>(S)->IgnoreParenImpCasts());
  if (const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr)
    return FD->getName().str() + "()";
  if (Call)
    return "the call";
  return Lexer::getSourceText(SM.getExpansionRange(S->getSourceRange()), SM, LO).str();
}

/// A statement that can move as it is: a call, or a store to state other
/// than the vma (`dev->n++`, `dev->mapped = true`), on its own.
bool movable(const Expr *E, const ParmVarDecl *Vma) {
  E = E->IgnoreParenImpCasts();
  if (isa<CallExpr>(E))
    return true;
  if (!referencesTo(E, Vma).empty())
    return false;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->isIncrementDecrementOp();
  const auto *B = dyn_cast<BinaryOperator>(E);
  return B && B->isAssignmentOp();
}

/// The state \p S changes: the field or global it stores to, and those
/// whose address it passes (atomic_inc(&dev->users)).
std::set<const ValueDecl *> stateTouched(const Stmt *S, ASTContext &Ctx) {
  std::set<const ValueDecl *> Out;
  const auto *E = cast<Expr>(S)->IgnoreParenImpCasts();
  if (auto C = stateChangeOf(E, Ctx))
    Out.insert(C->Key);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    for (const Expr *A : Call->arguments()) {
      const auto *U = dyn_cast<UnaryOperator>(A->IgnoreParenCasts());
      if (U && U->getOpcode() == UO_AddrOf)
        if (const ValueDecl *K = stateKeyOf(U))
          Out.insert(K);
    }
  return Out;
}

/// A statement of \p Body other than \p Moving that names one of \p Keys.
const Stmt *otherUse(const CompoundStmt *Body, const std::vector<const Stmt *> &Moving,
                     const std::set<const ValueDecl *> &Keys) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const std::set<const ValueDecl *> *Keys;
    bool Found = false;
    bool VisitMemberExpr(MemberExpr *M) {
      Found |= Keys->count(M->getMemberDecl()) != 0;
      return !Found;
    }
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      Found |= Keys->count(D->getDecl()) != 0;
      return !Found;
    }
  };
  for (const Stmt *S : Body->body()) {
    if (std::find(Moving.begin(), Moving.end(), S) != Moving.end())
      continue;
    Finder F;
    F.Keys = &Keys;
    F.TraverseStmt(const_cast<Stmt *>(S));
    if (F.Found)
      return S;
  }
  return nullptr;
}

} // namespace

bool findDeferredWork(ASTContext &Ctx, const FunctionDecl *Def, const ParmVarDecl *Vma,
                      const std::vector<std::pair<unsigned, unsigned>> &Calls, const Profile &P,
                      DeferredWork &W, std::string &Refusal) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (Calls.empty() || !Body)
    return true;
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Target = P.HasMappedHook ? "vm_ops->" + P.Mapped.Member
                       : P.HasMmapComplete ? "->" + P.Complete.Slot
                                           : "";
  if (Target.empty()) {
    Refusal = "profile " + P.Name + " has no hook for work that needs the mapping to exist";
    return false;
  }
  auto Name = [&](const Stmt *S) { return workName(S, SM, Ctx.getLangOpts()); };
  auto Pos = [&](SourceLocation L) {
    L = SM.getExpansionLoc(L);
    return std::make_pair(SM.getExpansionLineNumber(L), SM.getExpansionColumnNumber(L));
  };
  for (const auto &Call : Calls) {
    const Stmt *Holder = nullptr;
    for (const Stmt *S : Body->body())
      if (Pos(S->getBeginLoc()) <= Call && Call <= Pos(S->getEndLoc()))
        Holder = S;
    const auto *E = dyn_cast_or_null<Expr>(Holder);
    if (!E || !movable(E, Vma)) {
      Refusal = "the work at line " + std::to_string(Call.first) +
                " that needs the mapping is not a call or store on its own at the top of "
                "the handler: it cannot move to " + Target;
      return false;
    }
    if (std::find(W.Statements.begin(), W.Statements.end(), Holder) == W.Statements.end())
      W.Statements.push_back(Holder);
  }
  std::sort(W.Statements.begin(), W.Statements.end(), [&](const Stmt *A, const Stmt *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });

  if (const Stmt *L = lockingStmt(Body, W.Statements)) {
    Refusal = "the handler takes or drops a lock (line " +
              std::to_string(SM.getExpansionLineNumber(L->getBeginLoc())) + "): moved to " +
              Target + ", " + Name(W.Statements.front()) +
              " would leave the section the lock protects";
    return false;
  }

  // Moved, the work runs only once the mapping exists; left where it was,
  // it also ran when a later step failed. Equal only if nothing can fail
  // after it.
  bool After = false;
  for (const Stmt *S : Body->body()) {
    if (S == W.Statements.back()) {
      After = true;
      continue;
    }
    if (const Stmt *F = After ? failurePoint(S) : nullptr) {
      Refusal = "the handler can still fail at line " +
                std::to_string(SM.getExpansionLineNumber(F->getBeginLoc())) + ", after " +
                Name(W.Statements.back()) + " at line " +
                std::to_string(SM.getExpansionLineNumber(W.Statements.back()->getBeginLoc())) +
                ": moved to " + Target + ", it would no longer run for a failed mmap()";
      return false;
    }
  }
  for (const Stmt *S : W.Statements)
    if (P.HasMappedHook && !referencesTo(S, Vma).empty()) {
      Refusal = Name(S) + " at line " +
                std::to_string(SM.getExpansionLineNumber(S->getBeginLoc())) +
                " uses the vma, which " + Target + " does not get";
      return false;
    }

  // Moved, the change happens after every other statement: none may read
  // or undo the same state.
  for (const Stmt *S : W.Statements)
    if (const Stmt *Use = otherUse(Body, W.Statements, stateTouched(S, Ctx))) {
      Refusal = "line " + std::to_string(SM.getExpansionLineNumber(Use->getBeginLoc())) +
                " uses the state " + Name(S) + " (line " +
                std::to_string(SM.getExpansionLineNumber(S->getBeginLoc())) +
                ") changes: moved to " + Target + ", the change would come after it";
      return false;
    }

  if (!P.HasMappedHook)
    return true;
  std::string Why;
  W.VmOps = installedVmOps(Body, Vma, Why);
  if (!W.VmOps) {
    Refusal = Why + ": nowhere to add " + Target;
    return false;
  }
  const auto *Init = W.VmOps->getInit() ? dyn_cast<InitListExpr>(W.VmOps->getInit()) : nullptr;
  if (Init && Init->getSyntacticForm())
    Init = Init->getSyntacticForm();
  if (!Init || !SM.isInMainFile(SM.getExpansionLoc(W.VmOps->getLocation()))) {
    Refusal = "'" + W.VmOps->getName().str() + "' is not defined in this file: " + Target +
              " cannot be added to it";
    return false;
  }
  for (const Expr *E : Init->inits())
    if (const auto *D = dyn_cast<DesignatedInitExpr>(E))
      if (D->size() == 1 && D->getDesignator(0)->isFieldDesignator() &&
          D->getDesignator(0)->getFieldName()->getName() == P.Mapped.Member) {
        Refusal = "'" + W.VmOps->getName().str() + "' already has ." + P.Mapped.Member;
        return false;
      }
  if (usesInMainFile(Ctx, W.VmOps) != 1) {
    Refusal = "'" + W.VmOps->getName().str() +
              "' is used elsewhere too: its other mappings would run " + Target + " as well";
    return false;
  }
  return true;
}

bool planDeferredWork(EditBuilder &B, const DeferredWork &W, const Profile &P,
                      const FunctionDecl *Def, const ParmVarDecl *File, const ParmVarDecl *Vma) {
  if (W.Statements.empty())
    return true;
  const auto *Body = cast<CompoundStmt>(Def->getBody());
  bool Mapped = P.HasMappedHook;
  std::string Hook = Mapped ? "vm_ops->" + P.Mapped.Member : "->" + P.Complete.Slot;
  std::string Name = (Def->getName() + (Mapped ? P.Mapped.Suffix : P.Complete.Suffix)).str();
  std::string FileName = File && !File->getName().empty() ? File->getName().str() : "file";

  std::vector<const DeclStmt *> Decls;
  const VarDecl *Bad = nullptr;
  if (!declsToRepeat(B.Ctx, Body, W.Statements, Decls, Bad))
    return B.fail(workName(W.Statements.front(), B.SM, B.Ctx.getLangOpts()) + " reads '" + Bad->getName() +
                  "', which " + Name + "() cannot recompute");
  for (const DeclStmt *DS : Decls)
    if (Mapped && !referencesTo(DS, Vma).empty())
      return B.fail("'" + llvm::cast<VarDecl>(DS->getSingleDecl())->getName() +
                    "' is computed from the vma, which " + Hook + " does not get");

  auto Params = fillTemplate(Mapped ? P.Mapped.Params : P.Complete.Params,
                             {{"file", FileName}, {"vma", Vma->getName().str()}});
  if (!Params)
    return B.fail(llvm::toString(Params.takeError()));
  std::string Fn = wrapLine("static int " + Name + "(" + *Params + ")", "") + "\n{\n";
  for (const DeclStmt *DS : Decls)
    Fn += "\t" + B.text(DS->getSourceRange()) + "\n";
  if (!Decls.empty())
    Fn += "\n";
  for (const Stmt *S : W.Statements)
    Fn += "\t" + B.text(S->getSourceRange()) + ";\n";
  Fn += "\treturn 0;\n}";

  // Out of the handler, with the locals only they read.
  for (const Stmt *S : W.Statements)
    if (!deleteStmtLines(B, S))
      return B.fail(workName(S, B.SM, B.Ctx.getLangOpts()) + " at line " +
                    llvm::Twine(B.line(S->getBeginLoc())) +
                    " shares its line with other code");
  std::string Which;
  if (!deleteOrphans(B, Body, orphanedLocals(Body, W.Statements), Which))
    return B.fail("the declaration of '" + Which + "', which only the moved work read, "
                  "cannot be removed cleanly");
  for (const Stmt *S : W.Statements)
    B.note(workName(S, B.SM, B.Ctx.getLangOpts()) + " (line " + std::to_string(B.line(S->getBeginLoc())) +
           ") now runs in " + Name + "(), once the mapping exists");

  if (!Mapped) {
    B.addSlot(P.Complete.Slot);
    SourceLocation After = Body->getEndLoc().getLocWithOffset(1);
    return B.replace(CharSourceRange::getCharRange(After, After), "\n\n" + Fn,
                     "the end of the handler");
  }
  // Before the vm_operations table (and a comment right above it), which
  // then names it.
  const auto *Init = cast<InitListExpr>(W.VmOps->getInit());
  if (Init->getSyntacticForm())
    Init = Init->getSyntacticForm();
  const DesignatedInitExpr *Last = nullptr;
  for (const Expr *E : Init->inits())
    if (const auto *D = dyn_cast<DesignatedInitExpr>(E))
      Last = D;
  if (!Last)
    return B.fail("'" + W.VmOps->getName().str() + "' has no `.member = value` lines to follow");
  if (!addDesignatorAfter(B, Last, P.Mapped.Member, Name))
    return false;
  SourceLocation At = aboveDeclaration(B.SM, W.VmOps->getOuterLocStart());
  return B.replace(CharSourceRange::getCharRange(At, At), Fn + "\n\n", "the vm_operations");
}

} // namespace mmapmigrate
