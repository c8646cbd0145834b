//===- TuScanner.cpp - Find ->mmap sites and handlers in one TU -----------===//
#include "matchers/find/TuScanner.h"
#include "matchers/find/BodyConfigs.h"
#include "matchers/find/Prefilter.h"
#include "matchers/classify/FopsMmapTest.h"
#include "matchers/classify/HandlerAnalyzer.h"
#include "matchers/find/RawBodySkip.h"
#include "matchers/find/SlotText.h"
#include "matchers/find/TableSources.h"
#include "matchers/find/TableStores.h"
#include "matchers/classify/VmaApiCatalog.h"
#include "llvm/ADT/StringSet.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <map>

using namespace clang;

namespace mmapmigrate {

std::string handlerKey(llvm::StringRef Name, bool IsStatic, llvm::StringRef File) {
  if (!IsStatic)
    return Name.str();
  return (File + ":" + Name).str();
}

bool isMmapSlotName(llvm::StringRef Name) {
  return Name == "mmap" || Name.ends_with("_mmap");
}

namespace {

const Expr *ignoreImplicit(const Expr *E) { return E ? E->IgnoreImplicit() : nullptr; }

bool isFunctionPointer(QualType T) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  return PT && PT->getPointeeType()->isFunctionType();
}


/// The outermost macro whose expansion produced \p Loc, or "".
std::string outermostMacro(SourceLocation Loc, const SourceManager &SM,
                           const LangOptions &LO) {
  std::string Name;
  while (Loc.isMacroID()) {
    llvm::StringRef N = Lexer::getImmediateMacroName(Loc, SM, LO);
    if (!N.empty())
      Name = N.str();
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return Name;
}

/// What an initialiser names: functions, NULL, or something unresolvable.
struct ResolvedInit {
  std::vector<const FunctionDecl *> Functions;
  bool IsNull = false;
  std::string Unresolved;
};

ResolvedInit resolveInit(const Expr *Init, ASTContext &Ctx) {
  ResolvedInit R;
  if (!Init || isa<ImplicitValueInitExpr>(Init))
    return R;
  if (Init->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
    R.IsNull = true;
    return R;
  }
  const Expr *E = Init->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D->getDecl())) {
      R.Functions.push_back(FD);
      return R;
    }
    R.Unresolved = "the slot holds the variable '" +
                   D->getDecl()->getNameAsString() + "', not a function";
    return R;
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    for (const Expr *Arm : {C->getTrueExpr(), C->getFalseExpr()}) {
      ResolvedInit A = resolveInit(Arm, Ctx);
      R.Functions.insert(R.Functions.end(), A.Functions.begin(), A.Functions.end());
      if (!A.Unresolved.empty())
        R.Unresolved = A.Unresolved;
    }
    if (R.Functions.empty() && R.Unresolved.empty())
      R.IsNull = true;
    return R;
  }
  R.Unresolved = "the slot is set from an expression, not a function name";
  return R;
}

/// Reports `.mmap =` slots that the preprocessor skipped, so an inactive
/// #ifdef never hides an implementation silently.
class InactiveSlotRecorder : public PPCallbacks {
public:
  InactiveSlotRecorder(SourceManager &SM, TuResult &Out) : SM(SM), Out(Out) {}

  void MacroDefined(const Token &Name, const MacroDirective *MD) override {
    // Names used in macro bodies of the main file: renaming a handler one
    // of them names would break wherever the macro is used.
    if (!SM.isInMainFile(Name.getLocation()))
      return;
    for (const Token &T : MD->getMacroInfo()->tokens())
      if (T.is(tok::identifier))
        Out.MacroBodyNames[T.getIdentifierInfo()->getName().str()].insert(
            Name.getIdentifierInfo()->getName().str());
  }

