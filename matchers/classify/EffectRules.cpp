//===- EffectRules.cpp - The claims and findings of the effect check ------===//
#include "matchers/classify/EffectRules.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace mmapmigrate {
namespace {

/// The text of \p E as the driver wrote it, or as clang prints it when a
/// macro wrote it.
std::string spelled(const Expr *E, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange R = E->getSourceRange();
  if (R.getBegin().isFileID() && R.getEnd().isFileID()) {
    llvm::StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM,
                                                Ctx.getLangOpts());
    if (!Text.empty() && Text.size() < 80)
      return Text.str();
  }
  std::string S;
  llvm::raw_string_ostream OS(S);
  E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  return S.size() < 80 ? S : S.substr(0, 77) + "...";
}

std::string calleeName(const EffectSite &Site) {
  return Site.Callee ? Site.Callee->getName().str() : std::string();
}

/// Where a store lands.
enum class StoreRoot { Local, CallerLocal, OwnAllocation, NonLocal };

StoreRoot pointerRoot(const Expr *P, EffectScope &Scope);

/// The storage an lvalue expression names: its variable if it is one (or
/// a member or array element of one), else what its pointer points at.
StoreRoot lvalueRoot(const Expr *E, EffectScope &Scope) {
  for (;;) {
    E = E->IgnoreParens();
    if (const auto *C = dyn_cast<CastExpr>(E)) {
      if (C->getCastKind() == CK_LValueToRValue || C->getCastKind() == CK_NoOp) {
        E = C->getSubExpr();
        continue;
      }
      return StoreRoot::NonLocal;
    }
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (M->isArrow())
        return pointerRoot(M->getBase(), Scope);
      E = M->getBase();
      continue;
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = A->getBase()->IgnoreParenImpCasts();
      if (Base->getType()->isArrayType()) {
        E = Base;
        continue;
      }
      return pointerRoot(A->getBase(), Scope);
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() == UO_Deref)
        return pointerRoot(U->getSubExpr(), Scope);
      return StoreRoot::NonLocal;
    }
    if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(D->getDecl());
      return V && V->hasLocalStorage() ? StoreRoot::Local : StoreRoot::NonLocal;
    }
    if (const auto *CL = dyn_cast<CompoundLiteralExpr>(E))
      return CL->isFileScope() ? StoreRoot::NonLocal : StoreRoot::Local;
    return StoreRoot::NonLocal;
  }
}

/// The storage a pointer value points at.
StoreRoot pointerRoot(const Expr *P, EffectScope &Scope) {
  P = P->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(P))
    if (U->getOpcode() == UO_AddrOf)
      return lvalueRoot(U->getSubExpr(), Scope);
  if (const auto *D = dyn_cast<DeclRefExpr>(P)) {
    if (Scope.pointsToCallerLocal(D->getDecl()))
      return StoreRoot::CallerLocal;
    if (Scope.isOwnAllocation(D->getDecl()))
      return StoreRoot::OwnAllocation;
    const auto *V = dyn_cast<VarDecl>(D->getDecl());
    // A local array decays to a pointer to itself.
    if (V && V->hasLocalStorage() && V->getType()->isArrayType())
      return StoreRoot::Local;
  }
  return StoreRoot::NonLocal;
}

bool isReadModifyWrite(const Stmt *S) {
  if (const auto *U = dyn_cast<UnaryOperator>(S))
    return U->isIncrementDecrementOp();
  return isa<CompoundAssignOperator>(S);
}

SourceLocation siteLoc(const EffectSite &Site) { return Site.S->getBeginLoc(); }

/// The logging macro whose expansion wrote the text at \p Loc, in a logging
/// header (not in the driver's own arguments to it); empty if none.
std::string loggingMacroAt(SourceLocation Loc, ASTContext &Ctx) {
  if (!Loc.isMacroID())
    return "";
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::StringRef File = SM.getFilename(SM.getSpellingLoc(Loc));
  if (File.empty() || !isLoggingHeader(File))
    return "";
  std::string Outermost;
  for (SourceLocation L = Loc; L.isMacroID(); L = SM.getImmediateMacroCallerLoc(L)) {
    llvm::StringRef Name = Lexer::getImmediateMacroName(L, SM, Ctx.getLangOpts());
    if (isLoggingMacro(Name))
      Outermost = Name.str();
  }
  return Outermost;
}

