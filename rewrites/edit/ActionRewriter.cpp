//===- ActionRewriter.cpp - A final PFN remap as an mmap action -----------===//
#include "rewrites/edit/ActionRewriter.h"
#include "rewrites/edit/BodyFacts.h"
#include "matchers/classify/HandlerAnalyzer.h"
#include "matchers/classify/VmaAccess.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

using namespace clang;

namespace mmapmigrate {

namespace {

// The legacy calls (6.12's API) and where their arguments are. Which of
// them a target can express, and how, is the profile's business.
const LegacyPrepopulation LegacyCalls[] = {
    // remap_pfn_range(vma, addr, pfn, size, prot)
    {"remap_pfn_range", "remap", "remap_full", 1, 2, 3, -1, 4},
    {"io_remap_pfn_range", "ioremap", "ioremap_full", 1, 2, 3, -1, 4},
    // vm_iomap_memory(vma, phys, len): maps at the vma's pgoff into [phys, phys + len)
    {"vm_iomap_memory", "simple_ioremap", nullptr, -1, -1, 2, 1, -1},
};

const LegacyPrepopulation *legacyCall(const Expr *E, const CallExpr *&Call) {
  Call = E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return nullptr;
  for (const LegacyPrepopulation &L : LegacyCalls)
    if (Callee->getName() == L.Name)
      return &L;
  return nullptr;
}

bool isZero(const Expr *E) {
  const auto *I = E ? dyn_cast<IntegerLiteral>(E->IgnoreParenImpCasts()) : nullptr;
  return I && I->getValue() == 0;
}

/// `printk(KERN_ERR "...");` or `pr_err("...")`: a log line whose
/// arguments name nothing of the handler (no parameter, no local), so the
/// error hook, which sees only the error, can print it the same.
bool isConstantLog(ASTContext &Ctx, const Stmt *S) {
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return false;
  std::string Text = writtenText(Ctx, E);
  static const llvm::Regex Log("^(printk|pr_(emerg|alert|crit|err|warn|warning|notice|info))"
                               "[ \t]*\\(");
  if (!Log.match(Text))
    return false;
  struct Names : RecursiveASTVisitor<Names> {
    const Stmt *Root;
    bool Outside = false;
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      const auto *V = dyn_cast<VarDecl>(D->getDecl());
      // The macro's own statics and locals are declared inside it.
      if (V && (V->hasLocalStorage() || isa<ParmVarDecl>(V)) &&
          !(V->getBeginLoc() >= Root->getBeginLoc() && V->getEndLoc() <= Root->getEndLoc()))
        Outside = true;
      return true;
    }
  } N;
  N.Root = S;
  N.TraverseStmt(const_cast<Stmt *>(S));
  return !N.Outside;
}

bool isVmaField(const Expr *E, const ParmVarDecl *Vma, llvm::StringRef Field) {
  return fieldOf(E, Vma) == Field;
}

/// `vma->vm_end - vma->vm_start`
bool isVmaSize(const Expr *E, const ParmVarDecl *Vma) {
  const auto *BO = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
  return BO && BO->getOpcode() == BO_Sub && isVmaField(BO->getLHS(), Vma, "vm_end") &&
         isVmaField(BO->getRHS(), Vma, "vm_start");
}

/// Whether \p S reads vma->\p Field.
bool readsVmaField(const Stmt *S, const ParmVarDecl *Vma, llvm::StringRef Field) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ParmVarDecl *Vma;
    std::string Field;
    bool Found = false;
    bool VisitMemberExpr(MemberExpr *M) {
      Found = fieldOf(M, Vma) == Field;
      return !Found;
    }
  } F;
  F.Vma = Vma;
  F.Field = Field.str();
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