  void SourceRangeSkipped(SourceRange Range, SourceLocation EndifLoc) override {
    SourceLocation B = Range.getBegin(), E = EndifLoc.isValid() ? EndifLoc : Range.getEnd();
    if (B.isInvalid() || E.isInvalid() || SM.isInSystemHeader(B))
      return;
    FileID FID = SM.getFileID(B);
    if (FID != SM.getFileID(E))
      return;
    bool Invalid = false;
    llvm::StringRef Buf = SM.getBufferData(FID, &Invalid);
    if (Invalid)
      return;
    unsigned BO = SM.getFileOffset(B), EO = SM.getFileOffset(E);
    if (EO <= BO || EO > Buf.size())
      return;
    Out.SkippedRanges.push_back({FID, BO, EO});
    // A use no parse sees: what a rewritten test may let through.
    if (auto [Line, Reason] = inactiveHookUse(Buf.slice(BO, EO)); Line)
      Out.Skipped.push_back({fileName(FID), SM.getLineNumber(FID, BO) + Line - 1, Reason});
    for (const SlotAssignment &A : findSlotAssignments(Buf.slice(BO, EO))) {
      if (A.Proc || isInDefine(Buf, BO + A.Offset))
        continue;
      NotAnalysed N;
      N.File = fileName(FID);
      N.Line = SM.getLineNumber(FID, BO + A.Offset);
      N.Reason = "'mmap = " + A.Name.str() +
                 "' is in a preprocessor block that is inactive in this configuration";
      Out.Skipped.push_back(N);
    }
  }

private:
  std::string fileName(FileID FID) const {
    auto FE = SM.getFileEntryRefForID(FID);
    std::string Name = FE ? FE->getFileEntry().tryGetRealPathName().str() : "";
    if (Name.empty() && FE)
      Name = FE->getName().str();
    return Name;
  }

  /// True if the logical line holding \p Off starts with '#'.
  static bool isInDefine(llvm::StringRef Buf, size_t Off) {
    size_t LineStart = Buf.rfind('\n', Off);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    // Walk back over continuation lines.
    while (LineStart >= 2 && Buf[LineStart - 2] == '\\') {
      size_t Prev = Buf.rfind('\n', LineStart - 2);
      LineStart = Prev == llvm::StringRef::npos ? 0 : Prev + 1;
    }
    llvm::StringRef Line = Buf.substr(LineStart).ltrim(" \t");
    return Line.starts_with("#");
  }

  SourceManager &SM;
  TuResult &Out;
};

/// Finds fops slots and other tables' mmap slots in the whole TU.
class SiteCollector : public RecursiveASTVisitor<SiteCollector> {
public:
  SiteCollector(ASTContext &Ctx, const TuScanOptions &Opts, TuResult &Out, TuObserver *Observer)
      : Ctx(Ctx), Opts(Opts), Out(Out), Observer(Observer) {}

  // Semantic forms of initialiser lists are implicit code.
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseVarDecl(VarDecl *V) {
    Names.push_back(V->getName().str());
    bool R = RecursiveASTVisitor::TraverseVarDecl(V);
    Names.pop_back();
    return R;
  }

  bool TraverseFieldDecl(FieldDecl *) { return true; }

  bool TraverseFunctionDecl(FunctionDecl *F) {
    const FunctionDecl *Saved = CurrentFn;
    CurrentFn = F;
    bool R = RecursiveASTVisitor::TraverseFunctionDecl(F);
    CurrentFn = Saved;
    return R;
  }