const KnownEffect *knownEffectOf(const EffectSite &Site) {
  if (Site.F != SiteForm::Call || !Site.Callee)
    return nullptr;
  return lookupKnownEffect(Site.Callee->getName());
}

/// The callee's definition, when the translation unit has its body.
const FunctionDecl *bodyOf(const FunctionDecl *Callee) {
  const FunctionDecl *Def = nullptr;
  if (Callee && Callee->hasBody(Def) && Def->getBody())
    return Def;
  return nullptr;
}

bool inMainFile(const FunctionDecl *Def, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  return SM.isInMainFile(SM.getExpansionLoc(Def->getLocation()));
}

Ruling claim(std::string Text) { return Ruling{true, std::move(Text), false}; }
Ruling finding(std::string Text) { return Ruling{false, std::move(Text), false}; }

std::optional<Ruling> followCall(const EffectSite &Site, EffectScope &Scope, bool MainFile) {
  if (Site.F != SiteForm::Call || !Site.Callee)
    return std::nullopt;
  const FunctionDecl *Def = bodyOf(Site.Callee);
  if (!Def || inMainFile(Def, Scope.context()) != MainFile)
    return std::nullopt;
  std::string Name = calleeName(Site);
  if (!Scope.follow(Site.Call, Def))
    return finding("calls " + Name +
                   "(), deeper than the analysis follows: its effects are unknown");
  return claim(Name + "(): its body is analysed with the handler");
}

// --- The rules, in the order they are asked ---------------------------------

std::optional<Ruling> judgeLogging(const EffectSite &Site, EffectScope &Scope) {
  std::string Macro = loggingMacroAt(siteLoc(Site), Scope.context());
  if (Macro.empty())
    return std::nullopt;
  return claim(Macro + "(): logging (what the macro itself writes)");
}

/// trace_foo() functions are made by the tracepoint macros of
/// include/linux/tracepoint.h: a call fires a tracepoint.
std::optional<Ruling> judgeTracepoint(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Call || !Site.Callee ||
      !Site.Callee->getName().starts_with("trace_"))
    return std::nullopt;
  const SourceManager &SM = Scope.context().getSourceManager();
  bool Made = false;
  for (SourceLocation L = Site.Callee->getLocation(); L.isMacroID() && !Made;
       L = SM.getImmediateMacroCallerLoc(L)) {
    llvm::StringRef Macro =
        Lexer::getImmediateMacroName(L, SM, Scope.context().getLangOpts());
    Made = Macro == "__DECLARE_TRACE" || Macro == "DECLARE_TRACE";
  }
  if (!Made)
    return std::nullopt;
  return claim(calleeName(Site) + "(): a tracepoint (made by include/linux/tracepoint.h)");
}

std::optional<Ruling> judgeVmaAnalysis(const EffectSite &Site, EffectScope &Scope) {
  if (!Scope.explainedByVmaFinding(Site.S))
    return std::nullopt;
  return Ruling{true, "", true};
}

std::optional<Ruling> judgeLocalWrite(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Store || lvalueRoot(Site.Target, Scope) != StoreRoot::Local)
    return std::nullopt;
  return claim("writes " + spelled(Site.Target, Scope.context()) +
               ", which lives on the stack");
}

std::optional<Ruling> judgeCallerLocalWrite(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Store ||
      lvalueRoot(Site.Target, Scope) != StoreRoot::CallerLocal)
    return std::nullopt;
  return claim("writes " + spelled(Site.Target, Scope.context()) +
               ", which points at a local of its caller");
}

std::optional<Ruling> judgeOwnAllocationWrite(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Store ||
      lvalueRoot(Site.Target, Scope) != StoreRoot::OwnAllocation)
    return std::nullopt;
  return claim("writes " + spelled(Site.Target, Scope.context()) +
               ", in memory this function allocated: the allocation's own finding decides");
}

