//===- HandlerRewriter.cpp - Plan the ->mmap_prepare edits ----------------===//
#include "rewrites/edit/HandlerRewriter.h"
#include "rewrites/edit/ActionRewriter.h"
#include "rewrites/edit/CoreUseRewriter.h"
#include "rewrites/edit/DeclarationEdits.h"
#include "rewrites/edit/DeferredWork.h"
#include "rewrites/edit/EditBuilder.h"
#include "matchers/classify/FopsMmapTest.h"
#include "matchers/classify/HandlerAnalyzer.h"
#include "matchers/classify/VmaAccess.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/xxhash.h"

#include <set>

using namespace clang;

namespace mmapmigrate {

namespace {

const RecordDecl *pointeeRecord(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  if (!PT)
    return nullptr;
  const auto *RT = PT->getPointeeType()->getAs<RecordType>();
  return RT ? RT->getDecl() : nullptr;
}

/// Splits `VM_A | VM_B` into {"A", "B"}; false if a leaf is anything else.
bool flagNames(const Expr *E, EditBuilder &B, std::vector<std::string> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Or)
      return flagNames(BO->getLHS(), B, Out) && flagNames(BO->getRHS(), B, Out);
  std::string Leaf = B.text(E->getSourceRange());
  static const llvm::Regex Flag("^VM_([A-Z0-9_]+)$");
  llvm::SmallVector<llvm::StringRef, 2> M;
  if (!Flag.match(Leaf, &M))
    return false;
  Out.push_back(M[1].str());
  return true;
}

/// Rewrites the uses of the vma and file parameters inside one body.
class BodyRewriter : public RecursiveASTVisitor<BodyRewriter> {
public:
  /// \p Consumed: expressions another planner replaces whole (the vma and
  /// protection arguments of a final remap).
  BodyRewriter(EditBuilder &B, const Profile &P, const ParmVarDecl *Vma,
               const ParmVarDecl *File, const std::vector<const Expr *> &Consumed)
      : B(B), P(P), Vma(Vma), File(File) {
    for (const Expr *E : Consumed)
      cover(E);
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || covered(Call))
      return true;
    llvm::StringRef Name = Callee->getName();
    if (Name == "vm_flags_set" || Name == "vm_flags_clear" || Name == "vm_flags_mod")
      return rewriteFlagCall(Call, Name);
    if (ConvertHelpers && rewriteHelperCall(Call))
      return true;
    auto H = P.Helpers.find(Name.str());
    if (H == P.Helpers.end())
      return true;
    // Only calls on the handler's own file, vma or vma flags have a
    // descriptor form.
    for (const Expr *A : Call->arguments())
      if (!isParam(A, Vma) && !isParam(A, File) && !isVmaFlags(A))
        return B.fail(Name + "() at line " + llvm::Twine(B.line(Call->getBeginLoc())) +
                      " takes other arguments than the handler's file, vma and vma flags");
    cover(Call);
    return B.replaceTokens(Call->getSourceRange(), H->second, Name + "()");
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_And || covered(BO) || P.Flags != FlagStyle::Bits)
      return true;
    const Expr *Flags = nullptr;
    if (isVmaFlags(BO->getLHS()))
      Flags = BO->getRHS();
    else if (isVmaFlags(BO->getRHS()))
      Flags = BO->getLHS();
    if (!Flags)
      return true;
    unsigned Line = B.line(BO->getBeginLoc());
    // `(flags & X) == 0` and `!= 0` are tests too.
    const Expr *Compare = nullptr;
    bool Negate = false;
    if (const BinaryOperator *Cmp = comparisonWithZero(BO)) {
      Compare = Cmp;
      Negate = Cmp->getOpcode() == BO_EQ;
    } else if (!inBooleanContext(BO)) {
      return B.fail("the flag test at line " + llvm::Twine(Line) +
                    " is used as a value, not as a condition");
    }
    std::vector<std::string> Names;
    if (!flagNames(Flags, B, Names))
      return B.fail("the flags tested at line " + llvm::Twine(Line) +
                    " are not a list of VM_* names");
    const std::string &Tmpl = Names.size() == 1 ? P.FlagTest : P.FlagTestAny;
    if (Tmpl.empty())
      return B.fail("profile " + P.Name + " has no test for several flags (line " +
                    llvm::Twine(Line) + ")");
    auto Text = fill(Tmpl, Names, Flags);
    if (!Text)
      return false;
    cover(BO);
    if (Negate)
      *Text = "!" + *Text;
    // `!(vma->vm_flags & VM_X)` becomes `!vma_desc_test(...)`: a call needs
    // none of the parentheses the bitwise test needed.
    const Expr *Whole = Compare ? Compare : BO;
    for (;;) {
      auto Parents = B.Ctx.getParents(*Whole);
      const auto *Paren = Parents.empty() ? nullptr : Parents[0].get<ParenExpr>();
      if (!Paren)
        break;
      Whole = Paren;
    }
    cover(Whole);
    return B.replaceTokens(Whole->getSourceRange(), *Text, "a vma flag test");
  }

  /// Trees before 6.3 write the flags directly: `|= VM_X` is what
  /// vm_flags_set() does and `&= ~VM_X` what vm_flags_clear() does, so
  /// they take the same calls. Any other write has no descriptor form.
  bool VisitCompoundAssignOperator(CompoundAssignOperator *CA) {
    if (covered(CA) || P.Flags != FlagStyle::Bits || !isVmaFlags(CA->getLHS()))
      return true;
    unsigned Line = B.line(CA->getBeginLoc());
    const Expr *Flags = CA->getRHS()->IgnoreParenImpCasts();
    const std::string *Tmpl = nullptr;
    if (CA->getOpcode() == BO_OrAssign) {
      Tmpl = &P.FlagSet;
    } else if (const auto *Not = dyn_cast<UnaryOperator>(Flags);
               CA->getOpcode() == BO_AndAssign && Not && Not->getOpcode() == UO_Not) {
      Tmpl = &P.FlagClear;
      Flags = Not->getSubExpr();
    }
    if (!Tmpl)
      return B.fail("vma->vm_flags at line " + llvm::Twine(Line) + " is written with `" +
                    CA->getOpcodeStr() + "`, which is neither a set (|= VM_X) nor a clear " +
                    "(&= ~VM_X)");
    if (!isStatementOfItsOwn(CA))
      return B.fail("the vma->vm_flags write at line " + llvm::Twine(Line) +
                    " is used as a value");
    std::vector<std::string> Names;
    if (!flagNames(Flags, B, Names))
      return B.fail("the flags written to vma->vm_flags at line " + llvm::Twine(Line) +
                    " are not a list of VM_* names");
    auto Text = fill(*Tmpl, Names, Flags, /*PlainList=*/true);
    if (!Text)
      return false;
    cover(CA);
    return B.replaceTokens(CA->getSourceRange(),
                           wrapLine(*Text, indentOf(B.SM, CA->getBeginLoc())),
                           "a vma->vm_flags write");
  }

  bool VisitMemberExpr(MemberExpr *M) {
    if (covered(M))
      return true;
    if (isFopsMmapSlot(M))
      return editMmapHookTest(B, M, P);
    auto Field = fieldOf(M, Vma);
    if (!Field)
      return true;
    cover(M);
    unsigned Line = B.line(M->getBeginLoc());
    if ((*Field == "vm_flags" || *Field == "__vm_flags") && P.Flags == FlagStyle::Bits)
      return B.fail("vma->vm_flags at line " + llvm::Twine(Line) +
                    " is used other than in a flag test");
    auto It = P.Fields.find(*Field == "__vm_flags" ? "vm_flags" : *Field);
    if (It == P.Fields.end())
      return B.fail("vma->" + *Field + " (line " + llvm::Twine(Line) +
                    ") has no descriptor field in profile " + P.Name);
    return B.replaceTokens(M->getSourceRange(), It->second, "vma->" + *Field);
  }

  bool VisitDeclRefExpr(DeclRefExpr *D) {
    if (D->getDecl() == Vma && !covered(D))
      UncoveredVma.push_back(D);
    if (File && D->getDecl() == File && !covered(D))
      FileRefs.push_back(D);
    return true;
  }

  std::vector<const DeclRefExpr *> UncoveredVma, FileRefs;
  /// Whether a static helper of this file the vma goes to is converted
  /// with the body (the handler's; a helper's own helpers are not).
  bool ConvertHelpers = false;
  /// Those helpers, each with the index of its vma parameter.
  std::vector<std::pair<const FunctionDecl *, unsigned>> VmaHelpers;