  bool TraverseCompoundLiteralExpr(CompoundLiteralExpr *C) {
    Names.push_back(CurrentFn ? "(compound literal in " + CurrentFn->getName().str() + "())"
                              : "(compound literal)");
    bool R = RecursiveASTVisitor::TraverseCompoundLiteralExpr(C);
    Names.pop_back();
    return R;
  }

  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm())
      return true;
    QualType T = ILE->getType();
    if (const auto *AT = Ctx.getAsArrayType(T)) {
      (void)AT;
      for (unsigned I = 0; I < ILE->getNumInits(); ++I)
        if (const auto *Child =
                dyn_cast_or_null<InitListExpr>(ignoreImplicit(ILE->getInit(I))))
          Parent[Child] = {ILE, "[" + std::to_string(I) + "]"};
      return true;
    }
    const RecordDecl *RD = recordOf(T);
    if (!RD || RD->isUnion())
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      // Code with errors leaves holes in initialiser lists.
      const Expr *Init = ILE->getInit(I++);
      if (const auto *Child = dyn_cast_or_null<InitListExpr>(ignoreImplicit(Init)))
        Parent[Child] = {ILE, "." + F->getName().str()};
    }
    if (!Seen.insert(ILE).second)
      return true;
    Tables.push_back({ILE, Names.empty() ? "(unnamed table)" : Names.back()});
    return true;
  }

  /// Two uses at one position (one macro expansion holds both) would be
  /// one use to the census: the first is marked 'other' instead, which no
  /// edit touches and which keeps the f_op->mmap tests.
  void recordMmapUse(const Expr *E, MmapMemberUse U) {
    auto [It, New] = UsePositions.try_emplace(U.Pos, Out.MmapUses.size());
    if (!New) {
      MmapMemberUse &First = Out.MmapUses[It->second];
      First.Kind = MmapUseKind::Other;
      // Its tables stay with the use the census keeps (TableReach.h).
      for (const MmapMemberUse::Read &R : U.reads())
        First.AlsoFrom.push_back(R);
      if (Observer)
        Observer->mmapUse(Ctx, E, First);
      return;
    }
    if (Observer)
      Observer->mmapUse(Ctx, E, U);
    Out.MmapUses.push_back(std::move(U));
  }

  // Pre-order: a call or an assignment is visited before the member it
  // names, so the member knows what it is used for.
  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *M = dyn_cast_or_null<MemberExpr>(
            CE->getCallee() ? CE->getCallee()->IgnoreParenImpCasts() : nullptr))
      CalledMembers.insert(M);
    if (isLegacyMmapCall(CE)) {
      MmapMemberUse U;
      U.Pos = toSourcePos(Ctx, CE->getCallee()->getBeginLoc());
      U.Function = CurrentFn ? CurrentFn->getName().str() : "";
      U.Kind = MmapUseKind::LegacyCall;
      recordMmapUse(CE, std::move(U));
    }
    return true;
  }

  bool VisitMemberExpr(MemberExpr *M) {
    const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (!F || F->getName() != "mmap" || !isFileOperations(F->getParent()) ||
        AssignedMembers.count(M))
      return true;
    // A test of both hooks is what the rewrite makes: nothing to do.
    if (auto T = mmapSlotTest(Ctx, M); T && asksBothHooks(Ctx, M, *T))
      return true;
    MmapMemberUse U;
    U.Pos = toSourcePos(Ctx, M->getMemberLoc());
    U.Function = CurrentFn ? CurrentFn->getName().str() : "";
    U.Kind = classifyMmapUse(Ctx, M, CalledMembers.count(M));
    setTableSource(Ctx, M, U);
    recordMmapUse(M, std::move(U));
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() != BO_Assign)
      return true;
    const auto *M = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenImpCasts());
    if (!M)
      return true;
    AssignedMembers.insert(M);
    const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (!F || !isMmapSlotName(F->getName()) || !isFunctionPointer(F->getType()))
      return true;
    const SourceManager &SM = Ctx.getSourceManager();
    std::string Text = Lexer::getSourceText(
                           CharSourceRange::getTokenRange(M->getSourceRange()), SM,
                           Ctx.getLangOpts())
                           .str();
    if (Text.empty())
      Text = F->getName().str();
    if (CurrentFn)
      Text += " in " + CurrentFn->getName().str() + "()";
    addSlot(F->getParent(), F, B->getRHS(), Text, "runtime",
            outermostMacro(B->getBeginLoc(), SM, Ctx.getLangOpts()));
    return true;
  }

  /// Turns the collected tables into sites, now that every parent is known.
  void finish() {
    const SourceManager &SM = Ctx.getSourceManager();
    for (const auto &[ILE, Var] : Tables) {
      const RecordDecl *RD = recordOf(ILE->getType());
      std::string Name = Var + suffixOf(ILE);
      const InitListExpr *Syn = ILE->getSyntacticForm() ? ILE->getSyntacticForm() : ILE;
      std::string Form = "positional";
      for (const Expr *E : Syn->inits())
        if (isa_and_nonnull<DesignatedInitExpr>(E))
          Form = "designated";
      if (Var.rfind("(compound literal", 0) == 0)
        Form = "compound";
      unsigned I = 0;
      for (const FieldDecl *F : RD->fields()) {
        if (I >= ILE->getNumInits())
          break;
        const Expr *Init = ILE->getInit(I++);
        if (!Init || !isMmapSlotName(F->getName()) || !isFunctionPointer(F->getType()))
          continue;
        if (isa<ImplicitValueInitExpr>(Init))
          continue;
        std::string Macro = slotMacro(Init);
        if (Macro.empty())
          Macro = outermostMacro(Syn->getLBraceLoc(), SM, Ctx.getLangOpts());
        addSlot(RD, F, Init, Name, Form, Macro, designatorOf(Syn, F));
      }
    }
  }

  std::vector<const FunctionDecl *> HandlerDecls;