/// memset(), memcpy() and memmove() in the forms allmodconfig calls them
/// (the builtins; with KASAN, fortify-string.h's __underlying_*()).
bool isMemoryWriteCall(const FunctionDecl *F) {
  switch (F->getBuiltinID()) {
  case Builtin::BI__builtin_memset:
  case Builtin::BI__builtin_memcpy:
  case Builtin::BI__builtin_memmove:
  case Builtin::BImemset:
  case Builtin::BImemcpy:
  case Builtin::BImemmove:
    return true;
  default:
    break;
  }
  if (!F->getIdentifier())
    return false;
  llvm::StringRef N = F->getName();
  N.consume_front("__underlying_");
  return N == "memset" || N == "memcpy" || N == "memmove";
}

std::optional<Ruling> judgeMemoryWrite(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Call || !Site.Callee || !Site.Call || Site.Call->getNumArgs() < 1 ||
      !isMemoryWriteCall(Site.Callee))
    return std::nullopt;
  // A store through the first argument, judged as a store there would be.
  const Expr *Dest = Site.Call->getArg(0);
  std::string What = calleeName(Site) + "() writes what " + spelled(Dest, Scope.context()) +
                     " points at";
  switch (pointerRoot(Dest, Scope)) {
  case StoreRoot::Local:
    return claim(What + ", which lives on the stack");
  case StoreRoot::CallerLocal:
    return claim(What + ", a local of its caller");
  case StoreRoot::OwnAllocation:
    return claim(What + ", memory this function allocated: the allocation's own finding decides");
  case StoreRoot::NonLocal:
    break;
  }
  return finding(What + ", memory that outlives the call: state that prepare must not change");
}

std::optional<Ruling> judgeCompileTimeAssert(const EffectSite &Site, EffectScope &) {
  if (Site.F != SiteForm::Call || !Site.Callee || !Site.Callee->hasAttr<ErrorAttr>())
    return std::nullopt;
  return claim(calleeName(Site) + "(): a compile-time assertion, never called at run time");
}

std::optional<Ruling> judgeBuiltin(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Call || !Site.Callee)
    return std::nullopt;
  unsigned ID = Site.Callee->getBuiltinID();
  if (!ID)
    return std::nullopt;
  const Builtin::Context &B = Scope.context().BuiltinInfo;
  bool NoMemory = B.isConst(ID) || B.isPure(ID) || ID == Builtin::BI__builtin_unreachable ||
                  ID == Builtin::BI__builtin_trap || ID == Builtin::BI__builtin_expect ||
                  ID == Builtin::BI__builtin_constant_p ||
                  ID == Builtin::BI__builtin_prefetch ||
                  ID == Builtin::BI__builtin_assume ||
                  // Sizes the compiler knows of an object (fortify's checks).
                  ID == Builtin::BI__builtin_object_size ||
                  ID == Builtin::BI__builtin_dynamic_object_size;
  if (!NoMemory)
    return std::nullopt;
  return claim(calleeName(Site) + "(): a compiler builtin that writes no memory");
}

std::optional<Ruling> judgeDriverHelper(const EffectSite &Site, EffectScope &Scope) {
  return followCall(Site, Scope, /*MainFile=*/true);
}

std::optional<Ruling> judgeKnownReads(const EffectSite &Site, EffectScope &) {
  const KnownEffect *K = knownEffectOf(Site);
  if (!K || (K->Effect != KnownEffectKind::Reads && K->Effect != KnownEffectKind::Identity))
    return std::nullopt;
  return claim(K->Name + "(): " + K->Why);
}

std::optional<Ruling> judgeKnownHarmless(const EffectSite &Site, EffectScope &) {
  const KnownEffect *K = knownEffectOf(Site);
  if (!K || K->Effect != KnownEffectKind::Harmless)
    return std::nullopt;
  return claim(K->Name + "(): " + K->Why);
}

std::optional<Ruling> judgeLock(const EffectSite &Site, EffectScope &Scope) {
  const KnownEffect *K = knownEffectOf(Site);
  if (!K || (K->Effect != KnownEffectKind::Lock && K->Effect != KnownEffectKind::Unlock))
    return std::nullopt;
  if (!Site.Call || Site.Call->getNumArgs() <= K->LockArg)
    return finding(K->Name + "(): " + K->Why + ", on a lock the analysis cannot name");
  Scope.lockOp(K->Effect == KnownEffectKind::Lock, K->Family,
               lockName(Site.Call->getArg(K->LockArg), Scope.context()), Site.S);
  return Ruling{true, "", true}; // Settled when the function ends (lock-pair).
}