/// Why \p S, after `if (remap(...)) return X;`, cannot run before the
/// remap \p Remap; empty when it can. An action only maps once
/// ->mmap_prepare has returned, so whatever prepare does after setting it
/// runs before the remap: only setup the remap neither reads nor writes
/// can. A lock released there covered the remap, and would not cover it.
std::string unmovableReason(ASTContext &Ctx, const Stmt *S, const CallExpr *Remap,
                            const ParmVarDecl *Vma) {
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->getOpcode() == BO_Assign) {
      std::string Field = fieldOf(BO->getLHS(), Vma).value_or("");
      const Expr *Value = BO->getRHS();
      struct Calls : RecursiveASTVisitor<Calls> {
        bool Any = false;
        bool VisitCallExpr(CallExpr *) { return !(Any = true); }
      } C;
      C.TraverseStmt(const_cast<Expr *>(Value));
      if ((Field == "vm_ops" || Field == "vm_private_data") && !C.Any &&
          !Value->HasSideEffects(Ctx) && referencesTo(Value, Vma).empty()) {
        if (readsVmaField(Remap, Vma, Field))
          return "the remap reads vma->" + Field + ", which would then be the new value";
        return "";
      }
    }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->getName().contains("unlock") && Call->getNumArgs() >= 1)
        return "the remap ran with " + writtenText(Ctx, Call->getArg(0)) +
               " held, and it now runs after ->mmap_prepare has returned, when it no "
               "longer is";
  return "only vm_ops and vm_private_data set to a plain value, which the remap neither "
         "reads nor writes, can move before it";
}

/// The `return remap(...);` of \p Call that is a statement of a block
/// inside \p Body (not its last statement), or null.
const ReturnStmt *blockReturnOf(const CompoundStmt *Body, const CallExpr *Call) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const CallExpr *Call;
    const ReturnStmt *Found = nullptr;
    bool VisitCompoundStmt(CompoundStmt *CS) {
      for (Stmt *S : CS->body())
        if (const auto *Ret = dyn_cast<ReturnStmt>(S))
          if (const Expr *V = Ret->getRetValue(); V && V->IgnoreParenImpCasts() == Call)
            Found = Ret;
      return !Found;
    }
  } F;
  F.Call = Call;
  F.TraverseStmt(const_cast<CompoundStmt *>(Body));
  return F.Found;
}

/// The range of the tail statement that is replaced: a return without its
/// ';', an if up to the end of its then-branch.
SourceRange replacedRange(const TailPrepopulation &T) { return T.Statement->getSourceRange(); }

/// Replaces the tail statement with \p Call (a statement without ';'):
/// `return f(...)` becomes `call; return 0`, `if (f(...)) return X;`
/// becomes `call;` and the `return 0;` after it stays.
bool replaceTail(EditBuilder &B, const TailPrepopulation &T, const std::string &Call,
                 const std::string &ErrorHook = "") {
  SourceRange R = replacedRange(T);
  std::string Indent = indentOf(B.SM, R.getBegin());
  // Setup after the remap moves in front of the action, as upstream
  // writes it: the action is prepare's last step.
  std::string Moved;
  for (const Stmt *S : T.MovedBefore) {
    auto Text = B.takeRewritten(S->getSourceRange());
    if (!Text || hasComment(*Text) || !deleteStmtLines(B, S))
      return B.fail("the setup at line " + llvm::Twine(B.line(S->getBeginLoc())) +
                    " cannot be moved before the action cleanly");
    Moved += *Text + ";\n" + Indent;
  }
  std::string Text = Moved + wrapLine(Call, Indent);
  if (!ErrorHook.empty())
    Text += ";\n" + Indent + "desc->action.error_hook = " + ErrorHook;
  if (isa<ReturnStmt>(T.Statement)) {
    Text += ";\n" + Indent + "return 0";
  } else {
    const auto *If = cast<IfStmt>(T.Statement);
    if (isa<CompoundStmt>(If->getThen()))
      Text += ";";
  }
  // Whatever the body rewriter planned inside goes with the old statement.
  if (!B.takeRewritten(R))
    return B.fail("the remap at line " + llvm::Twine(B.line(R.getBegin())) +
                  " is inside a macro expansion");
  return B.replaceTokens(R, Text, "the remap");
}