private:
  /// `helper(..., vma, ...)` passes the descriptor instead; the helper is
  /// planned once the body is done.
  bool rewriteHelperCall(const CallExpr *Call) {
    const FunctionDecl *Def = nullptr;
    if (!Call->getDirectCallee()->hasBody(Def) || !convertsWithHandler(B.Ctx, Def))
      return false;
    std::optional<unsigned> Index;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (isParam(Call->getArg(I), Vma)) {
        if (Index)
          return false;
        Index = I;
      }
    if (!Index || *Index >= Def->getNumParams())
      return false;
    const Expr *Arg = Call->getArg(*Index);
    cover(Arg);
    if (std::find_if(VmaHelpers.begin(), VmaHelpers.end(),
                     [&](const auto &H) { return H.first == Def; }) == VmaHelpers.end())
      VmaHelpers.push_back({Def, *Index});
    B.replaceTokens(Arg->getSourceRange(), P.Param, "the vma argument");
    const auto *Name = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
    if (!Name)
      return B.fail("cannot rename the call to " + Def->getName() + "()");
    return B.replaceTokens(Name->getSourceRange(), preparedHelperName(Def->getName(), P),
                           "the helper's name");
  }

  bool isParam(const Expr *E, const ParmVarDecl *PV) const {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return PV && D && D->getDecl() == PV;
  }

  bool isVmaFlags(const Expr *E) const {
    auto F = fieldOf(E, Vma);
    return F && (*F == "vm_flags" || *F == "__vm_flags");
  }

  /// A statement in a block, or the whole branch of an if: a place where a
  /// call returning void may stand.
  bool isStatementOfItsOwn(const Stmt *S) {
    auto Parents = B.Ctx.getParents(*S);
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (Parent && isa<CompoundStmt>(Parent))
      return true;
    const auto *If = dyn_cast_or_null<IfStmt>(Parent);
    return If && (If->getThen() == S || If->getElse() == S);
  }

  /// `E == 0` or `E != 0` (through parentheses), if that is E's parent.
  const BinaryOperator *comparisonWithZero(const Expr *E) {
    const Stmt *Child = E;
    for (;;) {
      auto Parents = B.Ctx.getParents(*Child);
      const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
      if (Parent && isa<ParenExpr>(Parent)) {
        Child = Parent;
        continue;
      }
      const auto *Cmp = dyn_cast_or_null<BinaryOperator>(Parent);
      if (!Cmp || (Cmp->getOpcode() != BO_EQ && Cmp->getOpcode() != BO_NE))
        return nullptr;
      const Expr *Other = Cmp->getLHS()->IgnoreParenImpCasts() == E->IgnoreParenImpCasts() ||
                                  Cmp->getLHS() == Child
                              ? Cmp->getRHS()
                              : Cmp->getLHS();
      const auto *Zero = dyn_cast<IntegerLiteral>(Other->IgnoreParenImpCasts());
      return Zero && Zero->getValue() == 0 ? Cmp : nullptr;
    }
  }

  bool inBooleanContext(const Expr *E) {
    const Stmt *Child = E;
    for (;;) {
      auto Parents = B.Ctx.getParents(*Child);
      if (Parents.empty())
        return false;
      const Stmt *Parent = Parents[0].get<Stmt>();
      if (!Parent)
        return false;
      // Converted to bool (`bool rw = flags & VM_WRITE;`) is a test.
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent))
        if (Cast->getType()->isBooleanType())
          return true;
      if (isa<ParenExpr>(Parent) || isa<ImplicitCastExpr>(Parent)) {
        Child = Parent;
        continue;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(Parent))
        return U->getOpcode() == UO_LNot;
      if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
        return BO->isLogicalOp();
      if (const auto *If = dyn_cast<IfStmt>(Parent))
        return If->getCond() == Child;
      if (const auto *W = dyn_cast<WhileStmt>(Parent))
        return W->getCond() == Child;
      if (const auto *C = dyn_cast<ConditionalOperator>(Parent))
        return C->getCond() == Child;
      return false;
    }
  }

  std::optional<std::string> fill(const std::string &Tmpl, const std::vector<std::string> &Names,
                                  const Expr *FlagsExpr, bool PlainList = false) {
    std::vector<std::string> Bits;
    for (const std::string &N : Names) {
      auto Bit = fillTemplate(P.FlagBit, {{"name", N}});
      if (!Bit) {
        B.fail(llvm::toString(Bit.takeError()));
        return std::nullopt;
      }
      Bits.push_back(*Bit);
    }
    // A plain list is rebuilt on one line; anything else is kept verbatim.
    std::string Mask = B.text(FlagsExpr->getSourceRange());
    if (PlainList) {
      std::vector<std::string> Flags;
      for (const std::string &N : Names)
        Flags.push_back("VM_" + N);
      Mask = llvm::join(Flags, " | ");
    }
    // ~VM_X needs no parentheses, ~(VM_X | VM_Y) does.
    static const llvm::Regex Identifier("^[A-Za-z_][A-Za-z0-9_]*$");
    std::string Operand = Identifier.match(Mask) ? Mask : "(" + Mask + ")";
    std::map<std::string, std::string> Vars = {
        {"bits", llvm::join(Bits, ", ")},
        {"bit", Bits.empty() ? "" : Bits.front()},
        {"mask", Mask},
        {"mask_operand", Operand}};
    auto Text = fillTemplate(Tmpl, Vars);
    if (!Text) {
      B.fail(llvm::toString(Text.takeError()));
      return std::nullopt;
    }
    return *Text;
  }

  bool rewriteFlagCall(const CallExpr *Call, llvm::StringRef Name) {
    unsigned Line = B.line(Call->getBeginLoc());
    if (Call->getNumArgs() < 2 || !isParam(Call->getArg(0), Vma))
      return B.fail(Name + "() at line " + llvm::Twine(Line) + " is not on the handler's vma");
    std::vector<std::string> Texts;
    auto One = [&](const Expr *Flags, const std::string &Tmpl) -> bool {
      std::vector<std::string> Names;
      bool Plain = flagNames(Flags, B, Names);
      if (P.Flags == FlagStyle::Bits && !Plain)
        return B.fail("the flags given to " + Name + "() at line " + llvm::Twine(Line) +
                      " are not a list of VM_* names");
      auto T = fill(Tmpl, Names, Flags, Plain);
      if (!T)
        return false;
      Texts.push_back(*T);
      return true;
    };
    bool Ok = Name == "vm_flags_set"     ? One(Call->getArg(1), P.FlagSet)
              : Name == "vm_flags_clear" ? One(Call->getArg(1), P.FlagClear)
                                         : Call->getNumArgs() == 3 &&
                                               One(Call->getArg(1), P.FlagSet) &&
                                               One(Call->getArg(2), P.FlagClear);
    if (!Ok)
      return B.fail(Name + "() at line " + llvm::Twine(Line) + " cannot be rewritten");
    cover(Call);
    // vm_flags_mod() becomes two statements: repeat the line's indentation.
    std::string Indent = indentOf(B.SM, Call->getBeginLoc());
    for (std::string &T : Texts)
      T = wrapLine(T, Indent);
    return B.replaceTokens(Call->getSourceRange(), llvm::join(Texts, ";\n" + Indent),
                           Name + "()");
  }

  void cover(const Stmt *S) {
    if (!S)
      return;
    Covered.insert(S);
    for (const Stmt *C : S->children())
      cover(C);
  }
  bool covered(const Stmt *S) const { return Covered.count(S); }

  EditBuilder &B;
  const Profile &P;
  const ParmVarDecl *Vma;
  const ParmVarDecl *File;
  llvm::SmallPtrSet<const Stmt *, 32> Covered;
};

