//===- CoreUseRewriter.cpp - Edits of the core's f_op->mmap callers -------===//
#include "rewrites/edit/CoreUseRewriter.h"
#include "matchers/classify/FopsMmapTest.h"
#include "rewrites/edit/EditBuilder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace mmapmigrate {

namespace {

/// Whether `A op B`, put where \p Tested is, needs parentheses to read as
/// one test: not as an operand of the same operator (`&&` chains stay flat,
/// as upstream writes them), nor where the value is the whole condition.
bool needsParens(ASTContext &Ctx, const Expr *Tested, BinaryOperatorKind Op) {
  const Stmt *P = Tested;
  do {
    auto Parents = Ctx.getParents(*P);
    P = Parents.size() == 1 ? Parents[0].get<Stmt>() : nullptr;
  } while (P && isa<ImplicitCastExpr>(P));
  if (!P || isa<ParenExpr>(P) || isa<ReturnStmt>(P))
    return !P;
  if (const auto *B = dyn_cast<BinaryOperator>(P))
    return B->getOpcode() != Op;
  if (const auto *If = dyn_cast<IfStmt>(P))
    return If->getCond()->IgnoreImpCasts() != Tested;
  if (const auto *W = dyn_cast<WhileStmt>(P))
    return W->getCond()->IgnoreImpCasts() != Tested;
  return true;
}

/// `!fops->mmap` -> `!fops->mmap && !fops->mmap_prepare`, `fops->mmap` ->
/// `fops->mmap || fops->mmap_prepare`: a table that is not a file's f_op
/// (debugfs's real_fops) has no file for can_mmap_file() to ask.
bool editTableHookTest(EditBuilder &B, const MemberExpr *M, const MmapSlotTest &T) {
  unsigned Line = B.line(M->getBeginLoc());
  if (M->getBase()->HasSideEffects(B.Ctx))
    return B.fail("the ->mmap test at line " + llvm::Twine(Line) +
                  " reads its table through an expression with side effects, which a test "
                  "of both hooks would evaluate twice");
  CharSourceRange Member = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(M->getSourceRange()), B.SM, B.LO);
  CharSourceRange Whole = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(T.Tested->getSourceRange()), B.SM, B.LO);
  if (Member.isInvalid() || Whole.isInvalid())
    return B.fail("the ->mmap test at line " + llvm::Twine(Line) +
                  " is inside a macro expansion");
  std::string Slot = Lexer::getSourceText(Member, B.SM, B.LO).str();
  llvm::StringRef Base = llvm::StringRef(Slot).rtrim();
  // `ops->mmap` as written, not a macro that expands to it (`my_mmap`).
  if (!Base.consume_back("mmap") || !(Base.rtrim().ends_with("->") || Base.rtrim().ends_with(".")))
    return B.fail("the ->mmap test at line " + llvm::Twine(Line) +
                  " is not spelled as a member where it is written");
  if (Slot.find('\n') != std::string::npos)
    return B.fail("the ->mmap test at line " + llvm::Twine(Line) + " is not written on one line");
  BinaryOperatorKind Op = T.Negated ? BO_LAnd : BO_LOr;
  std::string Other = T.Negated ? " && !" + Slot + "_prepare" : " || " + Slot + "_prepare";
  bool Parens = needsParens(B.Ctx, T.Tested, Op);
  B.note("tests the table for either hook, ->mmap or ->mmap_prepare (line " +
         std::to_string(Line) + ")");
  SourceLocation Begin = Whole.getBegin(), End = Whole.getEnd();
  if (Parens && !B.replace(CharSourceRange::getCharRange(Begin, Begin), "(", "the ->mmap test"))
    return false;
  return B.replace(CharSourceRange::getCharRange(End, End), Other + (Parens ? ")" : ""),
                   "the ->mmap test");
}

} // namespace

bool editMmapHookTest(EditBuilder &B, const MemberExpr *M, const Profile &P) {
  unsigned Line = B.line(M->getBeginLoc());
  std::optional<MmapSlotTest> T = mmapSlotTest(B.Ctx, M);
  if (!T)
    return B.fail("f_op->mmap at line " + llvm::Twine(Line) + " is used other than as a test");
  if (asksBothHooks(B.Ctx, M, *T))
    return true;
  if (const MemberExpr *Prepare = otherHookReadAround(B.Ctx, M))
    return B.fail("the ->mmap test at line " + llvm::Twine(Line) + " is in code that reads " +
                  "->mmap_prepare itself (line " + llvm::Twine(B.line(Prepare->getBeginLoc())) +
                  "): how it combines the two hooks is for a human to say");
  const Expr *Tested = mmapHookTestedFile(B.Ctx, M);
  if (!Tested && readsFileOp(M))
    return B.fail("the f_op->mmap test at line " + llvm::Twine(Line) +
                  " names its file in a form can_mmap_file() cannot take");
  if (!Tested)
    return editTableHookTest(B, M, *T);
  if (P.MmapHooksTest.empty())
    return B.fail("profile " + P.Name + " has no test for both hooks (f_op->mmap at line " +
                  llvm::Twine(Line) + ")");
  // File ranges, so that a test written in a macro's argument
  // (unlikely(!f->f_op->mmap)) is edited where it is written; what lies
  // between the test's start and the file (a parenthesis around f->f_op)
  // goes with the prefix, so the parentheses stay balanced.
  CharSourceRange Whole = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(M->getSourceRange()), B.SM, B.LO);
  CharSourceRange Of = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Tested->getSourceRange()), B.SM, B.LO);
  if (Whole.isInvalid() || Of.isInvalid())
    return B.fail("f_op->mmap at line " + llvm::Twine(Line) + " is inside a macro expansion");
  B.note("tests the file with " + P.MmapHooksTest + "(), which knows ->mmap_prepare too (line " +
         std::to_string(Line) + ")");
  return B.replace(CharSourceRange::getCharRange(Whole.getBegin(), Of.getBegin()),
                   P.MmapHooksTest + "(", "the f_op->mmap test") &&
         B.replace(CharSourceRange::getCharRange(Of.getEnd(), Whole.getEnd()), ")",
                   "the f_op->mmap test");
}