std::optional<std::string> argText(EditBuilder &B, const CallExpr *Call, int Index,
                                   bool Rewritten) {
  if (Index < 0)
    return std::string();
  const Expr *A = Call->getArg(Index);
  if (!Rewritten)
    return joinLines(B.text(A->getSourceRange()));
  auto T = B.takeRewritten(A->getSourceRange());
  if (!T)
    return std::nullopt;
  return joinLines(*T);
}

/// The error hook that keeps `if (remap(...)) return X;`'s X when the
/// action fails: a new `static int <handler>_error(int err)` right above
/// the handler. Empty (the caller notes the changed code) when X is not a
/// constant or the name is taken.
std::string planErrorHook(EditBuilder &B, const TailPrepopulation &T, const FunctionDecl *Def) {
  if (!T.ErrorValue->isIntegerConstantExpr(B.Ctx))
    return "";
  std::string Name = Def->getName().str() + "_error";
  if (!B.Ctx.getTranslationUnitDecl()->lookup(&B.Ctx.Idents.get(Name)).empty())
    return "";
  std::string Code = B.text(T.ErrorValue->getSourceRange());
  std::string Logs;
  for (const Stmt *S : T.FailureLogs)
    Logs += "\t" + joinLines(B.text(S->getSourceRange())) + ";\n";
  std::string Fn = "/* A failed remap made " + Def->getName().str() + "() " +
                   (Logs.empty() ? "" : "log and ") + "return " + Code +
                   ": keep that. */\nstatic int " + Name + "(int err)\n{\n" + Logs + "\treturn " +
                   Code + ";\n}\n\n";
  // Above the handler and the comment block that introduces it.
  SourceLocation At = aboveDeclaration(B.SM, Def->getOuterLocStart());
  if (!B.replace(CharSourceRange::getCharRange(At, At), Fn, "the error hook"))
    return "";
  return Name;
}

/// `prot = pgprot_noncached(prot);` becomes the same step on
/// desc->page_prot, which the action copies when it is called; the local
/// and its copying go. The vma then records the protection its pages are
/// mapped with, which the note says.
bool planProtFold(EditBuilder &B, const TailPrepopulation &T, const Profile &P) {
  if (!T.Prot)
    return true;
  const ProtCopy &C = *T.Prot;
  auto Field = P.Fields.find("vm_page_prot");
  if (Field == P.Fields.end())
    return B.fail("profile " + P.Name + " has no descriptor field for vm_page_prot");
  std::vector<std::string> Steps;
  for (const BinaryOperator *BO : C.Steps) {
    CharSourceRange R = B.SM.getExpansionRange(BO->getSourceRange());
    std::string Old = B.text(BO->getRHS()->getSourceRange());
    std::string Step = Old.substr(0, Old.find('('));
    while (!Step.empty() && (Step.back() == ' ' || Step.back() == '\t'))
      Step.pop_back();
    Steps.push_back(Step + "()");
    if (!B.replace(Lexer::makeFileCharRange(R, B.SM, B.LO),
                   Field->second + " = " + Step + "(" + Field->second + ")",
                   "a step on the remap's protection"))
      return false;
  }
  if (C.Assign && !deleteStmtLines(B, C.Assign))
    return B.fail("the copy of vma->vm_page_prot into '" + C.Local->getName() +
                  "' cannot be removed cleanly");
  if (!deleteStmtLines(B, C.Decl))
    return B.fail("the declaration of '" + C.Local->getName() +
                  "' cannot be removed cleanly");
  std::string Which;
  for (size_t I = 0; I < Steps.size(); ++I)
    Which += (I == 0 ? "" : I + 1 == Steps.size() ? " and " : ", ") + Steps[I];
  B.note("the remap used a local copy of the vma's protection made with " + Which +
         "; that is now made on " + Field->second +
         ", so the mapping also records the protection its pages are mapped with (it "
         "refuses private mappings and sets no vm_ops: nothing else maps with it)");
  return true;
}

