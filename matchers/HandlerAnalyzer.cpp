//===- HandlerAnalyzer.cpp - Facts about one ->mmap handler body ----------===//
#include "matchers/HandlerAnalyzer.h"
#include "matchers/VmaAccess.h"
#include "matchers/VmaApiCatalog.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <set>

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
  unsigned MaxDepth;
  std::vector<Finding> Findings;
  std::set<const FunctionDecl *> Entered;
  std::set<std::pair<std::string, std::string>> ReadsSeen;
};

/// Walks one function body with a set of variables that hold the vma.
class BodyWalker : public RecursiveASTVisitor<BodyWalker> {
public:
  BodyWalker(AnalysisState &S, const FunctionDecl *Fn, unsigned Depth,
             std::set<const VarDecl *> Vmas)
      : S(S), Fn(Fn), Depth(Depth), Vmas(std::move(Vmas)) {}

  void run() { TraverseStmt(Fn->getBody()); }

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
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (!B->isAssignmentOp())
      return true;
    if (auto Access = vmaField(B->getLHS())) {
      recordWrite(Access->second, B->getLHS());
      Handled.insert(Access->first);
    }
    if (isVmaRef(B->getRHS())) {
      markHandled(B->getRHS());
      const Expr *L = B->getLHS()->IgnoreParenImpCasts();
      const auto *DRE = dyn_cast<DeclRefExpr>(L);
      const auto *LV = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (LV && LV->hasLocalStorage() && !LV->getType()->isReferenceType())
        Vmas.insert(LV);
      else
        add(Kind::VmaEscapes, "vma-stored",
            "stores the vma pointer where it outlives the call", B->getBeginLoc());
    }
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp()) {
      if (auto Access = vmaField(U->getSubExpr())) {
        recordWrite(Access->second, U);
        Handled.insert(Access->first);
      }
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
      S.Findings.back().Blocks =
          "tests f_op->mmap directly, which misses files that provide ->mmap_prepare "
          "(file_has_valid_mmap_hooks() / can_mmap_file() know both)";
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
      if (!VmaArgs.empty())
        add(Kind::Dispatch, "dispatch-indirect",
            "forwards the vma through a function pointer", Call->getBeginLoc());
      return true;
    }
    llvm::StringRef Name = Callee->getName();
    if (const KnownCallee *K = lookupKnownCallee(Name)) {
      addKnown(*K, Name, Call);
      return true;
    }
    if (Name == "up_read" || Name == "up_write") {
      if (mentionsMmapLock(Call))
        add(Kind::LockDrop, "lock-drop", "drops the mmap lock with " + Name.str() + "()",
            Call->getBeginLoc(), Name.str());
      return true;
    }

    const FunctionDecl *Def = nullptr;
    bool Visible = Callee->hasBody(Def) && Def->getBody();
    if (VmaArgs.empty()) {
      // Side effects hide in the driver's own helpers; the kernel's header
      // helpers are either in the catalogue or do not matter here.
      if (Visible && isInMainFile(Def))
        follow(Def, {}, Call);
      return true;
    }
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
    // Followed, but a rewrite would have to convert the helper as well.
    add(Kind::PureSetup, "vma-helper-call",
        "passes the vma to " + Name.str() + "(), analysed as part of the handler",
        Call->getBeginLoc(), Name.str());
    S.Findings.back().Blocks =
        "the vma goes to " + Name.str() + "(), which would need a descriptor form too";
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

  static bool isFopsMmapSlot(const MemberExpr *M) {
    const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
    return F && F->getName() == "mmap" && F->getParent()->getName() == "file_operations";
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

  bool isInMainFile(const FunctionDecl *Def) const {
    const SourceManager &SM = S.Ctx.getSourceManager();
    return SM.isInMainFile(SM.getExpansionLoc(Def->getLocation()));
  }

  void follow(const FunctionDecl *Def, std::set<const VarDecl *> Params, const CallExpr *Call) {
    if (Depth >= S.MaxDepth || !S.Entered.insert(Def).second)
      return;
    BodyWalker Inner(S, Def, Depth + 1, std::move(Params));
    Inner.Via = Depth == 0 ? toSourcePos(S.Ctx, Call->getBeginLoc()) : Via;
    Inner.run();
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
      if (!OwnProt)
        F.Detail += ":other-prot";
    }
  }

  void add(Kind K, std::string Rule, std::string Message, SourceLocation Loc,
           std::string Detail = "") {
    Finding F;
    F.K = K;
    F.Rule = std::move(Rule);
    F.Message = std::move(Message);
    if (Depth > 0)
      F.Message += " (in " + Fn->getName().str() + "())";
    F.Pos = toSourcePos(S.Ctx, Loc);
    F.Detail = std::move(Detail);
    F.InLoop = LoopDepth > 0;
    F.InHelper = Depth > 0;
    F.Via = Via;
    S.Findings.push_back(std::move(F));
  }

  AnalysisState &S;
  const FunctionDecl *Fn;
  unsigned Depth;
  unsigned LoopDepth = 0;
  SourcePos Via; ///< The handler's call that led here (helpers only).
  std::set<const VarDecl *> Vmas;
  llvm::SmallPtrSet<const Stmt *, 16> Handled;
};

} // namespace

std::vector<Finding> analyzeHandlerBody(ASTContext &Ctx, const FunctionDecl *Handler,
                                        unsigned MaxDepth) {
  AnalysisState S{Ctx, MaxDepth, {}, {}, {}};
  const FunctionDecl *Def = nullptr;
  if (!Handler->hasBody(Def) || !Def->getBody())
    return {};
  std::set<const VarDecl *> Vmas;
  for (const ParmVarDecl *P : Def->parameters())
    if (isVmaPointerType(P->getType()))
      Vmas.insert(P);
  S.Entered.insert(Def);
  BodyWalker W(S, Def, 0, std::move(Vmas));
  W.run();
  std::stable_sort(S.Findings.begin(), S.Findings.end(),
                   [](const Finding &A, const Finding &B) { return A.Pos < B.Pos; });
  return std::move(S.Findings);
}

} // namespace mmapmigrate