/// EXPORT_SYMBOL(foo) declares and names foo in its expansion;
/// renameExports() renames the line itself.
bool inExportSymbol(const SourceManager &SM, SourceLocation L) {
  if (!L.isMacroID())
    return false;
  auto [FID, Off] = SM.getDecomposedLoc(SM.getExpansionLoc(L));
  return SM.getBufferData(FID).substr(Off).starts_with("EXPORT_SYMBOL");
}

/// Calls \p Visit with every reference to \p FD in the main file's
/// declarations (the TU's own code, macro expansions included).
void forEachReference(ASTContext &Ctx, const FunctionDecl *FD,
                      llvm::function_ref<void(const DeclRefExpr *)> Visit) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const FunctionDecl *FD;
    llvm::function_ref<void(const DeclRefExpr *)> Visit;
    bool shouldVisitImplicitCode() const { return false; }
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      if (D->getDecl()->getCanonicalDecl() == FD->getCanonicalDecl())
        Visit(D);
      return true;
    }
  } F{{}, FD, Visit};
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      F.TraverseDecl(D);
}

/// Uses of \p FD other than as a file_operations initialiser.
std::optional<unsigned> otherUseLine(ASTContext &Ctx, const FunctionDecl *FD) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<unsigned> Line;
  forEachReference(Ctx, FD, [&](const DeclRefExpr *D) {
    if (Line || inExportSymbol(SM, D->getBeginLoc()))
      return;
    const Stmt *Child = D;
    for (;;) {
      auto Parents = Ctx.getParents(*Child);
      const Stmt *P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
      if (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) || isa<DesignatedInitExpr>(P) ||
                (isa<UnaryOperator>(P) && cast<UnaryOperator>(P)->getOpcode() == UO_AddrOf))) {
        Child = P;
        continue;
      }
      const auto *ILE = dyn_cast_or_null<InitListExpr>(P);
      const RecordDecl *RD = nullptr;
      if (ILE)
        if (const auto *RT = ILE->getType()->getAs<RecordType>())
          RD = RT->getDecl();
      if (!RD || RD->getName() != "file_operations")
        Line = SM.getExpansionLineNumber(D->getBeginLoc());
      return;
    }
  });
  return Line;
}