bool planAction(EditBuilder &B, const TailPrepopulation &T, const Profile &P,
                const FunctionDecl *Def, const ParmVarDecl *Vma) {
  const LegacyPrepopulation &L = *T.Legacy;
  const CallExpr *Call = T.Call;
  unsigned Line = B.line(Call->getBeginLoc());
  if (P.Actions.empty())
    return B.fail("profile " + P.Name + " has no mmap actions: " + L.Name + "() at line " +
                  llvm::Twine(Line) + " has to stay in ->mmap");

  // The whole mapping: start at vm_start, size vm_end - vm_start, directly
  // or through a local that holds that size and is never changed.
  const auto *Body = cast<CompoundStmt>(Def->getBody());
  bool Full = L.FullAction && P.hasAction(L.FullAction) && L.Start >= 0 &&
              isVmaField(Call->getArg(L.Start), Vma, "vm_start");
  if (Full) {
    const Expr *Size = Call->getArg(L.Size)->IgnoreParenImpCasts();
    if (!isVmaSize(Size, Vma)) {
      const auto *Ref = dyn_cast<DeclRefExpr>(Size);
      const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      Full = VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && VD->getInit() &&
             isVmaSize(VD->getInit(), Vma) && !isWritten(B.Ctx, referencesTo(Body, VD));
    }
  }
  // A local only the dropped arguments read goes with them; when it cannot,
  // the ranged action keeps the arguments.
  std::vector<const VarDecl *> Orphans;
  if (Full) {
    Orphans = orphanedLocals(Body, {Call->getArg(L.Start), Call->getArg(L.Size)});
    for (const VarDecl *VD : Orphans)
      Full = Full && canDropDecl(B.Ctx, Body, VD);
    if (!Full)
      Orphans.clear();
  }
  const char *Name = Full ? L.FullAction : L.Action;
  if (!P.hasAction(Name))
    return B.fail("profile " + P.Name + " has no action for " + L.Name + "() (line " +
                  llvm::Twine(Line) + ")");

  std::map<std::string, std::string> Vars;
  struct {
    const char *Key;
    int Index;
  } Roles[] = {{"start", L.Start}, {"pfn", L.Pfn}, {"size", L.Size}, {"phys", L.Phys}};
  for (const auto &R : Roles) {
    auto Text = argText(B, Call, R.Index, /*Rewritten=*/true);
    if (!Text)
      return B.fail("an argument of " + llvm::Twine(L.Name) + "() at line " +
                    llvm::Twine(Line) + " is inside a macro expansion");
    Vars[R.Key] = *Text;
  }
  Vars["pages"] = Vars["num"] = "";
  auto Action = fillTemplate(P.Actions.at(Name), Vars);
  if (!Action)
    return B.fail(llvm::toString(Action.takeError()));
  if (hasComment(B.text(replacedRange(T))))
    return B.fail("a comment in the remap at line " + llvm::Twine(Line) + " would be lost");
  std::string Which;
  if (!deleteOrphans(B, Body, Orphans, Which))
    return B.fail("the declaration of '" + Which + "', which only " + L.Name +
                  "() read, cannot be removed cleanly");
  if (!planProtFold(B, T, P))
    return false;
  std::string Hook;
  if (T.ErrorValue && P.HasErrorHook)
    Hook = planErrorHook(B, T, Def);
  // A log line has nowhere else to go.
  if (!T.FailureLogs.empty() && Hook.empty())
    return B.fail("the remap's failure branch at line " + llvm::Twine(Line) +
                  " logs, and profile " + P.Name + " has no error hook to log from");
  if (!replaceTail(B, T, *Action, Hook))
    return false;
  if (!Hook.empty())
    B.note("if " + std::string(L.Name) + "() fails, mmap() still returns " +
           B.text(T.ErrorValue->getSourceRange()) + " (line " + std::to_string(Line) +
           "): the action's error hook " + Hook + "() keeps the old handler's code");
  else if (T.ErrorValue)
    B.note("if " + std::string(L.Name) + "() fails, mmap() now returns its error code, not " +
           B.text(T.ErrorValue->getSourceRange()) + " (line " + std::to_string(Line) +
           "): an mmap action keeps the remap's own error");
  return true;
}

