//===- HandlerAnalyzer.cpp - Facts about one ->mmap handler body ----------===//
#include "matchers/classify/HandlerAnalyzer.h"
#include "matchers/classify/FopsMmapTest.h"
#include "matchers/classify/ProtCopy.h"
#include "matchers/classify/EffectRules.h"
#include "matchers/classify/StateLifetime.h"
#include "matchers/classify/VmaAccess.h"
#include "matchers/classify/VmaApiCatalog.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <set>
#include <tuple>

using namespace clang;

namespace mmapmigrate {

SourcePos toSourcePos(const ASTContext &Ctx, SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourcePos P;
  if (Loc.isInvalid())
    return P;
  SourceLocation E = SM.getExpansionLoc(Loc);
  PresumedLoc PL = SM.getPresumedLoc(E, /*UseLineDirectives=*/false);
  if (PL.isInvalid())
    return P;
  llvm::SmallString<256> Path(PL.getFilename());
  if (auto FE = SM.getFileEntryRefForID(SM.getFileID(E))) {
    llvm::StringRef Real = FE->getFileEntry().tryGetRealPathName();
    if (!Real.empty())
      Path = Real;
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  P.File = std::string(Path);
  P.Line = PL.getLine();
  P.Col = PL.getColumn();
  return P;
}

namespace {

bool isVmaPointerType(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  if (!PT)
    return false;
  const auto *RT = PT->getPointeeType()->getAs<RecordType>();
  return RT && RT->getDecl()->getName() == "vm_area_struct";
}

std::string format(const char *Template, llvm::StringRef Name) {
  std::string S(Template);
  size_t At = S.find("%s");
  if (At != std::string::npos)
    S.replace(At, 2, Name.str());
  return S;
}

/// Shared state of one analysis: the findings and the functions already
/// entered (recursion guard).
struct AnalysisState {
  ASTContext &Ctx;
  unsigned MaxDepth;       ///< For helpers the vma goes to.
  unsigned MaxEffectDepth; ///< For any other callee.
  std::vector<Finding> Findings;
  std::vector<EffectClaim> Claims;
  /// Functions walked, with which parameters held the vma and which a
  /// caller's local: a helper is judged once per binding.
  std::set<std::tuple<const FunctionDecl *, std::vector<unsigned>, std::vector<unsigned>>>
      Entered;
  std::set<std::pair<std::string, std::string>> ReadsSeen;
  std::vector<StateChangeSite> StateSites; ///< The handler's own state changes.
  unsigned Walked = 0; ///< Functions walked, bounded by MaxWalked.
  static constexpr unsigned MaxWalked = 400;
};

/// Walks one function body with a set of variables that hold the vma.
class BodyWalker : public RecursiveASTVisitor<BodyWalker>, public EffectScope {
public:
  BodyWalker(AnalysisState &S, const FunctionDecl *Fn, unsigned Depth,
             std::set<const VarDecl *> Vmas, const BodyWalker *Caller = nullptr,
             std::set<const ValueDecl *> CallerLocals = {})
      : S(S), Fn(Fn), Depth(Depth), Vmas(std::move(Vmas)), Caller(Caller),
        CallerLocals(std::move(CallerLocals)) {}

  void run() {
    TraverseStmt(Fn->getBody());
    settleLocks();
  }

  // --- EffectScope ---------------------------------------------------------
  ASTContext &context() override { return S.Ctx; }
  bool isVma(const ValueDecl *D) const override { return isVmaVar(D); }
  bool pointsToCallerLocal(const ValueDecl *D) const override {
    return CallerLocals.count(D) != 0;
  }
  bool explainedByVmaFinding(const Stmt *St) const override { return Explained.count(St); }
  bool isOwnAllocation(const ValueDecl *D) const override { return Allocated.count(D); }
  bool follow(const CallExpr *Call, const FunctionDecl *Def) override {
    return followForEffects(Call, Def, {});
  }
  void lockOp(bool Acquire, const std::string &Family, const std::string &Lock,
              const Stmt *At) override {
    Locks.push_back({Acquire, Family, Lock, At});
  }

  // Code that never runs has no effect: operands of sizeof and typeof, the
  // branch of an `if` the compiler folds away (IS_ENABLED()).
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E) {
    return unevaluated([&] { return RecursiveASTVisitor::TraverseUnaryExprOrTypeTraitExpr(E); });
  }
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc TL) {
    return unevaluated([&] { return RecursiveASTVisitor::TraverseTypeOfExprTypeLoc(TL); });
  }
  bool TraverseIfStmt(IfStmt *If) {
    bool Taken = false;
    const Expr *Cond = If->getCond();
    if (!Cond || If->getConditionVariable() || Cond->isValueDependent() ||
        !Cond->EvaluateAsBooleanCondition(Taken, S.Ctx))
      return RecursiveASTVisitor::TraverseIfStmt(If);
    if (If->getInit())
      TraverseStmt(If->getInit());
    TraverseStmt(If->getCond());
    Stmt *Dead = Taken ? If->getElse() : If->getThen();
    Stmt *Live = Taken ? If->getThen() : If->getElse();
    if (Live)
      TraverseStmt(Live);
    if (Dead)
      unevaluated([&] { return TraverseStmt(Dead); });
    return true;
  }

  // Loops matter: a remap in a loop is not one action.
  bool TraverseForStmt(ForStmt *L) { return inLoop([&] { return RecursiveASTVisitor::TraverseForStmt(L); }); }
  bool TraverseWhileStmt(WhileStmt *L) { return inLoop([&] { return RecursiveASTVisitor::TraverseWhileStmt(L); }); }
  bool TraverseDoStmt(DoStmt *L) { return inLoop([&] { return RecursiveASTVisitor::TraverseDoStmt(L); }); }

  bool VisitVarDecl(VarDecl *V) {
    // A local copy of the vma pointer is the vma too.
    if (V->hasLocalStorage() && isVmaRef(V->getInit())) {
      Vmas.insert(V);
      markHandled(V->getInit());
    }
    if (V->hasLocalStorage() && V->getInit() && isAllocation(V->getInit()))
      Allocated.insert(V);
    // __attribute__((cleanup(f))) calls f(&V) when V goes out of scope.
    if (const auto *C = V->getAttr<CleanupAttr>())
      if (effectsCount())
        judgeCleanup(V, C->getFunctionDecl());
    return true;
  }

  bool VisitGCCAsmStmt(GCCAsmStmt *A) {
    judge(EffectSite{SiteForm::Asm, A, nullptr, nullptr, nullptr});
    return true;
  }
  bool VisitMSAsmStmt(MSAsmStmt *A) {
    judge(EffectSite{SiteForm::Asm, A, nullptr, nullptr, nullptr});
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (!B->isAssignmentOp())
      return true;
    if (auto Access = vmaField(B->getLHS())) {
      recordWrite(Access->second, B->getLHS());
      Handled.insert(Access->first);
      Explained.insert(B);
    }
    if (isVmaRef(B->getRHS())) {
      markHandled(B->getRHS());
      const Expr *L = B->getLHS()->IgnoreParenImpCasts();
      const auto *DRE = dyn_cast<DeclRefExpr>(L);
      const auto *LV = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (LV && LV->hasLocalStorage() && !LV->getType()->isReferenceType()) {
        Vmas.insert(LV);
      } else {
        add(Kind::VmaEscapes, "vma-stored",
            "stores the vma pointer where it outlives the call", B->getBeginLoc());
        Explained.insert(B);
      }
    }
    if (B->getOpcode() == BO_Assign && isAllocation(B->getRHS()))
      if (const auto *D = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && V->hasLocalStorage())
          Allocated.insert(V);
    judge(EffectSite{SiteForm::Store, B, B->getLHS(), nullptr, nullptr});
    return true;
  }

  /// \p E is a call to an allocator (catalogue or data): its result is
  /// memory this function owns.
  static bool isAllocation(const Expr *E) {
    const auto *C = dyn_cast<CallExpr>(E->IgnoreParenCasts());
    const FunctionDecl *F = C ? C->getDirectCallee() : nullptr;
    if (!F)
      return false;
    if (const KnownCallee *K = lookupKnownCallee(F->getName()))
      return llvm::StringRef(K->Message).contains("allocates");
    const KnownEffect *K = lookupKnownEffect(F->getName());
    return K && K->Effect == KnownEffectKind::State && K->Allocates;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp()) {
      if (auto Access = vmaField(U->getSubExpr())) {
        recordWrite(Access->second, U);
        Handled.insert(Access->first);
        Explained.insert(U);
      }
      judge(EffectSite{SiteForm::Store, U, U->getSubExpr(), nullptr, nullptr});
    } else if (U->getOpcode() == UO_AddrOf) {
      if (auto Access = vmaField(U->getSubExpr())) {
        add(Kind::VmaEscapes, "vma-field-address",
            "takes the address of vma->" + Access->second, U->getBeginLoc());
        Handled.insert(Access->first);
      } else if (isVmaRef(U->getSubExpr())) {
        markHandled(U->getSubExpr());
        add(Kind::VmaEscapes, "vma-stored", "takes the address of the vma pointer",
            U->getBeginLoc());
      }
    }
    return true;
  }