private:
  /// The macro that wrote the slot, unless the macro is only the value
  /// (NULL, or an alias for the handler).
  std::string slotMacro(const Expr *Init) {
    const SourceManager &SM = Ctx.getSourceManager();
    const LangOptions &LO = Ctx.getLangOpts();
    SourceLocation B = Init->getBeginLoc(), E = Init->getEndLoc();
    if (B.isMacroID() && E.isMacroID() && Lexer::isAtStartOfMacroExpansion(B, SM, LO) &&
        Lexer::isAtEndOfMacroExpansion(E, SM, LO) &&
        SM.getExpansionLoc(B) == SM.getExpansionLoc(E) &&
        !SM.isMacroArgExpansion(B)) {
      // The whole expansion is the value: look at what contains it instead.
      SourceLocation Outer = SM.getImmediateMacroCallerLoc(B);
      return Outer.isMacroID() ? outermostMacro(Outer, SM, LO) : "";
    }
    return outermostMacro(B, SM, LO);
  }

  std::string suffixOf(const InitListExpr *ILE) {
    std::string Suffix;
    for (const InitListExpr *Cur = ILE; Parent.count(Cur); Cur = Parent[Cur].first)
      Suffix = Parent[Cur].second + Suffix;
    return Suffix;
  }

  /// The `.field = value` of \p Syn that sets \p F, if written that way.
  static const DesignatedInitExpr *designatorOf(const InitListExpr *Syn, const FieldDecl *F) {
    for (const Expr *E : Syn->inits())
      if (const auto *D = dyn_cast_or_null<DesignatedInitExpr>(E))
        if (D->size() == 1 && D->getDesignator(0)->isFieldDesignator() &&
            D->getDesignator(0)->getFieldName() == F->getIdentifier())
          return D;
    return nullptr;
  }

  void addSlot(const RecordDecl *RD, const FieldDecl *F, const Expr *Init,
               const std::string &Table, const std::string &Form,
               const std::string &Macro, const DesignatedInitExpr *Designator = nullptr) {
    ResolvedInit R = resolveInit(Init, Ctx);
    if (R.Functions.empty() && !R.IsNull && R.Unresolved.empty())
      return;
    SourcePos Pos = toSourcePos(Ctx, Init->getBeginLoc());
    if (!isFileOperations(RD)) {
      OtherTableSite O;
      O.Type = "struct " + RD->getName().str();
      O.Field = F->getName().str();
      O.Pos = Pos;
      O.Table = Table;
      O.Handler = R.IsNull ? "NULL"
                  : R.Functions.empty() ? "?"
                                        : R.Functions.front()->getName().str();
      Out.OtherTables.push_back(O);
      return;
    }
    if (F->getName() != "mmap")
      return;
    FopsSite S;
    S.Pos = Pos;
    const SourceManager &SM = Ctx.getSourceManager();
    // The `.mmap` a macro writes, else its value (the handler may be a
    // macro argument spelled at the use).
    SourceLocation Written = Designator ? Designator->getBeginLoc() : Init->getBeginLoc();
    if (Written.isMacroID()) {
      SourceLocation Sp = SM.getSpellingLoc(Written);
      if (Sp.isValid() && !SM.isWrittenInScratchSpace(Sp))
        S.Spelled = toSourcePos(Ctx, Sp);
    }
    S.Table = Table;
    S.Macro = Macro;
    S.Form = Form;
    S.IsNull = R.IsNull;
    S.Unresolved = R.Unresolved;
    if (R.Functions.empty()) {
      Out.Sites.push_back(S);
      return;
    }
    for (const FunctionDecl *FD : R.Functions) {
      FopsSite One = S;
      One.Handler = FD->getName().str();
      HandlerDecls.push_back(FD);
      if (Observer && Designator && R.Functions.size() == 1)
        Observer->designatedSlot(Ctx, Designator, One);
      Out.Sites.push_back(One);
    }
  }

  ASTContext &Ctx;
  const TuScanOptions &Opts;
  TuResult &Out;
  TuObserver *Observer;
  std::vector<std::string> Names;
  const FunctionDecl *CurrentFn = nullptr;
  std::map<const InitListExpr *, std::pair<const InitListExpr *, std::string>> Parent;
  std::set<const InitListExpr *> Seen;
  std::vector<std::pair<const InitListExpr *, std::string>> Tables;
  std::set<const MemberExpr *> CalledMembers, AssignedMembers;
  std::map<SourcePos, size_t> UsePositions; ///< Where each use is in Out.MmapUses.
};