bool planComplete(EditBuilder &B, const TailPrepopulation &T, const Profile &P,
                  const FunctionDecl *Def, const ParmVarDecl *File, const ParmVarDecl *Vma) {
  const LegacyPrepopulation &L = *T.Legacy;
  const CallExpr *Call = T.Call;
  unsigned Line = B.line(Call->getBeginLoc());
  const Profile::CompleteHook &C = P.Complete;
  if (llvm::StringRef(L.Name) != "remap_pfn_range")
    return B.fail("profile " + P.Name + " splits only remap_pfn_range() between prepare and " +
                  C.Slot + ", not " + L.Name + "() (line " + llvm::Twine(Line) + ")");

  // mmap_complete sees the file and the vma, nothing of prepare's locals:
  // the locals the call reads are declared again, from the same
  // initialisers, which must be plain reads that nothing changes after.
  if (!T.FailureLogs.empty())
    return B.fail("the remap's failure branch at line " + llvm::Twine(Line) + " logs, which " +
                  C.Slot + " is not written to do yet");
  const auto *Body = cast<CompoundStmt>(Def->getBody());
  std::vector<const DeclStmt *> Decls;
  const VarDecl *Bad = nullptr;
  if (!declsToRepeat(B.Ctx, Body, {Call->getArg(L.Start), Call->getArg(L.Pfn), Call->getArg(L.Size)},
                     Decls, Bad))
    return B.fail(L.Name + llvm::Twine("() at line ") + llvm::Twine(Line) + " uses '" +
                  Bad->getName() + "', which " + C.Slot +
                  " cannot recompute from the file and the vma");

  std::string FileName = File && !File->getName().empty() ? File->getName().str() : "file";
  std::string VmaName = Vma->getName().str();
  std::map<std::string, std::string> Vars = {{"vma", VmaName}, {"file", FileName}};
  for (const auto &[Key, Index] :
       {std::pair<const char *, int>{"start", L.Start}, {"pfn", L.Pfn}, {"size", L.Size}})
    Vars[Key] = *argText(B, Call, Index, /*Rewritten=*/false);
  auto Params = fillTemplate(C.Params, Vars);
  auto Remap = fillTemplate(C.RemapComplete, Vars);
  if (!Params || !Remap)
    return B.fail(llvm::toString(Params ? Remap.takeError() : Params.takeError()));

  std::string Fn = "\n\n" + wrapLine("static int " + completeName(Def->getName(), P) + "(" +
                                         *Params + ")",
                                     "") +
                   "\n{\n";
  for (const DeclStmt *DS : Decls)
    Fn += "\t" + joinLines(B.text(DS->getSourceRange())) + "\n";
  if (!Decls.empty())
    Fn += "\n";
  if (T.ErrorValue)
    Fn += "\tif (" + wrapLine(*Remap, "\t    ") + ")\n\t\treturn " +
          B.text(T.ErrorValue->getSourceRange()) + ";\n\n\treturn 0;\n}";
  else
    Fn += "\treturn " + wrapLine(*Remap, "\t       ") + ";\n}";

  // Prepare keeps the checks and records the PFN.
  auto Pfn = argText(B, Call, L.Pfn, /*Rewritten=*/true);
  if (!Pfn)
    return B.fail("an argument of " + llvm::Twine(L.Name) + "() at line " +
                  llvm::Twine(Line) + " is inside a macro expansion");
  auto Prepare = fillTemplate(C.RemapPrepare, {{"pfn", *Pfn}});
  if (!Prepare)
    return B.fail(llvm::toString(Prepare.takeError()));
  if (hasComment(B.text(replacedRange(T))))
    return B.fail("a comment in the remap at line " + llvm::Twine(Line) + " would be lost");
  // Locals only the start and size read move to mmap_complete for good.
  std::string Which;
  if (!deleteOrphans(B, Body,
                     orphanedLocals(Body, {Call->getArg(L.Start), Call->getArg(L.Size)}),
                     Which))
    return B.fail("'" + Which + "' would be left unused in ->" + P.Slot +
                  " and its declaration cannot be removed cleanly");
  if (!planProtFold(B, T, P) || !replaceTail(B, T, *Prepare))
    return false;
  B.addSlot(C.Slot);
  SourceLocation After = Def->getBody()->getEndLoc().getLocWithOffset(1);
  return B.replace(CharSourceRange::getCharRange(After, After), Fn, "the end of the handler");
}

} // namespace