/// The line where \p Def already declares or uses \p Name (other than as
/// \p Vma): the descriptor parameter taking that name would shadow it, or
/// be shadowed in an inner block, and the code might still compile.
std::optional<unsigned> nameTakenIn(ASTContext &Ctx, const FunctionDecl *Def,
                                    const ParmVarDecl *Vma, llvm::StringRef Name) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ParmVarDecl *Vma;
    llvm::StringRef Name;
    SourceLocation At;
    bool VisitVarDecl(VarDecl *V) {
      if (At.isInvalid() && V != Vma && V->getName() == Name)
        At = V->getLocation();
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      if (At.isInvalid() && D->getDecl() != Vma && D->getDecl()->getName() == Name)
        At = D->getLocation();
      return true;
    }
  } F{{}, Vma, Name, {}};
  F.TraverseDecl(const_cast<FunctionDecl *>(Def));
  if (F.At.isInvalid())
    return std::nullopt;
  return Ctx.getSourceManager().getExpansionLineNumber(F.At);
}

/// A mention of a helper other than a call from the handler's body: in
/// the AST (another caller, its address taken), or only in the file's text
/// (a call in code this configuration skips, inside a macro's definition).
struct HelperMention {
  unsigned Line;
  bool InAst;
};

/// The first such mention of \p Helper, if any. Comments do not count.
std::optional<HelperMention> helperMentionOutside(ASTContext &Ctx, const FunctionDecl *Helper,
                                                  const FunctionDecl *Handler) {
  const SourceManager &SM = Ctx.getSourceManager();
  FileID FID = SM.getFileID(SM.getExpansionLoc(Helper->getLocation()));
  SourceRange Body = Handler->getBody()->getSourceRange();
  // Offsets of the name where the AST accounts for it.
  std::set<unsigned> Seen;
  for (const FunctionDecl *R : Helper->redecls())
    if (!R->getLocation().isMacroID())
      Seen.insert(SM.getFileOffset(R->getLocation()));
  std::optional<HelperMention> Out;
  forEachReference(Ctx, Helper, [&](const DeclRefExpr *D) {
    SourceLocation L = SM.getExpansionLoc(D->getBeginLoc());
    if (!D->getLocation().isMacroID() && SM.getFileID(D->getLocation()) == FID)
      Seen.insert(SM.getFileOffset(D->getLocation()));
    auto Parents = Ctx.getParents(*D);
    const auto *Cast = Parents.empty() ? nullptr : Parents[0].get<ImplicitCastExpr>();
    auto Up = Cast ? Ctx.getParents(*Cast) : Parents;
    const auto *Call = Up.empty() ? nullptr : Up[0].get<CallExpr>();
    bool InBody = SM.isPointWithin(L, SM.getExpansionLoc(Body.getBegin()),
                                   SM.getExpansionLoc(Body.getEnd()));
    if (!Out && (!Call || Call->getCallee()->IgnoreParenImpCasts() != D || !InBody))
      Out = HelperMention{SM.getExpansionLineNumber(L), true};
  });
  if (Out)
    return Out;
  llvm::StringRef Buf = SM.getBufferData(FID);
  Lexer Raw(SM.getLocForStartOfFile(FID), Ctx.getLangOpts(), Buf.begin(), Buf.begin(),
            Buf.end());
  Token T;
  while (!Raw.LexFromRawLexer(T))
    if (T.is(tok::raw_identifier) && T.getRawIdentifier() == Helper->getName() &&
        !Seen.count(SM.getFileOffset(T.getLocation())))
      return HelperMention{SM.getSpellingLineNumber(T.getLocation()), false};
  return std::nullopt;
}