bool takesVma(const FunctionDecl *FD) {
  for (const ParmVarDecl *P : FD->parameters()) {
    const auto *PT = P->getType().getCanonicalType()->getAs<PointerType>();
    if (!PT)
      continue;
    if (const RecordDecl *RD = recordOf(PT->getPointeeType()))
      if (RD->getName() == "vm_area_struct")
        return true;
  }
  return false;
}

/// `int f(struct file *, struct vm_area_struct *)`.
bool looksLikeMmapHandler(const FunctionDecl *FD) {
  if (FD->getNumParams() != 2 || !takesVma(FD))
    return false;
  const auto *PT = FD->getParamDecl(0)->getType().getCanonicalType()->getAs<PointerType>();
  const RecordDecl *RD = PT ? recordOf(PT->getPointeeType()) : nullptr;
  return RD && RD->getName() == "file";
}

class ScanConsumer : public ASTConsumer {
public:
  ScanConsumer(CompilerInstance &CI, const TuScanOptions &Opts, TuResult &Out,
               TuObserver *Observer)
      : CI(CI), Opts(Opts), Out(Out), Observer(Observer) {}

  bool shouldSkipFunctionBody(Decl *D) override {
    if (!Opts.SkipIrrelevantBodies)
      return false;
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD)
      return false;
    const SourceManager &SM = CI.getSourceManager();
    if (SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())) || takesVma(FD))
      return false;
    // A header function the file names may be called by a handler: the
    // effect check judges its body instead of calling it unknown.
    if (Opts.ParseNamedHeaderBodies && FD->getIdentifier() && namedInMainFile(FD->getName()))
      return false;
    if (Opts.SkipBodyText && !skipBodyText(CI.getPreprocessor()))
      BodyTokens.skip(CI.getPreprocessor());
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    Out.Parsed = true;
    Out.HadErrors = CI.getDiagnostics().hasErrorOccurred();
    SiteCollector C(Ctx, Opts, Out, Observer);
    C.TraverseDecl(Ctx.getTranslationUnitDecl());
    C.finish();
    collectTableStores(Ctx, Out.FieldStores);

    std::vector<const FunctionDecl *> Handlers = C.HandlerDecls;
    if (!Opts.WantedHandlers.empty())
      for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
        if (const auto *FD = dyn_cast<FunctionDecl>(D))
          if (FD->isThisDeclarationADefinition() &&
              Opts.WantedHandlers.count(FD->getName().str()))
            Handlers.push_back(FD);

    // Externally visible functions shaped like ->mmap may be named by a
    // table in another TU: analyse them here, the merge keeps those named.
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->isThisDeclarationADefinition() && FD->isExternallyVisible() &&
            looksLikeMmapHandler(FD) &&
            CI.getSourceManager().isInMainFile(
                CI.getSourceManager().getExpansionLoc(FD->getLocation())))
          Handlers.push_back(FD);

    if (!Opts.WantedSummaries.empty())
      for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
        if (const auto *FD = dyn_cast<FunctionDecl>(D))
          if (FD->isThisDeclarationADefinition() && FD->isExternallyVisible() &&
              Opts.WantedSummaries.count(FD->getName().str()) &&
              CI.getSourceManager().isInMainFile(
                  CI.getSourceManager().getExpansionLoc(FD->getLocation()))) {
            FunctionSummary Sum;
            Sum.Name = FD->getName().str();
            Sum.Pos = toSourcePos(Ctx, FD->getLocation());
            Sum.Findings = analyzeHandler(Ctx, FD, Opts.MaxHelperDepth).Findings;
            Sum.Partial = Out.HadErrors;
            Out.Summaries.push_back(std::move(Sum));
          }

    std::set<std::string> Done;
    for (const FunctionDecl *FD : Handlers) {
      const FunctionDecl *Analysed = nullptr;
      MmapHandler H = describe(Ctx, FD, Analysed);
      if (!Done.insert(H.Key).second)
        continue;
      if (Observer && Analysed)
        Observer->handlerAnalysed(Ctx, Analysed, H);
      Out.Handlers.push_back(std::move(H));
    }
    // Sites name their handler by key, now that keys are known.
    std::map<std::string, std::string> KeyByName;
    for (const MmapHandler &H : Out.Handlers)
      KeyByName.emplace(H.Name, H.Key);
    for (FopsSite &S : Out.Sites)
      if (!S.Handler.empty())
        S.HandlerKey = KeyByName[S.Handler];
    if (Opts.RecordFilesRead)
      recordFilesRead();
  }

