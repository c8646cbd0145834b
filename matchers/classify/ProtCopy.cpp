//===- ProtCopy.cpp - A remap's protection kept in a local ----------------===//
#include "matchers/classify/ProtCopy.h"
#include "matchers/classify/HandlerAnalyzer.h"
#include "matchers/classify/VmaAccess.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

using namespace clang;

namespace mmapmigrate {

namespace {

unsigned lineOf(ASTContext &Ctx, SourceLocation L) {
  return Ctx.getSourceManager().getExpansionLineNumber(L);
}

/// Every mention in the body that matters for the fold.
struct Mentions : RecursiveASTVisitor<Mentions> {
  const VarDecl *Local, *Vma;
  std::vector<const DeclRefExpr *> LocalRefs;
  std::vector<const MemberExpr *> PageProt, VmOps;
  std::vector<const CallExpr *> VmaCalls;
  bool VisitDeclRefExpr(DeclRefExpr *D) {
    if (D->getDecl() == Local)
      LocalRefs.push_back(D);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *M) {
    auto F = fieldOf(M, Vma);
    if (F && *F == "vm_page_prot")
      PageProt.push_back(M);
    if (F && *F == "vm_ops")
      VmOps.push_back(M);
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    for (const Expr *A : C->arguments())
      if (const auto *D = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts()); D && D->getDecl() == Vma)
        VmaCalls.push_back(C);
    return true;
  }
};

bool within(const Stmt *Outer, const Stmt *Inner) {
  if (Outer == Inner)
    return true;
  for (const Stmt *C : Outer->children())
    if (C && within(C, Inner))
      return true;
  return false;
}

} // namespace

std::optional<ProtCopy> protCopyOf(ASTContext &Ctx, const FunctionDecl *Def, const VarDecl *Vma,
                                   const Expr *Prot, std::string &WhyNot) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  const auto *Ref = Prot ? dyn_cast<DeclRefExpr>(Prot->IgnoreParenImpCasts()) : nullptr;
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Body || !VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
      VD->getType().getAsString() != "pgprot_t") {
    WhyNot = "the remap does not use vma->vm_page_prot";
    return std::nullopt;
  }
  ProtCopy C;
  C.Local = VD;
  std::string Name = VD->getName().str();
  auto fail = [&](const std::string &Why, SourceLocation At) {
    WhyNot = "the remap's protection '" + Name + "' " + Why + " (line " +
             std::to_string(lineOf(Ctx, At)) + ")";
    return std::nullopt;
  };
  for (const Stmt *S : Body->body())
    if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl() && DS->getSingleDecl() == VD)
      C.Decl = DS;
  if (!C.Decl)
    return fail("is not declared alone at the top of the handler", VD->getLocation());
  if (const Expr *Init = VD->getInit()) {
    if (fieldOf(Init, Vma) != "vm_page_prot")
      return fail("does not start as a copy of vma->vm_page_prot", Init->getBeginLoc());
    C.Copied = Init->IgnoreParenImpCasts();
  }

  // Top-level `prot = ...;` statements: the copy, then the steps.
  static const llvm::Regex Step("^(pgprot_noncached|pgprot_writecombine|pgprot_device|"
                                "pgprot_dmacoherent)[ \t]*\\([ \t]*([A-Za-z_][A-Za-z0-9_]*)"
                                "[ \t]*\\)$");
  std::vector<const DeclRefExpr *> Explained = {Ref};
  const Stmt *Remap = nullptr;
  for (const Stmt *S : Body->body())
    if (within(S, Ref))
      Remap = S;
  for (const Stmt *S : Body->body()) {
    const auto *BO = dyn_cast<BinaryOperator>(S);
    const auto *L = BO && BO->getOpcode() == BO_Assign
                        ? dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts())
                        : nullptr;
    if (!L || L->getDecl() != VD)
      continue;
    if (S == Remap)
      return fail("is assigned in the remap's own statement", S->getBeginLoc());
    const Expr *RHS = BO->getRHS();
    if (fieldOf(RHS, Vma) == "vm_page_prot" && !C.Copied) {
      C.Copied = RHS->IgnoreParenImpCasts();
      C.Assign = S;
      Explained.push_back(L);
      continue;
    }
    llvm::SmallVector<llvm::StringRef, 3> M;
    std::string Text = writtenText(Ctx, RHS);
    if (!C.Copied || !Step.match(Text, &M) || M[2] != Name)
      return fail("is set to " + Text + ", which is not a pgprot_*() of the copy",
                  S->getBeginLoc());
    C.Steps.push_back(BO);
    Explained.push_back(L);
    // The references the step's own argument makes (through the macro).
    Mentions Inner;
    Inner.Local = VD;
    Inner.Vma = Vma;
    Inner.TraverseStmt(const_cast<Expr *>(RHS));
    Explained.insert(Explained.end(), Inner.LocalRefs.begin(), Inner.LocalRefs.end());
  }
  if (!C.Copied)
    return fail("is never set from vma->vm_page_prot", VD->getLocation());

  Mentions All;
  All.Local = VD;
  All.Vma = Vma;
  All.TraverseStmt(const_cast<CompoundStmt *>(Body));
  for (const DeclRefExpr *D : All.LocalRefs)
    if (std::find(Explained.begin(), Explained.end(), D) == Explained.end())
      return fail("is used other than to adjust the copy and map it", D->getBeginLoc());
  for (const MemberExpr *M : All.PageProt)
    if (M != C.Copied)
      return fail("is a copy, and the body reads vma->vm_page_prot again", M->getBeginLoc());
  // A private mapping that may be written copies its pages on write, and
  // maps the copies with vm_page_prot: the fold would make them uncached.
  // Only a handler that refuses private mappings first is safe.
  std::string VmaName = Vma->getName().str();
  const llvm::Regex SharedOnly("^!\\([ \t]*" + VmaName +
                               "->vm_flags[ \t]*&[ \t]*VM_SHARED[ \t]*\\)$");
  bool RefusesPrivate = false;
  for (const Stmt *S : Body->body()) {
    if (S == Remap)
      break;
    const auto *If = dyn_cast<IfStmt>(S);
    if (If && !If->getElse() && isa<ReturnStmt>(If->getThen()) &&
        SharedOnly.match(writtenText(Ctx, If->getCond())))
      RefusesPrivate = true;
  }
  if (!RefusesPrivate)
    return fail("is a copy, and the handler does not refuse private mappings, whose "
                "copy-on-write pages the fold would map with it too",
                Ref->getBeginLoc());
  if (!All.VmOps.empty())
    return fail("would also become the protection of the faults of the vm_ops set",
                All.VmOps.front()->getBeginLoc());
  // The driver's own functions could set vm_ops; the kernel's helpers
  // that take the vma are the catalogue's business.
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CallExpr *Call : All.VmaCalls) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *CalleeDef = nullptr;
    if (!Callee)
      return fail("is a copy, and the vma goes through a function pointer", Call->getBeginLoc());
    if (Callee->hasBody(CalleeDef) && SM.isInMainFile(SM.getExpansionLoc(CalleeDef->getLocation())))
      return fail("is a copy, and the vma goes to " + Callee->getName().str() + "()",
                  Call->getBeginLoc());
  }
  return C;
}

} // namespace mmapmigrate