/// Converts a static helper the handler passes its vma to: its body as the
/// handler's (without a file parameter), its name and vma parameter in
/// every declaration, its kernel-doc. Every use must be a call from the
/// handler's body, whose argument the body rewrite has turned already.
void planVmaHelper(EditBuilder &B, const FunctionDecl *Handler, const FunctionDecl *Helper,
                   unsigned Index, const Profile &P) {
  if (auto M = helperMentionOutside(B.Ctx, Helper, Handler)) {
    if (M->InAst)
      B.fail(Helper->getName() + "(), which the vma goes to, is also used at line " +
             llvm::Twine(M->Line) + ": converting it would break that use");
    else
      B.fail(Helper->getName() + "(), which the vma goes to, is also named at line " +
             llvm::Twine(M->Line) + ", which the rewrite cannot see as a call from the " +
             "handler (code another configuration compiles, or a macro)");
    return;
  }
  const ParmVarDecl *Vma = Helper->getParamDecl(Index);
  const RecordDecl *R = pointeeRecord(Vma->getType());
  if (!R || R->getName() != "vm_area_struct") {
    B.fail(Helper->getName() + "() takes the vma as another type");
    return;
  }
  if (auto Line = nameTakenIn(B.Ctx, Helper, Vma, P.Param)) {
    B.fail(Helper->getName() + "(), which the vma goes to, already uses the name " + P.Param +
           " (line " + llvm::Twine(*Line) + "), which the descriptor parameter would take");
    return;
  }
  BodyRewriter Body(B, P, Vma, nullptr, {});
  Body.TraverseStmt(Helper->getBody());
  for (const DeclRefExpr *D : Body.UncoveredVma)
    B.fail("the vma is used at line " + llvm::Twine(B.line(D->getBeginLoc())) + " in " +
           Helper->getName() + "() in a way profile " + P.Name +
           " has no descriptor form for");
  std::string NewName = preparedHelperName(Helper->getName(), P);
  for (const FunctionDecl *Decl : Helper->redecls())
    rewriteHelperSignature(B, Decl, Index, NewName, P);
  rewriteKernelDoc(B, Helper, NewName, nullptr, Vma, P);
  renameInKernelDoc(B, Handler, Helper->getName(), NewName);
}