private:
  /// Hashes the text clang parsed, not the file as it is now: if it changed
  /// meanwhile, the cached result must not match it.
  void recordFilesRead() {
    const SourceManager &SM = CI.getSourceManager();
    FileManager &FM = CI.getFileManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      FileEntryRef FE = It->first;
      std::string Path = FE.getFileEntry().tryGetRealPathName().str();
      if (Path.empty()) {
        llvm::SmallString<256> Abs(FE.getName());
        FM.makeAbsolutePath(Abs);
        Path = std::string(Abs);
      }
      uint64_t Hash = 0;
      if (std::optional<llvm::StringRef> Text = It->second->getBufferDataIfLoaded())
        Hash = llvm::xxh3_64bits(*Text);
      else if (auto Buf = llvm::MemoryBuffer::getFile(Path, false, false))
        Hash = llvm::xxh3_64bits((*Buf)->getBuffer()); // Entered, never read.
      Out.FilesRead.push_back({Path, Hash});
    }
    llvm::sort(Out.FilesRead);
  }

  /// \p Analysed: set to the definition when its body was analysed.
  MmapHandler describe(ASTContext &Ctx, const FunctionDecl *FD, const FunctionDecl *&Analysed) {
    MmapHandler H;
    H.Name = FD->getName().str();
    const FunctionDecl *Def = nullptr;
    bool HasBody = FD->hasBody(Def) && Def->getBody();
    const FunctionDecl *Where = HasBody ? Def : FD;
    H.IsStatic = !Where->isExternallyVisible();
    H.Pos = toSourcePos(Ctx, Where->getLocation());
    H.Key = handlerKey(H.Name, H.IsStatic, H.Pos.File);
    if (isGenericMmap(H.Name)) {
      // The core's own implementation: the slot itself is the conversion.
      H.HasBody = true;
      Finding F;
      F.K = Kind::GenericDirect;
      F.Rule = "generic-direct";
      F.Message = "the slot names " + H.Name + "() itself, which has a _prepare form";
      F.Pos = H.Pos;
      F.Detail = H.Name;
      H.Findings.push_back(F);
      return H;
    }
    H.HasBody = HasBody;
    H.Partial = HasBody && Out.HadErrors;
    if (HasBody) {
      HandlerFacts Facts = analyzeHandler(Ctx, Def, Opts.MaxHelperDepth);
      H.Findings = std::move(Facts.Findings);
      H.Claims = std::move(Facts.Claims);
      H.NamedInInactiveCode = inactiveUse(Ctx, H.Name);
      if (!H.NamedInInactiveCode.empty())
        findInactiveAlias(Ctx, Def, H);
      describeBodyConfigurations(Ctx, Def, Out.SkippedRanges, H);
      auto InMacros = Out.MacroBodyNames.find(H.Name);
      if (InMacros != Out.MacroBodyNames.end())
        H.NamedInMacros = InMacros->second;
      Analysed = Def;
    }
    return H;
  }

  /// Calls \p Each(FID, Begin, Text, Pos) for every whole-word \p Name in
  /// code the preprocessor skipped (Text is the skipped block, which starts
  /// at offset Begin of FID); stops when it returns true.
  void forEachInactiveMention(
      const SourceManager &SM, llvm::StringRef Name,
      llvm::function_ref<bool(FileID, unsigned, llvm::StringRef, size_t)> Each) {
    auto Ident = [](char C) { return llvm::isAlnum(C) || C == '_'; };
    for (const auto &[FID, Begin, End] : Out.SkippedRanges) {
      llvm::StringRef Text = SM.getBufferData(FID).slice(Begin, End);
      for (size_t Pos = Text.find(Name); Pos != llvm::StringRef::npos;
           Pos = Text.find(Name, Pos + 1)) {
        size_t After = Pos + Name.size();
        if ((Pos && Ident(Text[Pos - 1])) || (After < Text.size() && Ident(Text[After])))
          continue;
        if (Each(FID, Begin, Text, Pos))
          return;
      }
    }
  }

  /// Where \p Name appears in code the preprocessor skipped.
  std::string inactiveUse(ASTContext &Ctx, llvm::StringRef Name) {
    const SourceManager &SM = Ctx.getSourceManager();
    std::string Where;
    forEachInactiveMention(SM, Name, [&](FileID FID, unsigned Begin, llvm::StringRef,
                                         size_t Pos) {
      auto FE = SM.getFileEntryRefForID(FID);
      Where = "line " + std::to_string(SM.getLineNumber(FID, Begin + Pos)) + " of " +
              (FE ? llvm::sys::path::filename(FE->getName()).str() : std::string("a header"));
      return true;
    });
    return Where;
  }

  /// Fills H's InactiveAlias* when its name has exactly one inactive
  /// mention, in the file of \p Def, and it is a line `#define <name>
  /// <identifier>` or a stub definition that only returns a constant.
  void findInactiveAlias(ASTContext &Ctx, const FunctionDecl *Def, MmapHandler &H) {
    const SourceManager &SM = Ctx.getSourceManager();
    FileID Home = SM.getFileID(SM.getExpansionLoc(Def->getLocation()));
    // The verifier sees what the main file's preprocessor skipped, no more.
    if (Home != SM.getMainFileID())
      return;
    static const llvm::Regex Define("^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*)"
                                    "[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*$");
    // A stub that only returns a constant: no code of it can touch
    // anything, so only its signature changes.
    static const llvm::Regex Stub(
        "^static[ \t]+int[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*\\(([^()]*struct file[^()]*"
        "struct vm_area_struct[^()]*)\\)[ \t\n]*\\{[ \t\n]*return[ \t]+"
        "(-?[A-Z][A-Z0-9_]*|0)[ \t]*;[ \t\n]*\\}");
    unsigned Mentions = 0;
    std::optional<MmapHandler> Found;
    forEachInactiveMention(SM, H.Name, [&](FileID FID, unsigned Begin, llvm::StringRef Text,
                                           size_t Pos) {
      ++Mentions;
      if (FID != Home)
        return false;
      size_t LineStart = Text.rfind('\n', Pos);
      LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
      llvm::StringRef FromLine = Text.substr(LineStart);
      // M[1] must be this very mention; M[2] is what changes beside it.
      llvm::SmallVector<llvm::StringRef, 4> M;
      bool IsStub = Stub.match(FromLine, &M) && M[1].data() == Text.data() + Pos;
      if (!IsStub &&
          (!Define.match(FromLine.split('\n').first, &M) || M[1].data() != Text.data() + Pos))
        return false;
      auto Offset = [&](llvm::StringRef Part) {
        return Begin + unsigned(Part.data() - Text.data());
      };
      Found.emplace();
      Found->InactiveStub = IsStub;
      if (!IsStub)
        Found->InactiveAliasTarget = M[2].str();
      Found->InactiveAliasOffset = Offset(M[1]);
      Found->InactiveAliasTargetOffset = Offset(M[2]);
      Found->InactiveAliasTargetEnd = Offset(M[2]) + M[2].size();
      return false;
    });
    if (Mentions != 1 || !Found)
      return;
    H.InactiveAliasTarget = Found->InactiveAliasTarget;
    H.InactiveStub = Found->InactiveStub;
    H.InactiveAliasOffset = Found->InactiveAliasOffset;
    H.InactiveAliasTargetOffset = Found->InactiveAliasTargetOffset;
    H.InactiveAliasTargetEnd = Found->InactiveAliasTargetEnd;
  }

  /// Whether \p Name is an identifier of the main file's text (comments
  /// included: a superset is only a few more bodies parsed).
  bool namedInMainFile(llvm::StringRef Name) {
    if (!MainIdentsReady) {
      MainIdentsReady = true;
      const SourceManager &SM = CI.getSourceManager();
      llvm::StringRef Text = SM.getBufferData(SM.getMainFileID());
      auto Ident = [](char C) { return llvm::isAlnum(C) || C == '_'; };
      for (size_t I = 0; I < Text.size();) {
        size_t J = I + 1;
        if (Ident(Text[I]))
          while (J < Text.size() && Ident(Text[J]))
            ++J;
        // A number's tail (`0x1f`) is no identifier.
        if (llvm::isAlpha(Text[I]) || Text[I] == '_')
          MainIdents.insert(Text.slice(I, J));
        I = J;
      }
    }
    return MainIdents.contains(Name);
  }

  CompilerInstance &CI;
  const TuScanOptions &Opts;
  TuResult &Out;
  TuObserver *Observer;
  BodyTokenSkipper BodyTokens;
  bool MainIdentsReady = false;
  llvm::StringSet<> MainIdents;
};