std::optional<Ruling> judgeLockUnbalanced(const EffectSite &, EffectScope &) {
  return std::nullopt; // Applied by the walker when a function ends.
}

/// Rules applied once the walk is done, to what the others found.
std::optional<Ruling> judgeAfterWalk(const EffectSite &, EffectScope &) { return std::nullopt; }

std::optional<Ruling> judgeKnownState(const EffectSite &Site, EffectScope &) {
  const KnownEffect *K = knownEffectOf(Site);
  if (!K || K->Effect != KnownEffectKind::State)
    return std::nullopt;
  return finding(K->Name + "(): " + K->Why + ", which prepare must not do");
}

std::optional<Ruling> judgeInlineHelper(const EffectSite &Site, EffectScope &Scope) {
  return followCall(Site, Scope, /*MainFile=*/false);
}

std::optional<Ruling> judgeUnknownCallee(const EffectSite &Site, EffectScope &) {
  if (Site.F != SiteForm::Call || !Site.Callee)
    return std::nullopt;
  bool Skipped = bodySkipped(Site.Callee);
  return finding("calls " + calleeName(Site) + "(), whose effects are unknown (" +
                 (Skipped ? "a header function whose body the scan does not parse"
                          : "its body is not in this translation unit") +
                 ")");
}

std::optional<Ruling> judgeIndirectCall(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Call)
    return std::nullopt;
  return finding("calls through a function pointer (" +
                 spelled(Site.Call->getCallee(), Scope.context()) +
                 "), whose effects are unknown");
}

std::optional<Ruling> judgeCompilerBarrier(const EffectSite &Site, EffectScope &) {
  const auto *A = Site.F == SiteForm::Asm ? dyn_cast<GCCAsmStmt>(Site.S) : nullptr;
  if (!A || !A->getAsmString()->getString().trim().empty() || A->getNumOutputs() ||
      A->getNumInputs())
    return std::nullopt;
  return claim("an empty asm statement: a compiler barrier");
}

std::optional<Ruling> judgeLocalOutputAsm(const EffectSite &Site, EffectScope &Scope) {
  const auto *A = Site.F == SiteForm::Asm ? dyn_cast<GCCAsmStmt>(Site.S) : nullptr;
  if (!A || A->getNumOutputs() == 0)
    return std::nullopt;
  for (unsigned I = 0; I < A->getNumClobbers(); ++I)
    if (A->getClobber(I) == "memory")
      return std::nullopt;
  for (unsigned I = 0; I < A->getNumOutputs(); ++I)
    if (lvalueRoot(A->getOutputExpr(I), Scope) != StoreRoot::Local)
      return std::nullopt;
  return claim("an asm statement that writes only locals (its outputs; no memory clobber)");
}

std::optional<Ruling> judgeInlineAsm(const EffectSite &Site, EffectScope &) {
  if (Site.F != SiteForm::Asm)
    return std::nullopt;
  return finding("runs inline assembly, whose effects are unknown");
}

std::optional<Ruling> judgeStoreState(const EffectSite &Site, EffectScope &Scope) {
  if (Site.F != SiteForm::Store)
    return std::nullopt;
  std::string What = spelled(Site.Target, Scope.context());
  return finding((isReadModifyWrite(Site.S) ? "changes " : "stores to ") + What +
                 ", which outlives the call: state that prepare must not change");
}