std::string completeName(llvm::StringRef Name, const Profile &P) {
  return (Name + P.Complete.Suffix).str();
}

bool findTailPrepopulation(ASTContext &Ctx, const FunctionDecl *Def, const ParmVarDecl *Vma,
                           TailPrepopulation &T, std::string &Refusal) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body)
    return true;
  const SourceManager &SM = Ctx.getSourceManager();

  // Every prepopulating call in the body.
  struct Finder : RecursiveASTVisitor<Finder> {
    std::vector<const CallExpr *> Calls;
    bool VisitCallExpr(CallExpr *C) {
      const CallExpr *Same;
      if (legacyCall(C, Same))
        Calls.push_back(C);
      return true;
    }
  } F;
  F.TraverseStmt(const_cast<CompoundStmt *>(Body));
  if (F.Calls.empty())
    return true;

  // The tail shapes: `return remap(...);` last, or in any block of an
  // action profile (it ends its path all the same); `if (remap(...))
  // return X;` then setup the remap does not touch, then `return 0;`.
  const CallExpr *Call = nullptr;
  const LegacyPrepopulation *L = nullptr;
  size_t N = Body->size();
  const Stmt *Last = Body->body_back();
  auto LineOf = [&](const Stmt *S) {
    return std::to_string(SM.getExpansionLineNumber(S->getBeginLoc()));
  };
  if (const auto *Ret = dyn_cast<ReturnStmt>(Last)) {
    if ((L = legacyCall(Ret->getRetValue(), Call)))
      T.Statement = Ret;
    else if (isZero(Ret->getRetValue()) && N >= 2 && F.Calls.size() == 1)
      for (size_t I = N - 1; I-- > 0;) {
        const auto *If = dyn_cast<IfStmt>(Body->body_begin()[I]);
        if (!If || If->getElse() || If->getInit() || If->getConditionVariable() ||
            !(L = legacyCall(If->getCond(), Call)))
          continue;
        std::vector<const Stmt *> After(Body->body_begin() + I + 1, Body->body_end() - 1);
        for (const Stmt *S : After)
          if (std::string Why = unmovableReason(Ctx, S, Call, Vma); !Why.empty()) {
            Refusal = writtenText(Ctx, S) + " (line " + LineOf(S) + ") follows " +
                      Call->getDirectCallee()->getName().str() + "() at line " + LineOf(Call) +
                      ": " + Why;
            return false;
          }
        const Stmt *Then = If->getThen();
        std::vector<const Stmt *> Logs;
        if (const auto *CS = dyn_cast<CompoundStmt>(Then)) {
          Then = CS->body_empty() ? nullptr : CS->body_back();
          for (const Stmt *S : CS->body())
            if (S != Then)
              Logs.push_back(S);
        }
        const auto *Fail = dyn_cast_or_null<ReturnStmt>(Then);
        bool Logged = std::all_of(Logs.begin(), Logs.end(),
                                  [&](const Stmt *S) { return isConstantLog(Ctx, S); });
        if (!Fail || !Fail->getRetValue() || !Logged) {
          Refusal = Call->getDirectCallee()->getName().str() + "() at line " + LineOf(Call) +
                    " has a failure branch that does more than log a constant message and "
                    "return an error: an mmap action's error hook sees only the error";
          return false;
        }
        T.Statement = If;
        T.ErrorValue = Fail->getRetValue();
        T.FailureLogs = Logs;
        T.MovedBefore = After;
        break;
      }
  }
  if (!L && F.Calls.size() == 1)
    if (const ReturnStmt *Ret = blockReturnOf(Body, F.Calls.front())) {
      L = legacyCall(Ret->getRetValue(), Call);
      T.Statement = Ret;
      T.InBranch = true;
    }
  const CallExpr *First = F.Calls.front();
  if (!L || F.Calls.size() > 1 || Call != First) {
    const CallExpr *Odd = L && Call == First && F.Calls.size() > 1 ? F.Calls[1] : First;
    Refusal = Odd->getDirectCallee()->getName().str() + "() at line " +
              std::to_string(SM.getExpansionLineNumber(Odd->getBeginLoc())) +
              " is not the handler's last step (only `return remap(...);`, or "
              "`if (remap(...)) return err;` then vm_ops setup and `return 0;` at the end, "
              "becomes an mmap action)";
    return false;
  }
  unsigned Line = SM.getExpansionLineNumber(Call->getBeginLoc());
  const auto *VmaRef = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  if (!VmaRef || VmaRef->getDecl() != Vma) {
    Refusal = std::string(L->Name) + "() at line " + std::to_string(Line) +
              " does not map the handler's own vma";
    return false;
  }
  T.Consumed.push_back(Call->getArg(0));
  if (L->Prot >= 0) {
    const Expr *Prot = Call->getArg(L->Prot);
    if (!isVmaField(Prot, Vma, "vm_page_prot")) {
      std::string WhyNot;
      T.Prot = protCopyOf(Ctx, Def, Vma, Prot, WhyNot);
      if (!T.Prot) {
        Refusal = std::string(L->Name) + "() at line " + std::to_string(Line) +
                  " maps with a protection other than vma->vm_page_prot, and an action "
                  "maps with the descriptor's page_prot: " + WhyNot;
        return false;
      }
      T.Consumed.push_back(T.Prot->Copied);
      // The fold changes desc->page_prot on every path, not only the remap's.
      if (T.InBranch) {
        Refusal = std::string(L->Name) + "() at line " + std::to_string(Line) +
                  " maps with a local protection, and the paths that do not remap would "
                  "get it too once it is folded into the descriptor's page_prot";
        return false;
      }
    }
    T.Consumed.push_back(Prot);
  }
  T.Call = Call;
  T.Legacy = L;
  return true;
}

bool planTailPrepopulation(EditBuilder &B, const TailPrepopulation &T, const Profile &P,
                           const FunctionDecl *Def, const ParmVarDecl *File,
                           const ParmVarDecl *Vma) {
  if (!T.Call)
    return true;
  if (P.HasMmapComplete && T.InBranch)
    return B.fail(T.Legacy->Name + llvm::Twine("() at line ") +
                  llvm::Twine(B.line(T.Call->getBeginLoc())) +
                  " returns from inside a branch: profile " + P.Name + "'s " + P.Complete.Slot +
                  " would have to repeat the branch");
  if (P.HasMmapComplete)
    return planComplete(B, T, P, Def, File, Vma);
  return planAction(B, T, P, Def, Vma);
}

} // namespace mmapmigrate