  bool VisitMemberExpr(MemberExpr *M) {
    if (Handled.count(M))
      return true;
    if (isFopsMmapSlot(M)) {
      add(Kind::PureSetup, "f_op-mmap-test",
          "tests a file_operations ->mmap slot directly", M->getBeginLoc());
      // A test alone becomes the profile's can_mmap_file(); any other use
      // of the slot (a copy, a comparison with a function) stays a human's.
      if (!mmapSlotTest(S.Ctx, M))
        S.Findings.back().Blocks =
            "uses f_op->mmap other than as a test, which misses files that provide "
            "->mmap_prepare (can_mmap_file() and vfs_mmap() know both)";
      return true;
    }
    auto Access = vmaField(M);
    if (!Access || Access->first != M)
      return true;
    const std::string &Field = Access->second;
    if (!vmaFieldHasDescEquivalent(Field))
      add(Kind::NeedsMapped, "vma-field-no-desc",
          "uses vma->" + Field + ", which has no vm_area_desc equivalent",
          M->getBeginLoc());
    else if (S.ReadsSeen.insert({"read", Field}).second)
      add(Kind::PureSetup, "vma-field-read", "reads vma->" + Field,
          M->getBeginLoc());
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (explainVmaCall(Call))
      Explained.insert(Call);
    judge(EffectSite{SiteForm::Call, Call, nullptr, Call, Call->getDirectCallee()});
    return true;
  }

