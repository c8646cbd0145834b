//===- SlotRewriter.cpp - Edit the fops slots that name a handler ---------===//
#include "rewrites/edit/SlotRewriter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <optional>
#include <tuple>

using namespace clang;

namespace mmapmigrate {

namespace {

/// The `.mmap = name` designator, with what a slot edit needs of it.
struct SlotText {
  const DeclRefExpr *Ref = nullptr; ///< The handler named.
  SourceLocation RefLoc;            ///< Where its name is spelled.
  unsigned FieldLen = 0;            ///< Length of the member's name.
  FileID FID;
  unsigned FieldOff = 0, EqOff = 0; ///< `mmap` and `=`
  size_t LineStart = 0;
  llvm::StringRef Buf;

  /// Fills the offsets from the spelled `Field` and `=` locations.
  void locate(const SourceManager &SM, SourceLocation Field, SourceLocation Eq, unsigned Len) {
    std::tie(FID, FieldOff) = SM.getDecomposedLoc(Field);
    EqOff = SM.getFileOffset(Eq);
    FieldLen = Len;
    Buf = SM.getBufferData(FID);
    LineStart = Buf.rfind('\n', FieldOff);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  }

  unsigned column(size_t Off) const { return advanceColumns(0, Buf.slice(LineStart, Off)); }

  /// What goes between `.Field` and `=` so the '=' keeps its column (tabs
  /// stay tabs).
  std::string padFor(llvm::StringRef Field) const {
    llvm::StringRef Gap = Buf.slice(FieldOff + FieldLen, EqOff);
    if (Gap.contains('\n'))
      return Gap.str();
    unsigned EqCol = column(EqOff);
    unsigned C = column(FieldOff) + Field.size();
    if (Gap.contains('\t')) {
      std::string Pad = tabsTo(C, EqCol);
      return !Pad.empty() ? Pad : Gap.empty() ? "" : " ";
    }
    return Gap.empty() ? "" : std::string(C + 1 <= EqCol ? EqCol - C : 1, ' ');
  }
};

/// \p MacroBody: when set, a slot written in one macro's body is accepted
/// (its spelling is edited) and the macro's name stored there.
std::optional<SlotText> slotText(EditBuilder &B, const DesignatedInitExpr *D,
                                 std::string *MacroBody = nullptr) {
  const DesignatedInitExpr::Designator *Des = D->getDesignator(0);
  SourceLocation Field = Des->getFieldLoc(), Eq = D->getEqualOrColonLoc();
  const Expr *Init = D->getInit();
  SlotText S;
  S.Ref = Init ? dyn_cast<DeclRefExpr>(Init->IgnoreParenImpCasts()) : nullptr;
  if (const auto *U = Init ? dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts()) : nullptr)
    if (U->getOpcode() == UO_AddrOf)
      S.Ref = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts());
  SourceLocation RefLoc = S.Ref ? S.Ref->getBeginLoc() : SourceLocation();
  if (!S.Ref) {
    B.fail("the slot at line " + llvm::Twine(B.line(D->getBeginLoc())) +
           " does not name a function");
    return std::nullopt;
  }
  if (Field.isMacroID() || Eq.isMacroID() || RefLoc.isMacroID()) {
    // All three written in one macro's body (not passed as arguments):
    // the edit goes to the #define.
    const SourceManager &SM = B.SM;
    llvm::StringRef Name =
        Field.isMacroID() ? Lexer::getImmediateMacroName(Field, SM, B.LO) : "";
    bool InBody = true;
    for (SourceLocation L : {Field, Eq, RefLoc})
      InBody = InBody && L.isMacroID() && !SM.isMacroArgExpansion(L) &&
               Lexer::getImmediateMacroName(L, SM, B.LO) == Name;
    if (!InBody || !MacroBody) {
      B.fail("the slot at line " + llvm::Twine(B.line(D->getBeginLoc())) +
             " is written by a macro" +
             (InBody ? "" : " from its arguments: the macro is not rewritten"));
      return std::nullopt;
    }
    *MacroBody = Name.str();
    Field = SM.getSpellingLoc(Field);
    Eq = SM.getSpellingLoc(Eq);
    RefLoc = SM.getSpellingLoc(RefLoc);
    if (SM.getFileID(Field) != SM.getFileID(RefLoc) || SM.getFileID(Field) != SM.getFileID(Eq)) {
      B.fail("the slot of macro " + Name + " is spelled across files");
      return std::nullopt;
    }
  }
  S.RefLoc = RefLoc;
  S.locate(B.SM, Field, Eq, Des->getFieldName()->getLength());
  return S;
}

} // namespace