namespace {

/// The call whose callee is \p M, through parentheses.
const CallExpr *callOf(ASTContext &Ctx, const Expr *M) {
  const Expr *Callee = nullptr;
  const auto *CE = dyn_cast_or_null<CallExpr>(parentThroughParens(Ctx, M, &Callee));
  return CE && CE->getCallee() == Callee ? CE : nullptr;
}

/// `F->f_op->mmap(F, vma)` becomes `vfs_mmap(F, vma)`: only when the file
/// whose slot is called is the one passed, read without side effects
/// (vfs_mmap() reads it twice, as the call does).
bool editDirectCall(EditBuilder &B, const MemberExpr *M, const Profile &P) {
  unsigned Line = B.line(M->getBeginLoc());
  const CallExpr *CE = callOf(B.Ctx, M);
  const auto *Fop = dyn_cast<MemberExpr>(M->getBase()->IgnoreParenImpCasts());
  const auto *FopField = Fop ? dyn_cast<FieldDecl>(Fop->getMemberDecl()) : nullptr;
  if (!CE || !FopField || FopField->getName() != "f_op" || !Fop->isArrow())
    return B.fail("the ->mmap call at line " + llvm::Twine(Line) +
                  " does not read its table from a struct file's f_op, so " + P.MmapCall +
                  "() cannot stand for it");
  if (CE->getNumArgs() != 2)
    return B.fail("the f_op->mmap call at line " + llvm::Twine(Line) +
                  " does not pass two arguments");
  const Expr *Owner = Fop->getBase()->IgnoreParenImpCasts();
  const Expr *Passed = CE->getArg(0)->IgnoreParenImpCasts();
  // Empty text (the middle of a macro) proves nothing about the two.
  std::string OwnerText = B.text(Owner->getSourceRange());
  if (OwnerText.empty())
    return B.fail("the f_op->mmap call at line " + llvm::Twine(Line) +
                  " names its file inside a macro");
  if (Owner->HasSideEffects(B.Ctx) || OwnerText != B.text(Passed->getSourceRange()))
    return B.fail("the f_op->mmap call at line " + llvm::Twine(Line) +
                  " calls the slot of '" + B.text(Owner->getSourceRange()) + "' with '" +
                  B.text(Passed->getSourceRange()) + "': " + P.MmapCall +
                  "() calls a file's own slot");
  B.note("maps the file with " + P.MmapCall + "(), which calls ->mmap_prepare too (line " +
         std::to_string(Line) + ")");
  return B.replaceTokens(CE->getCallee()->getSourceRange(), P.MmapCall, "the f_op->mmap call");
}

} // namespace

EditPlan planMmapUseRewrite(ASTContext &Ctx, const Expr *E, const MmapMemberUse &U,
                            const Profile &P) {
  EditBuilder B(Ctx);
  unsigned Line = B.line(E->getBeginLoc());
  switch (U.Kind) {
  case MmapUseKind::Test:
  case MmapUseKind::TableTest:
    editMmapHookTest(B, cast<MemberExpr>(E), P);
    break;
  case MmapUseKind::Call:
    if (P.MmapCall.empty())
      B.fail("profile " + P.Name + " has no call that maps either hook (f_op->mmap at line " +
             llvm::Twine(Line) + ")");
    else
      editDirectCall(B, cast<MemberExpr>(E), P);
    break;
  case MmapUseKind::LegacyCall: {
    const auto *CE = cast<CallExpr>(E);
    if (P.MmapCall.empty() ||
        !llvm::is_contained(P.LegacyMmapCalls, CE->getDirectCallee()->getName()))
      B.fail("profile " + P.Name + " does not rename " +
             CE->getDirectCallee()->getName().str() + "()");
    else if (B.replaceTokens(CE->getCallee()->getSourceRange(), P.MmapCall,
                             "the call_mmap() call"))
      B.note("calls " + P.MmapCall + "(), call_mmap()'s name since 6.17 (line " +
             std::to_string(Line) + ")");
    break;
  }
  case MmapUseKind::Printed:
    B.fail("f_op->mmap at line " + llvm::Twine(Line) + " is only printed: nothing to change");
    break;
  case MmapUseKind::Other:
    B.fail("f_op->mmap at line " + llvm::Twine(Line) +
           " is used other than as a test or a call (the pointer may be called later)");
    break;
  }
  return B.take();
}

} // namespace mmapmigrate