  /// The vma analysis of a call: true when it recorded a finding that says
  /// what the call means (or walked the helper the vma goes to).
  bool explainVmaCall(CallExpr *Call) {
    std::vector<unsigned> VmaArgs;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (isVmaRef(Call->getArg(I))) {
        VmaArgs.push_back(I);
        markHandled(Call->getArg(I));
      }

    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee) {
      // Calling through f_op->mmap is dispatch, not a test of the slot.
      if (const auto *M = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts()))
        Handled.insert(M);
      if (!VmaArgs.empty()) {
        add(Kind::Dispatch, "dispatch-indirect",
            "forwards the vma through a function pointer", Call->getBeginLoc());
        return true;
      }
      return false;
    }
    llvm::StringRef Name = Callee->getName();
    if (const KnownCallee *K = lookupKnownCallee(Name)) {
      addKnown(*K, Name, Call);
      return true;
    }
    if (Name == "up_read" || Name == "up_write") {
      if (mentionsMmapLock(Call)) {
        add(Kind::LockDrop, "lock-drop", "drops the mmap lock with " + Name.str() + "()",
            Call->getBeginLoc(), Name.str());
        return true;
      }
      return false;
    }
    if (VmaArgs.empty())
      return false; // The effect rules judge it.

    const FunctionDecl *Def = nullptr;
    bool Visible = Callee->hasBody(Def) && Def->getBody();
    if (!Visible) {
      add(Kind::VmaEscapes, "vma-escapes-call",
          "passes the vma to " + Name.str() + "(), whose body is not in this translation unit",
          Call->getBeginLoc(), Name.str());
      return true;
    }
    if (Depth >= S.MaxDepth) {
      add(Kind::VmaEscapes, "vma-escapes-call",
          "passes the vma to " + Name.str() + "(), deeper than the analysis follows",
          Call->getBeginLoc(), Name.str());
      return true;
    }
    // Followed; a helper of the handler's own file is converted with it,
    // any other would need a descriptor form of its own.
    if (Depth == 0 && VmaArgs.size() == 1 && convertsWithHandler(S.Ctx, Def)) {
      add(Kind::PureSetup, "vma-helper-call",
          "passes the vma to " + Name.str() +
              "(), a static helper of this file that a rewrite converts with the handler",
          Call->getBeginLoc(), Name.str());
    } else {
      add(Kind::PureSetup, "vma-helper-call",
          "passes the vma to " + Name.str() + "(), analysed as part of the handler",
          Call->getBeginLoc(), Name.str());
      S.Findings.back().Blocks =
          "the vma goes to " + Name.str() + "(), which would need a descriptor form too";
    }
    std::set<const VarDecl *> Params;
    for (unsigned I : VmaArgs)
      if (I < Def->getNumParams())
        Params.insert(Def->getParamDecl(I));
    follow(Def, std::move(Params), Call);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *D) {
    if (Handled.count(D) || !isVmaVar(D->getDecl()))
      return true;
    // Null checks and comparisons do not let the vma escape.
    const Stmt *Child = D;
    for (;;) {
      auto Parents = S.Ctx.getParents(*Child);
      if (Parents.empty())
        break;
      const Stmt *P = Parents[0].get<Stmt>();
      if (!P)
        break;
      if (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P)) {
        Child = P;
        continue;
      }
      if (const auto *B = dyn_cast<BinaryOperator>(P))
        if (B->isComparisonOp() || B->isLogicalOp())
          return true;
      if (const auto *U = dyn_cast<UnaryOperator>(P))
        if (U->getOpcode() == UO_LNot)
          return true;
      if (isa<IfStmt>(P) || isa<ConditionalOperator>(P) || isa<ReturnStmt>(P))
        return true;
      break;
    }
    add(Kind::VmaEscapes, "vma-escapes-expr",
        "uses the vma pointer in a way the analysis does not model", D->getBeginLoc());
    return true;
  }