/// The other configuration's `#define foo_mmap generic_file_mmap` becomes
/// `#define foo_mmap_prepare generic_file_mmap_prepare`: its slot then names
/// the helper's _prepare form, whose signature the profile gives. The
/// verifier parses that configuration too (the line is in a skipped block).
void renameInactiveAlias(EditBuilder &B, const FunctionDecl *Def, llvm::StringRef NewName,
                         const InactiveAlias &Alias, const Profile &P) {
  std::string NewTarget = P.ParamDecl;
  if (!Alias.Stub) {
    auto H = P.Helpers.find(Alias.Target);
    if (H == P.Helpers.end()) {
      B.fail(Def->getName() + " is also defined as " + Alias.Target +
             " in another configuration, which profile " + P.Name + " has no form for");
      return;
    }
    // "generic_file_mmap_prepare(desc)": the function's name.
    NewTarget = llvm::StringRef(H->second).split('(').first.trim().str();
  }
  // A stub only returns a constant: its signature is all that changes.
  const char *What = Alias.Stub ? "the other configuration's stub"
                                : "the other configuration's alias";
  FileID Home = B.SM.getFileID(B.SM.getExpansionLoc(Def->getLocation()));
  auto Range = [&](unsigned From, unsigned To) {
    return CharSourceRange::getCharRange(B.SM.getComposedLoc(Home, From),
                                         B.SM.getComposedLoc(Home, To));
  };
  B.replace(Range(Alias.NameOffset, Alias.NameOffset + Def->getName().size()), NewName.str(),
            What);
  B.replace(Range(Alias.TargetOffset, Alias.TargetEnd), NewTarget, What);
}

} // namespace