const std::vector<EffectRule> Rules = {
    {"logging", "Text a logging macro (printk, dev_err, WARN_ON, ...) writes: logging, "
                "a WARN's trap, a warn-once flag.",
     judgeLogging},
    {"tracepoint", "A call to a trace_*() function that the tracepoint macros made: tracing.",
     judgeTracepoint},
    {"vma-analysis", "A use of the vma that the vma analysis explains with its own finding.",
     judgeVmaAnalysis},
    {"local-write", "A store to a variable of the function's own stack frame.",
     judgeLocalWrite},
    {"caller-local-write", "A store through a parameter that every call binds to the "
                           "address of a local of the caller.",
     judgeCallerLocalWrite},
    {"own-allocation-write", "A store into memory the function itself just allocated: the "
                             "allocation is the finding that stands for it.",
     judgeOwnAllocationWrite},
    {"memory-write", "memset(), memcpy() or memmove(): a store through the first argument, "
                     "claimed where that points at the stack, a caller's local or the "
                     "function's own allocation, else a finding.",
     judgeMemoryWrite},
    {"compile-time-assert", "A call to a function marked __attribute__((error)): "
                            "BUILD_BUG_ON() and friends, never called at run time.",
     judgeCompileTimeAssert},
    {"builtin", "A compiler builtin that neither reads nor writes memory it is not given.",
     judgeBuiltin},
    {"followed-call", "A function of the same file: its body is judged statement by "
                      "statement with the handler.",
     judgeDriverHelper},
    {"known-reads", "Kernel API that only reads (kernel-effects.yaml).", judgeKnownReads},
    {"known-harmless", "Kernel API whose change of state prepare may make, with the reason "
                       "(kernel-effects.yaml).",
     judgeKnownHarmless},
    {"lock-pair", "A lock taken and released, by the same family and on the same lock, in "
                  "the same function.",
     judgeLock},
    {"lock-unbalanced", "A lock taken and not released in the same function, or the "
                        "other way round: still held when prepare returns.",
     judgeLockUnbalanced},
    {"mapping-lifetime", "A state change that the vm_ops->close the handler installs, or "
                         "the handler itself later, undoes: it lasts as long as the mapping "
                         "and moves to vm_ops->mapped where it can (StateLifetime.h).",
     judgeAfterWalk},
    {"sticky-state", "A constant flag of the file's own struct that nothing clears, set "
                     "before a failure return of the handler: a later failure leaves "
                     "nothing the old handler did not (StateLifetime.h).",
     judgeAfterWalk},
    {"known-state", "Kernel API that changes state prepare must not change "
                    "(kernel-effects.yaml).",
     judgeKnownState},
    {"followed-inline", "A header function with a body in the translation unit: judged "
                        "statement by statement.",
     judgeInlineHelper},
    {"unknown-callee", "A function with no body to judge and no entry in the data: its "
                       "effects are unknown.",
     judgeUnknownCallee},
    {"indirect-call", "A call through a function pointer: what runs is not known.",
     judgeIndirectCall},
    {"compiler-barrier", "An empty asm statement with no operands: barrier().",
     judgeCompilerBarrier},
    {"local-output-asm", "An asm statement whose outputs are all locals and that clobbers no "
                         "memory: a computation (rdtsc, array_index_nospec()).",
     judgeLocalOutputAsm},
    {"inline-asm", "Any other asm statement: its effects are unknown.", judgeInlineAsm},
    {"store-state", "Any other store: to a global, a static, or through a pointer into "
                    "memory that outlives the call.",
     judgeStoreState},
};

} // namespace

const std::vector<EffectRule> &effectRules() { return Rules; }

const EffectRule *findEffectRule(llvm::StringRef Id) {
  for (const EffectRule &R : Rules)
    if (Id == R.Id)
      return &R;
  return nullptr;
}

std::pair<const EffectRule *, Ruling> judgeEffect(const EffectSite &Site, EffectScope &Scope) {
  for (const EffectRule &R : Rules)
    if (std::optional<Ruling> Out = R.Judge(Site, Scope))
      return {&R, std::move(*Out)};
  // Unreachable while store-state, indirect-call and inline-asm close the list.
  return {findEffectRule("store-state"), finding("an effect no rule recognises")};
}

bool bodySkipped(const FunctionDecl *F) {
  for (const FunctionDecl *R : F->redecls())
    if (R->hasSkippedBody())
      return true;
  return false;
}

std::string lockName(const Expr *Arg, ASTContext &Ctx) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  while (const auto *C = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *F = C->getDirectCallee();
    const KnownEffect *K = F ? lookupKnownEffect(F->getName()) : nullptr;
    if (!K || K->Effect != KnownEffectKind::Identity || C->getNumArgs() == 0)
      break;
    E = C->getArg(0)->IgnoreParenImpCasts();
  }
  std::string S;
  llvm::raw_string_ostream OS(S);
  E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  return S;
}

} // namespace mmapmigrate