private:
  template <typename F> bool inLoop(F Traverse) {
    ++LoopDepth;
    bool R = Traverse();
    --LoopDepth;
    return R;
  }

  bool isVmaVar(const ValueDecl *D) const {
    const auto *V = dyn_cast_or_null<VarDecl>(D);
    return V && Vmas.count(V);
  }

  bool isVmaRef(const Expr *E) const {
    if (!E)
      return false;
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return D && isVmaVar(D->getDecl());
  }

  void markHandled(const Expr *E) {
    if (const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      Handled.insert(D);
  }

  /// If \p E is `vma->field` (through anonymous unions), the outermost
  /// MemberExpr and the field name; the implicit levels count as handled.
  std::optional<std::pair<const Stmt *, std::string>> vmaField(const Expr *E) {
    auto A = fieldAccess(E);
    if (!A || !isVmaVar(A->Base->getDecl()))
      return std::nullopt;
    for (const MemberExpr *M : A->Anonymous)
      Handled.insert(M);
    Handled.insert(A->Base);
    return std::make_pair(static_cast<const Stmt *>(A->Outer), A->Field);
  }

  void recordWrite(const std::string &Field, const Stmt *At) {
    SourceLocation L = At->getBeginLoc();
    if (Field == "vm_ops")
      add(Kind::PureSetup, "vm-ops-set", "sets vma->vm_ops", L);
    else if (Field == "vm_private_data")
      add(Kind::PureSetup, "private-data-set", "sets vma->vm_private_data", L);
    else if (Field == "vm_page_prot")
      add(Kind::PureSetup, "page-prot-set", "sets vma->vm_page_prot", L);
    else if (Field == "vm_pgoff")
      add(Kind::PureSetup, "pgoff-set", "sets vma->vm_pgoff", L);
    else if (Field == "vm_flags" || Field == "__vm_flags")
      add(Kind::PureSetup, "flags-change", "writes vma->vm_flags directly", L);
    else if (Field == "vm_file")
      add(Kind::Dispatch, "stacked-file", "replaces vma->vm_file (stacked file)", L);
    else if (Field == "vm_start" || Field == "vm_end" || Field == "vm_mm")
      add(Kind::VmaSurgery, "vma-bounds-write", "writes vma->" + Field, L);
    else
      add(Kind::NeedsMapped, "vma-field-no-desc",
          "writes vma->" + Field + ", which has no vm_area_desc equivalent", L);
  }

  bool mentionsMmapLock(const CallExpr *Call) {
    for (const Expr *A : Call->arguments()) {
      const Expr *E = A->IgnoreParenImpCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(E))
        E = U->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *M = dyn_cast<MemberExpr>(E)) {
        llvm::StringRef N = M->getMemberDecl()->getName();
        if (N == "mmap_lock" || N == "mmap_sem")
          return true;
      }
    }
    return false;
  }

  /// The parameters of \p Def that \p Params holds, by index.
  template <typename Decl>
  static std::vector<unsigned> indicesOf(const FunctionDecl *Def,
                                         const std::set<const Decl *> &Params) {
    std::vector<unsigned> Out;
    for (unsigned I = 0; I < Def->getNumParams(); ++I)
      if (Params.count(Def->getParamDecl(I)))
        Out.push_back(I);
    return Out;
  }

  /// Walks a helper the vma goes to (the vma analysis' own depth bound).
  void follow(const FunctionDecl *Def, std::set<const VarDecl *> Params, const CallExpr *Call) {
    if (Depth >= S.MaxDepth)
      return;
    walk(Def, std::move(Params), localBindings(Def, Call), Call);
  }

  /// Walks \p Def once per binding of its parameters (the vma, the
  /// caller's locals); a binding already walked, or being walked, is not.
  void walk(const FunctionDecl *Def, std::set<const VarDecl *> Params,
            std::set<const ValueDecl *> Locals, const CallExpr *Call) {
    if (!S.Entered.insert({Def, indicesOf(Def, Params), indicesOf(Def, Locals)}).second)
      return;
    ++S.Walked;
    BodyWalker Inner(S, Def, Depth + 1, std::move(Params), this, std::move(Locals));
    Inner.Via = Depth == 0 && Call ? toSourcePos(S.Ctx, Call->getBeginLoc()) : Via;
    Inner.run();
  }

  /// The parameters of \p Def that \p Call binds to the address of one of
  /// this function's locals (or to a pointer that already points at one).
  std::set<const ValueDecl *> localBindings(const FunctionDecl *Def, const CallExpr *Call) {
    std::set<const ValueDecl *> Out;
    if (!Call)
      return Out;
    for (unsigned I = 0; I < Call->getNumArgs() && I < Def->getNumParams(); ++I)
      if (pointsAtLocal(Call->getArg(I)))
        Out.insert(Def->getParamDecl(I));
    return Out;
  }

  bool pointsAtLocal(const Expr *Arg) const {
    const Expr *E = Arg->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf) {
        const Expr *L = U->getSubExpr()->IgnoreParens();
        while (const auto *M = dyn_cast<MemberExpr>(L)) {
          if (M->isArrow())
            return false;
          L = M->getBase()->IgnoreParens();
        }
        const auto *D = dyn_cast<DeclRefExpr>(L);
        const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
        return V && V->hasLocalStorage() && !V->getType()->isPointerType();
      }
    if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
      if (CallerLocals.count(D->getDecl()))
        return true;
      const auto *V = dyn_cast<VarDecl>(D->getDecl());
      return V && V->hasLocalStorage() && V->getType()->isArrayType();
    }
    return false;
  }

  /// Walks any other callee for its effects (EffectScope::follow).
  bool followForEffects(const CallExpr *Call, const FunctionDecl *Def,
                        std::set<const ValueDecl *> Locals) {
    if (Depth >= S.MaxEffectDepth || S.Walked >= AnalysisState::MaxWalked)
      return false;
    if (Call)
      Locals = localBindings(Def, Call);
    walk(Def, {}, std::move(Locals), Call);
    return true;
  }

  /// The cleanup function of a local runs on `&V` at the end of its scope.
  void judgeCleanup(const VarDecl *V, const FunctionDecl *Cleanup) {
    std::string Name = Cleanup ? Cleanup->getName().str() : "?";
    const FunctionDecl *Def = nullptr;
    SourceLocation Loc = V->getLocation();
    if (!Cleanup || !Cleanup->hasBody(Def) || !Def->getBody()) {
      if (const KnownEffect *K = Cleanup ? lookupKnownEffect(Name) : nullptr;
          K && (K->Effect == KnownEffectKind::Reads || K->Effect == KnownEffectKind::Harmless)) {
        addClaim("known-harmless", Name + "(): " + K->Why, Loc);
        return;
      }
      addEffect("unknown-callee",
                "runs " + Name + "() when '" + V->getName().str() +
                    "' goes out of scope, whose effects are unknown",
                Loc);
      return;
    }
    std::set<const ValueDecl *> Locals;
    if (Def->getNumParams() == 1)
      Locals.insert(Def->getParamDecl(0));
    if (followForEffects(nullptr, Def, std::move(Locals)))
      addClaim("followed-call",
               Name + "(), run when '" + V->getName().str() +
                   "' goes out of scope: its body is analysed with the handler",
               Loc);
    else
      addEffect("followed-call", "runs " + Name + "(), deeper than the analysis follows", Loc);
  }

  bool effectsCount() const { return UnevalDepth == 0; }

  template <typename F> bool unevaluated(F Traverse) {
    ++UnevalDepth;
    bool R = Traverse();
    --UnevalDepth;
    return R;
  }

  /// Puts one site to the effect rules and records the outcome.
  void judge(const EffectSite &Site) {
    if (!effectsCount())
      return;
    auto [Rule, R] = judgeEffect(Site, *this);
    if (R.Silent)
      return;
    if (R.Harmless) {
      addClaim(Rule->Id, R.Text, Site.S->getBeginLoc());
      return;
    }
    addEffect(Rule->Id, R.Text, Site.S->getBeginLoc());
    // The handler's own state changes: how long they last is judged once
    // the walk is done (StateLifetime.h).
    llvm::StringRef Id = Rule->Id;
    if (Depth == 0 && LoopDepth == 0 && (Id == "store-state" || Id == "known-state"))
      S.StateSites.push_back({Site.S, S.Findings.size() - 1});
    // A function of another file: the scan may find its body there.
    if (llvm::StringRef(Rule->Id) == "unknown-callee" && Site.Callee &&
        Site.Callee->isExternallyVisible() && !bodySkipped(Site.Callee))
      S.Findings.back().ExternCallee = Site.Callee->getName().str();
  }

  /// " (in inner(), from outer())": where a helper's line sits.
  std::string chain() const {
    std::string Out;
    for (const BodyWalker *W = this; W && W->Depth > 0; W = W->Caller)
      Out += (Out.empty() ? " (in " : ", from ") + W->Fn->getName().str() + "()";
    return Out.empty() ? Out : Out + ")";
  }

  void addClaim(const std::string &Rule, const std::string &Text, SourceLocation Loc,
                SourceLocation End = SourceLocation()) {
    EffectClaim C;
    C.Rule = Rule;
    C.Text = Text + chain();
    C.Pos = toSourcePos(S.Ctx, Loc);
    if (End.isValid())
      C.EndLine = toSourcePos(S.Ctx, End).Line;
    C.InHelper = Depth > 0;
    S.Claims.push_back(std::move(C));
  }

  void addEffect(const std::string &Rule, const std::string &Text, SourceLocation Loc) {
    add(Kind::ChangesState, Rule, Text, Loc);
  }

  /// Each lock this function takes must be released by it, and the other
  /// way round: per family and lock as written. Paths are not followed: a
  /// lock released on three early-exit paths and taken once is balanced.
  void settleLocks() {
    std::map<std::pair<std::string, std::string>, std::vector<const LockOp *>> ByLock;
    for (const LockOp &L : Locks)
      ByLock[{L.Family, L.Lock}].push_back(&L);
    for (const auto &[Key, Ops] : ByLock) {
      bool Taken = false, Released = false;
      for (const LockOp *L : Ops)
        (L->Acquire ? Taken : Released) = true;
      const Stmt *First = Ops.front()->At, *Last = Ops.back()->At;
      if (Taken && Released) {
        addClaim("lock-pair", Key.second + " (" + Key.first + ") taken and released",
                 First->getBeginLoc(), Last->getBeginLoc());
        continue;
      }
      std::string Text = Taken ? "takes " + Key.second + " (" + Key.first +
                                     ") and it is not released in the same function: "
                                     "still held after prepare"
                               : "releases " + Key.second + " (" + Key.first +
                                     "), which it did not take in the same function";
      addEffect("lock-unbalanced", Text, First->getBeginLoc());
    }
  }

  void addKnown(const KnownCallee &K, llvm::StringRef Name, const CallExpr *Call) {
    add(K.K, K.Rule, format(K.Message, Name), Call->getBeginLoc(), Name.str());
    if ((K.K == Kind::PureSetup || K.K == Kind::GenericWrapper) && !K.HasDescForm)
      S.Findings.back().Blocks = Name.str() + "() has no vm_area_desc equivalent";
    // Remaps keep the facts the verdict needs: whose vma, which prot.
    if (K.K == Kind::RemapPfn && Call->getNumArgs() > 0) {
      Finding &F = S.Findings.back();
      bool OwnVma = isVmaRef(Call->getArg(0)) && Depth == 0;
      bool OwnProt = true;
      if (Name != "vm_iomap_memory") {
        const Expr *Prot = Call->getNumArgs() >= 5 ? Call->getArg(4) : nullptr;
        auto Access = Prot ? vmaField(Prot) : std::nullopt;
        OwnProt = Access && Access->second == "vm_page_prot";
        if (Access)
          Handled.insert(Access->first);
      }
      if (!OwnVma)
        F.Detail += ":foreign-vma";
      // A local copy of vm_page_prot made uncached folds into the descriptor.
      if (!OwnProt) {
        std::string WhyNot;
        const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
        const auto *VmaVar = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
        const Expr *Prot = Call->getNumArgs() >= 5 ? Call->getArg(4) : nullptr;
        if (OwnVma && VmaVar && protCopyOf(S.Ctx, Fn, VmaVar, Prot, WhyNot)) {
          F.Detail += ":local-prot";
        } else {
          F.Detail += ":other-prot";
          F.Blocks = WhyNot;
        }
      }
    }
  }

  void add(Kind K, std::string Rule, std::string Message, SourceLocation Loc,
           std::string Detail = "") {
    Finding F;
    F.K = K;
    F.Rule = std::move(Rule);
    F.Message = std::move(Message);
    F.Message += chain();
    F.Pos = toSourcePos(S.Ctx, Loc);
    F.Detail = std::move(Detail);
    F.InLoop = LoopDepth > 0;
    F.InHelper = Depth > 0;
    F.Via = Via;
    S.Findings.push_back(std::move(F));
  }

  struct LockOp {
    bool Acquire;
    std::string Family, Lock;
    const Stmt *At;
  };

  AnalysisState &S;
  const FunctionDecl *Fn;
  unsigned Depth;
  unsigned LoopDepth = 0;
  unsigned UnevalDepth = 0; ///< Inside code that never runs.
  SourcePos Via; ///< The handler's call that led here (helpers only).
  std::set<const VarDecl *> Vmas;
  const BodyWalker *Caller;
  /// Pointer parameters that point at the caller's locals.
  std::set<const ValueDecl *> CallerLocals;
  llvm::SmallPtrSet<const Stmt *, 16> Handled;
  /// Stores and calls the vma analysis explained with a finding.
  llvm::SmallPtrSet<const Stmt *, 16> Explained;
  std::vector<LockOp> Locks;
  /// Locals holding memory this function allocated.
  std::set<const ValueDecl *> Allocated;
};