EditPlan planHandlerRewrite(ASTContext &Ctx, const FunctionDecl *Handler, const Profile &P,
                            const std::vector<std::pair<unsigned, unsigned>> &Deferred,
                            const InactiveAlias &Alias) {
  EditBuilder B(Ctx);
  const FunctionDecl *Def = nullptr;
  if (!Handler->hasBody(Def) || !Def->getBody()) {
    B.fail("no body to rewrite");
    return B.take();
  }
  const ParmVarDecl *File = nullptr, *Vma = nullptr;
  if (Def->getNumParams() == 2) {
    const RecordDecl *R0 = pointeeRecord(Def->getParamDecl(0)->getType());
    const RecordDecl *R1 = pointeeRecord(Def->getParamDecl(1)->getType());
    if (R0 && R0->getName() == "file" && R1 && R1->getName() == "vm_area_struct") {
      File = Def->getParamDecl(0);
      Vma = Def->getParamDecl(1);
    }
  }
  if (!Vma) {
    B.fail("the handler does not take (struct file *, struct vm_area_struct *)");
    return B.take();
  }
  // The checks below (other uses, raw mentions, code the preprocessor
  // skipped) read the TU's own file: a handler of a file the TU #includes
  // (a .c included by another, a header) could have uses they miss.
  const SourceManager &SM = Ctx.getSourceManager();
  if (SourceLocation At = SM.getExpansionLoc(Def->getLocation()); !SM.isInMainFile(At)) {
    B.fail("defined in " + SM.getFilename(At) +
           ", which this TU #includes: the rewrite's checks read only the TU's own file");
    return B.take();
  }
  if (auto Line = otherUseLine(Ctx, Def)) {
    B.fail(Def->getName() + "() is also used at line " + llvm::Twine(*Line) +
           ", not only as a fops slot");
    return B.take();
  }

  // Code this configuration does not compile is not rewritten here: a
  // handler with a body conditional converts only when the scan has
  // planned each skipped block in a parse that compiles it and merged the
  // plans (the analysis's body-conditional finding blocks until then).

  if (auto Line = nameTakenIn(Ctx, Def, Vma, P.Param)) {
    B.fail("the body already uses the name " + P.Param + " (line " + llvm::Twine(*Line) +
           "), which the descriptor parameter would take");
    return B.take();
  }

  // A final remap becomes an action; any other prepopulation stays.
  TailPrepopulation Tail;
  std::string NotTail;
  if (!findTailPrepopulation(Ctx, Def, Vma, Tail, NotTail)) {
    B.fail(NotTail);
    return B.take();
  }

  // Work that needs the mapping moves out whole.
  DeferredWork Work;
  if (!findDeferredWork(Ctx, Def, Vma, Deferred, P, Work, NotTail)) {
    B.fail(NotTail);
    return B.take();
  }
  if (!Work.Statements.empty() && Tail.Call && P.HasMmapComplete) {
    B.fail("both the final remap and the work that needs the mapping would go to ->" +
           P.Complete.Slot + ": one function for both is not written yet");
    return B.take();
  }
  std::vector<const Expr *> Consumed = Tail.Consumed;
  for (const Stmt *S : Work.Statements)
    Consumed.push_back(cast<Expr>(S));

  // The body first: it decides whether a local for the file is needed.
  BodyRewriter Body(B, P, Vma, File, Consumed);
  Body.ConvertHelpers = true;
  Body.TraverseStmt(Def->getBody());
  for (const auto &[Helper, Index] : Body.VmaHelpers)
    planVmaHelper(B, Def, Helper, Index, P);
  for (const DeclRefExpr *D : Body.UncoveredVma)
    B.fail("the vma is used at line " + llvm::Twine(B.line(D->getBeginLoc())) +
           " in a way profile " + P.Name + " has no descriptor form for");
  std::string FileName = File->getName().str();
  // A body with a conditional spells the file at each use: a local would
  // be unused in a configuration whose arm does not use it, and each
  // configuration's plan must agree on the code they share.
  if (Body.FileRefs.size() == 1 || bodyConditional(Ctx, Def).isValid()) {
    for (const Expr *Ref : Body.FileRefs)
      B.replaceTokens(Ref->getSourceRange(), P.FileExpr, "the file parameter");
  } else if (Body.FileRefs.size() > 1) {
    // A local only when the file is used more than once, first among the
    // declarations, with a blank line after declarations.
    // Right after the opening brace, so it also precedes a leading comment.
    const auto *CS = cast<CompoundStmt>(Def->getBody());
    const Stmt *First = CS->body_empty() ? nullptr : *CS->body_begin();
    SourceLocation Brace = CS->getLBracLoc();
    auto [FID, Off] = B.SM.getDecomposedLoc(B.SM.getExpansionLoc(Brace));
    llvm::StringRef Buf = B.SM.getBufferData(FID);
    size_t NextLine = Buf.find('\n', Off);
    if (!First || Brace.isMacroID() || NextLine == llvm::StringRef::npos) {
      B.fail("cannot place a local for the file in the body");
    } else {
      std::string Decl = "\tstruct file *" + FileName + " = " + P.FileExpr + ";\n";
      if (!isa<DeclStmt>(First))
        Decl += "\n";
      SourceLocation L = B.SM.getComposedLoc(FID, NextLine + 1);
      B.replace(CharSourceRange::getCharRange(L, L), Decl, "the body");
    }
  }

  // The remap's arguments now carry their descriptor spellings.
  planTailPrepopulation(B, Tail, P, Def, File, Vma);
  planDeferredWork(B, Work, P, Def, File, Vma);

  // Then the signature of every declaration of the handler.
  std::string NewName = preparedName(Def->getName(), P);
  for (const FunctionDecl *R : Def->redecls()) {
    if (inExportSymbol(B.SM, R->getLocation()))
      continue;
    FunctionTypeLoc FTL = R->getFunctionTypeLoc();
    if (!FTL) {
      B.fail("cannot locate the parameter list of " + R->getName());
      break;
    }
    B.replaceTokens(SourceRange(R->getLocation()), NewName, "the handler's name");
    B.replace(CharSourceRange::getCharRange(FTL.getLParenLoc().getLocWithOffset(1),
                                            FTL.getRParenLoc()),
              P.ParamDecl, "the parameter list");
  }
  renameExports(B, Def, NewName);
  rewriteKernelDoc(B, Def, NewName, File, Vma, P);
  if (!Alias.Target.empty() || Alias.Stub)
    renameInactiveAlias(B, Def, NewName, Alias, P);
  return B.take();
}

} // namespace mmapmigrate
