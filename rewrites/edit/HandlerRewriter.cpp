//===- HandlerRewriter.cpp - Plan the ->mmap_prepare edits ----------------===//
#include "rewrites/edit/HandlerRewriter.h"
#include "rewrites/edit/ActionRewriter.h"
#include "rewrites/edit/DeferredWork.h"
#include "rewrites/edit/EditBuilder.h"
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
    auto H = P.Helpers.find(Name.str());
    if (H == P.Helpers.end())
      return true;
    // Only calls on the handler's own file/vma have a descriptor form.
    for (const Expr *A : Call->arguments())
      if (!isParam(A, Vma) && !isParam(A, File))
        return B.fail(Name + "() at line " + llvm::Twine(B.line(Call->getBeginLoc())) +
                      " takes other arguments than the handler's file and vma");
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

private:
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

/// Uses of \p FD other than as a file_operations initialiser.
std::optional<unsigned> otherUseLine(ASTContext &Ctx, const FunctionDecl *FD) {
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &Ctx;
    const FunctionDecl *FD;
    std::optional<unsigned> Line;
    Finder(ASTContext &Ctx, const FunctionDecl *FD) : Ctx(Ctx), FD(FD) {}
    bool shouldVisitImplicitCode() const { return false; }
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      if (Line || D->getDecl()->getCanonicalDecl() != FD->getCanonicalDecl() ||
          inExportSymbol(Ctx.getSourceManager(), D->getBeginLoc()))
        return true;
      const Stmt *Child = D;
      for (;;) {
        auto Parents = Ctx.getParents(*Child);
        const Stmt *P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
        if (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) || isa<DesignatedInitExpr>(P) ||
                  (isa<UnaryOperator>(P) &&
                   cast<UnaryOperator>(P)->getOpcode() == UO_AddrOf))) {
          Child = P;
          continue;
        }
        const auto *ILE = dyn_cast_or_null<InitListExpr>(P);
        const RecordDecl *RD = nullptr;
        if (ILE)
          if (const auto *RT = ILE->getType()->getAs<RecordType>())
            RD = RT->getDecl();
        if (!RD || RD->getName() != "file_operations")
          Line = Ctx.getSourceManager().getExpansionLineNumber(D->getBeginLoc());
        return true;
      }
    }
  } F(Ctx, FD);
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      F.TraverseDecl(D);
  return F.Line;
}

/// Renames \p Def in the EXPORT_SYMBOL*() lines of its file.
void renameExports(EditBuilder &B, const FunctionDecl *Def, llvm::StringRef NewName) {
  FileID FID = B.SM.getFileID(B.SM.getExpansionLoc(Def->getLocation()));
  llvm::StringRef Buf = B.SM.getBufferData(FID);
  llvm::Regex Export(("(^|\n)[ \t]*EXPORT_SYMBOL[A-Z_]*\\([ \t]*(" + Def->getName() +
                      ")[ \t]*[,)]")
                         .str());
  llvm::SmallVector<llvm::StringRef, 4> M;
  llvm::StringRef Rest = Buf;
  while (Export.match(Rest, &M)) {
    unsigned Off = M[2].data() - Buf.data();
    SourceLocation L = B.SM.getComposedLoc(FID, Off);
    B.replace(CharSourceRange::getCharRange(L, L.getLocWithOffset(M[2].size())),
              NewName.str(), "the export");
    Rest = Buf.substr(Off + M[2].size());
  }
}