/// A preprocessor conditional inside the body blocks a rewrite.
void addBodyConditional(AnalysisState &S, const FunctionDecl *Def) {
  SourceLocation At = bodyConditional(S.Ctx, Def);
  if (At.isInvalid())
    return;
  Finding F;
  F.K = Kind::PureSetup;
  F.Rule = BodyConditionalRule;
  F.Message = "has a preprocessor conditional in its body";
  F.Pos = toSourcePos(S.Ctx, At);
  F.Blocks = "the body has a preprocessor conditional: code in other configurations cannot "
             "be checked";
  S.Findings.push_back(std::move(F));
}

} // namespace

SourceLocation bodyConditional(const ASTContext &Ctx, const FunctionDecl *Def) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Body = Def->getBody()->getSourceRange();
  auto [FID, From] = SM.getDecomposedLoc(SM.getExpansionLoc(Body.getBegin()));
  unsigned To = SM.getFileOffset(SM.getExpansionLoc(Body.getEnd()));
  if (To < From)
    return SourceLocation();
  llvm::StringRef Text = SM.getBufferData(FID).slice(From, To);
  static const llvm::Regex Conditional("(^|\n)[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else)[^a-z_]");
  llvm::SmallVector<llvm::StringRef, 2> M;
  if (!Conditional.match(Text, &M))
    return SourceLocation();
  return SM.getComposedLoc(FID, From + (M[0].data() - Text.data()) + M[1].size());
}