EditPlan planSlotRewrite(ASTContext &Ctx, const DesignatedInitExpr *D,
                         llvm::StringRef HandlerName, const Profile &P,
                         std::string *MacroBody) {
  EditBuilder B(Ctx);
  auto S = slotText(B, D, MacroBody);
  if (!S)
    return B.take();
  SourceLocation Field = B.SM.getComposedLoc(S->FID, S->FieldOff);
  SourceLocation Eq = B.SM.getComposedLoc(S->FID, S->EqOff);
  B.replace(CharSourceRange::getCharRange(Field, Eq), P.Slot + S->padFor(P.Slot),
            "the slot name");
  std::string NewRef = preparedName(HandlerName, P);
  B.replaceTokens(SourceRange(S->RefLoc), NewRef, "the slot's handler");

  // In a #define the line ends with a '\' aligned by tabs: keep its column.
  unsigned RefOff = B.SM.getFileOffset(S->RefLoc);
  size_t RefEnd = RefOff + HandlerName.size();
  size_t Eol = S->Buf.find('\n', RefEnd);
  llvm::StringRef Tail = S->Buf.slice(RefEnd, Eol == llvm::StringRef::npos ? S->Buf.size() : Eol);
  size_t Slash = Tail.rfind('\\');
  if (Slash != llvm::StringRef::npos && Tail.drop_front(Slash + 1).trim().empty()) {
    size_t GapEnd = RefEnd + Slash, GapStart = GapEnd;
    while (GapStart > RefEnd && (S->Buf[GapStart - 1] == '\t' || S->Buf[GapStart - 1] == ' '))
      --GapStart;
    unsigned SlashCol = S->column(GapEnd);
    // The rewritten line's column where the gap starts.
    unsigned Col = advanceColumns(S->column(S->FieldOff), P.Slot + S->padFor(P.Slot) + "=");
    Col = advanceColumns(Col, S->Buf.slice(S->EqOff + 1, RefOff)) + NewRef.size();
    Col = advanceColumns(Col, S->Buf.slice(RefEnd, GapStart));
    std::string Gap = tabsTo(Col, SlashCol);
    if (Gap.empty())
      Gap = "\t";
    if (GapStart < GapEnd)
      B.replace(CharSourceRange::getCharRange(B.SM.getComposedLoc(S->FID, GapStart),
                                              B.SM.getComposedLoc(S->FID, GapEnd)),
                Gap, "the line continuation");
  }
  return B.take();
}

bool addDesignatorAfter(EditBuilder &B, const DesignatedInitExpr *D, llvm::StringRef Member,
                        llvm::StringRef Value) {
  unsigned Line = B.line(D->getBeginLoc());
  const DesignatedInitExpr::Designator *Des = D->getDesignator(0);
  const Expr *Init = D->getInit();
  if (D->size() != 1 || !Des->isFieldDesignator() || !Init)
    return B.fail("the initialiser at line " + llvm::Twine(Line) + " is not `.member = value`");
  SourceLocation Field = Des->getFieldLoc(), Eq = D->getEqualOrColonLoc();
  SourceLocation ValueBegin = Init->getBeginLoc(), ValueEnd = Init->getEndLoc();
  if (Field.isMacroID() || Eq.isMacroID() || ValueBegin.isMacroID() || ValueEnd.isMacroID())
    return B.fail("the initialiser at line " + llvm::Twine(Line) + " is written by a macro");
  SlotText S;
  S.locate(B.SM, Field, Eq, Des->getFieldName()->getLength());
  // A new line under it, in the same style: `.member<pad>=<gap>value,`
  llvm::StringRef Indent = S.Buf.slice(S.LineStart, S.FieldOff - 1);
  unsigned ValueOff = B.SM.getFileOffset(ValueBegin);
  size_t After = B.SM.getFileOffset(Lexer::getLocForEndOfToken(ValueEnd, 0, B.SM, B.LO));
  while (After < S.Buf.size() && (S.Buf[After] == ' ' || S.Buf[After] == '\t'))
    ++After;
  size_t Eol = S.Buf.find('\n', After);
  if (!Indent.trim().empty() || After >= S.Buf.size() || S.Buf[After] != ',' ||
      Eol == llvm::StringRef::npos || ValueOff < S.EqOff ||
      S.Buf.slice(S.EqOff + 1, ValueOff).contains('\n'))
    return B.fail("the initialiser at line " + llvm::Twine(Line) +
                  " does not sit on a line of its own ending with ','");
  std::string Text = "\n" + Indent.str() + "." + Member.str() + S.padFor(Member) + "=" +
                     S.Buf.slice(S.EqOff + 1, ValueOff).str() + Value.str() + ",";
  SourceLocation At = B.SM.getComposedLoc(S.FID, Eol);
  return B.replace(CharSourceRange::getCharRange(At, At), Text, "the line after the initialiser");
}

EditPlan planAddedSlot(ASTContext &Ctx, const DesignatedInitExpr *D, llvm::StringRef Member,
                       llvm::StringRef Function) {
  EditBuilder B(Ctx);
  if (auto S = slotText(B, D))
    addDesignatorAfter(B, D, Member, Function);
  return B.take();
}

} // namespace mmapmigrate