class ScanAction : public ASTFrontendAction {
public:
  ScanAction(const TuScanOptions &Opts, TuResult &Out, TuObserver *Observer)
      : Opts(Opts), Out(Out), Observer(Observer) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef File) override {
    Out.MainFile = File.str();
    CI.getFrontendOpts().SkipFunctionBodies = Opts.SkipIrrelevantBodies;
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<InactiveSlotRecorder>(CI.getSourceManager(), Out));
    return std::make_unique<ScanConsumer>(CI, Opts, Out, Observer);
  }

private:
  const TuScanOptions &Opts;
  TuResult &Out;
  TuObserver *Observer;
};

class ScanActionFactory : public tooling::FrontendActionFactory {
public:
  ScanActionFactory(const TuScanOptions &Opts, TuResult &Out, TuObserver *Observer)
      : Opts(Opts), Out(Out), Observer(Observer) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ScanAction>(Opts, Out, Observer);
  }

private:
  TuScanOptions Opts;
  TuResult &Out;
  TuObserver *Observer;
};

} // namespace

std::unique_ptr<tooling::FrontendActionFactory>
makeTuScanFactory(const TuScanOptions &Opts, TuResult &Out, TuObserver *Observer) {
  return std::make_unique<ScanActionFactory>(Opts, Out, Observer);
}

TuObserver::~TuObserver() = default;

} // namespace mmapmigrate