std::string writtenText(const ASTContext &Ctx, const Stmt *S) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = SM.getExpansionRange(S->getSourceRange());
  return Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
}

bool convertsWithHandler(const ASTContext &Ctx, const FunctionDecl *Helper) {
  const SourceManager &SM = Ctx.getSourceManager();
  const FunctionDecl *Def = nullptr;
  if (!Helper->hasBody(Def) || !Def->getBody() || Def->isExternallyVisible())
    return false;
  SourceLocation At = Def->getLocation();
  if (At.isMacroID() || !SM.isInMainFile(At))
    return false;
  unsigned Vmas = 0;
  for (const ParmVarDecl *P : Def->parameters())
    Vmas += isVmaPointerType(P->getType());
  return Vmas == 1 && bodyConditional(Ctx, Def).isInvalid();
}

HandlerFacts analyzeHandler(ASTContext &Ctx, const FunctionDecl *Handler, unsigned MaxDepth,
                            unsigned MaxEffectDepth) {
  AnalysisState S{Ctx, MaxDepth, std::max(MaxDepth, MaxEffectDepth), {}, {}, {}, {}, {}};
  const FunctionDecl *Def = nullptr;
  if (!Handler->hasBody(Def) || !Def->getBody())
    return {};
  std::set<const VarDecl *> Vmas;
  const ParmVarDecl *Vma = nullptr;
  for (const ParmVarDecl *P : Def->parameters())
    if (isVmaPointerType(P->getType())) {
      Vmas.insert(P);
      Vma = Vma ? Vma : P;
    }
  S.Entered.insert({Def, {}, {}});
  BodyWalker W(S, Def, 0, std::move(Vmas));
  W.run();
  if (Vma)
    placeStateChanges(Ctx, Def, Vma, S.StateSites, S.Findings, S.Claims);
  addBodyConditional(S, Def);
  std::stable_sort(S.Findings.begin(), S.Findings.end(),
                   [](const Finding &A, const Finding &B) { return A.Pos < B.Pos; });
  // One line per claim and line: a macro's expansion makes many sites.
  auto Key = [](const EffectClaim &C) {
    return std::tie(C.Pos.File, C.Pos.Line, C.Rule, C.Text);
  };
  std::stable_sort(S.Claims.begin(), S.Claims.end(),
                   [&](const EffectClaim &A, const EffectClaim &B) { return Key(A) < Key(B); });
  S.Claims.erase(std::unique(S.Claims.begin(), S.Claims.end(),
                             [&](const EffectClaim &A, const EffectClaim &B) {
                               return Key(A) == Key(B);
                             }),
                 S.Claims.end());
  return {std::move(S.Findings), std::move(S.Claims)};
}

} // namespace mmapmigrate