/// Follows the rename in the kernel-doc comment right above \p Def: the
/// function's name, and the @file/@vma parameter lines, which become one
/// line for the descriptor.
void rewriteKernelDoc(EditBuilder &B, const FunctionDecl *Def, llvm::StringRef NewName,
                      const ParmVarDecl *File, const ParmVarDecl *Vma, const Profile &P) {
  auto [FID, Start] = B.SM.getDecomposedLoc(B.SM.getExpansionLoc(Def->getBeginLoc()));
  llvm::StringRef Buf = B.SM.getBufferData(FID);
  llvm::StringRef Before = Buf.take_front(Start).rtrim();
  if (!Before.ends_with("*/"))
    return;
  size_t Open = Before.rfind("/*");
  if (Open == llvm::StringRef::npos || !Before.substr(Open).starts_with("/**"))
    return;
  llvm::StringRef Doc = Before.substr(Open);
  auto Loc = [&](size_t InDoc) { return B.SM.getComposedLoc(FID, Open + InDoc); };

  // The summary line: "/**\n * foo_mmap - what it does" or "* foo_mmap()".
  llvm::Regex Summary(("^/\\*\\*([ \t]*\n[ \t]*\\*)?[ \t]*(" + Def->getName() +
                       ")([^A-Za-z0-9_]|$)")
                          .str());
  llvm::SmallVector<llvm::StringRef, 4> M;
  if (Summary.match(Doc, &M)) {
    size_t At = M[2].data() - Doc.data();
    B.replace(CharSourceRange::getCharRange(Loc(At), Loc(At + M[2].size())), NewName.str(),
              "the kernel-doc summary");
  }

  // A parameter's lines: "@name:" up to the next "@", blank " *" or "*/".
  auto ParamLines = [&](const ParmVarDecl *PV) -> std::pair<size_t, size_t> {
    if (!PV || PV->getName().empty())
      return {0, 0};
    llvm::Regex Line(("\n[ \t]*\\*[ \t]*@" + PV->getName() + "[ \t]*:").str());
    llvm::SmallVector<llvm::StringRef, 1> L;
    if (!Line.match(Doc, &L))
      return {0, 0};
    size_t From = L[0].data() - Doc.data();
    size_t To = Doc.find('\n', From + 1);
    while (To != llvm::StringRef::npos) {
      llvm::StringRef Next = Doc.substr(To + 1).split('\n').first.trim();
      if (!Next.starts_with("*") || Next.starts_with("*/"))
        break;
      llvm::StringRef Text = Next.drop_front().trim();
      if (Text.empty() || Text.starts_with("@"))
        break;
      To = Doc.find('\n', To + 1);
    }
    return {From, To == llvm::StringRef::npos ? Doc.size() : To};
  };
  auto [VmaFrom, VmaTo] = ParamLines(Vma);
  auto [FileFrom, FileTo] = ParamLines(File);
  if (VmaFrom == VmaTo && FileFrom == FileTo)
    return;
  // The descriptor takes the place of the first of the two.
  bool VmaFirst = FileFrom == FileTo || (VmaFrom != VmaTo && VmaFrom < FileFrom);
  size_t KeepFrom = VmaFirst ? VmaFrom : FileFrom, KeepTo = VmaFirst ? VmaTo : FileTo;
  llvm::StringRef Old = Doc.slice(KeepFrom, KeepTo);
  size_t Colon = Old.find(':');
  llvm::StringRef Desc = Old.substr(Colon + 1).ltrim();
  bool Capital = !Desc.empty() && Desc[0] >= 'A' && Desc[0] <= 'Z';
  std::string Line = Old.take_front(Old.find('@') + 1).str() + P.Param + ": " +
                     (Capital ? "The" : "the") + " VMA descriptor";
  B.replace(CharSourceRange::getCharRange(Loc(KeepFrom), Loc(KeepTo)), Line,
            "the kernel-doc parameters");
  size_t DropFrom = VmaFirst ? FileFrom : VmaFrom, DropTo = VmaFirst ? FileTo : VmaTo;
  if (DropFrom != DropTo)
    B.replace(CharSourceRange::getCharRange(Loc(DropFrom), Loc(DropTo)), "",
              "the kernel-doc parameters");
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
  if (auto Line = otherUseLine(Ctx, Def)) {
    B.fail(Def->getName() + "() is also used at line " + llvm::Twine(*Line) +
           ", not only as a fops slot");
    return B.take();
  }

  // Code this configuration does not compile cannot be rewritten safely:
  // after the rename it would name a vma that no longer exists.
  if (SourceLocation At = bodyConditional(Ctx, Def); At.isValid()) {
    B.fail("the body has a preprocessor conditional (line " + llvm::Twine(B.line(At)) +
           "): code in other configurations cannot be checked");
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
  Body.TraverseStmt(Def->getBody());
  for (const DeclRefExpr *D : Body.UncoveredVma)
    B.fail("the vma is used at line " + llvm::Twine(B.line(D->getBeginLoc())) +
           " in a way profile " + P.Name + " has no descriptor form for");
  std::string FileName = File->getName().str();
  if (Body.FileRefs.size() == 1) {
    B.replaceTokens(Body.FileRefs.front()->getSourceRange(), P.FileExpr, "the file parameter");
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
