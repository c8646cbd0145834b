//===- BodyConfigs.cpp - The configurations a handler's body holds --------===//
#include "matchers/find/BodyConfigs.h"
#include "matchers/classify/HandlerAnalyzer.h"
#include "matchers/core/ConfigFlip.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace mmapmigrate {

namespace {

/// The first statement in [Begin, End) of the main file that leaving out
/// could change what the code around it does: a jump (the code after it
/// would run), a label or case, a declaration (later code names it).
class UndroppableFinder : public RecursiveASTVisitor<UndroppableFinder> {
public:
  UndroppableFinder(const SourceManager &SM, FileID FID, unsigned Begin, unsigned End)
      : SM(SM), FID(FID), Begin(Begin), End(End) {}

  bool VisitStmt(Stmt *S) {
    if (!isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt, LabelStmt, SwitchCase, DeclStmt,
             IndirectGotoStmt>(S))
      return true;
    auto [F, Off] = SM.getDecomposedLoc(SM.getExpansionLoc(S->getBeginLoc()));
    if (F != FID || Off < Begin || Off >= End)
      return true;
    Found = S;
    return false;
  }

  const Stmt *Found = nullptr;

private:
  const SourceManager &SM;
  FileID FID;
  unsigned Begin, End;
};

const char *what(const Stmt *S) {
  if (isa<ReturnStmt>(S))
    return "a return";
  if (isa<DeclStmt>(S))
    return "a declaration";
  if (isa<LabelStmt, SwitchCase>(S))
    return "a label";
  return "a jump";
}

} // namespace

void describeBodyConfigurations(const ASTContext &Ctx, const FunctionDecl *Def,
                                const std::vector<std::tuple<FileID, unsigned, unsigned>> &Skipped,
                                MmapHandler &H) {
  if (bodyConditional(Ctx, Def).isInvalid())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Body = Def->getBody()->getSourceRange();
  auto [FID, From] = SM.getDecomposedLoc(SM.getExpansionLoc(Body.getBegin()));
  unsigned To = SM.getFileOffset(SM.getExpansionLoc(Body.getEnd()));
  llvm::StringRef Text = SM.getBufferData(FID);
  auto SkippedHere = [&](unsigned B, unsigned E) {
    for (const auto &[F, SB, SE] : Skipped)
      if (F == FID && SB <= B && E <= SE)
        return true;
    return false;
  };
  for (const auto &[F, B, E] : Skipped) {
    if (F != FID || B < From || E > To)
      continue;
    ConfigFlip Flip = flipFor(Text, B);
    // The block's code: not its directive lines, which the arm beside it
    // shares.
    size_t Code = Text.find('\n', B);
    size_t Last = Text.rfind('\n', E);
    MmapHandler::SkippedArm A;
    A.Begin = Code == llvm::StringRef::npos ? E : unsigned(Code + 1);
    A.End = Last == llvm::StringRef::npos || Last + 1 < A.Begin ? A.Begin : unsigned(Last + 1);
    A.Line = SM.getLineNumber(FID, B);
    A.Flip = Flip.Header;
    A.Says = Flip.Says;
    A.Why = Flip.Why;
    H.SkippedArms.push_back(std::move(A));
  }
  for (const ConditionalGroup &G : conditionalGroups(Text, From, To)) {
    // A group with an arm skipped here is the other parse's to check; a
    // lone arm compiled here is gone, with nothing instead, elsewhere.
    const ConditionalArm &Arm = G.Arms.front();
    if (G.Arms.size() != 1 || SkippedHere(Arm.Directive, G.Endif))
      continue;
    UndroppableFinder Find(SM, FID, Arm.Begin, Arm.End);
    Find.TraverseStmt(const_cast<Stmt *>(Def->getBody()));
    if (Find.Found && H.UndroppableBlock.empty())
      H.UndroppableBlock =
          "the block at line " + std::to_string(SM.getLineNumber(FID, Arm.Directive)) +
          ", which other configurations leave out, holds " + what(Find.Found) + " (line " +
          std::to_string(SM.getLineNumber(FID, SM.getFileOffset(SM.getExpansionLoc(
                                                     Find.Found->getBeginLoc())))) +
          ")";
  }
}

} // namespace mmapmigrate
