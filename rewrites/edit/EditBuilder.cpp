//===- EditBuilder.cpp - Collect the edits of one unit of change ----------===//
#include "rewrites/edit/EditBuilder.h"

#include "clang/Lex/Lexer.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

using namespace clang;

namespace mmapmigrate {

EditBuilder::EditBuilder(ASTContext &Ctx)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()) {}

bool EditBuilder::fail(const llvm::Twine &Why) {
  if (Plan.Refusal.empty())
    Plan.Refusal = Why.str();
  return false;
}

unsigned EditBuilder::line(SourceLocation L) const { return SM.getExpansionLineNumber(L); }

std::string EditBuilder::pathOf(FileID FID) const {
  auto Entry = SM.getFileEntryRefForID(FID);
  if (!Entry)
    return "";
  std::string Path = Entry->getFileEntry().tryGetRealPathName().str();
  return Path.empty() ? Entry->getName().str() : Path;
}

bool EditBuilder::replace(CharSourceRange R, std::string Text, const llvm::Twine &What) {
  // A range may contain whole macro expansions (VM_WRITE), but must not
  // start or end inside one (Transformer's rule).
  CharSourceRange F = Lexer::makeFileCharRange(R, SM, LO);
  if (F.isInvalid())
    return fail("the edit of " + What + " at line " + llvm::Twine(line(R.getBegin())) +
                " is inside a macro expansion");
  auto [FB, OB] = SM.getDecomposedLoc(F.getBegin());
  auto [FE, OE] = SM.getDecomposedLoc(F.getEnd());
  if (FB != FE || OE < OB)
    return fail("the edit of " + What + " spans files");
  std::string Path = pathOf(FB);
  if (Path.empty())
    return fail("the edit of " + What + " is not in a file");
  Plan.Edits.push_back({Path, OB, OE - OB, std::move(Text)});
  bool Invalid = false;
  llvm::StringRef Buf = SM.getBufferData(FB, &Invalid);
  if (!Invalid && !Hashed.count(Path)) {
    Hashed.insert(Path);
    Plan.FileHashes.push_back({Path, llvm::xxh3_64bits(Buf)});
  }
  return true;
}

bool EditBuilder::replaceTokens(SourceRange R, std::string Text, const llvm::Twine &What) {
  return replace(CharSourceRange::getTokenRange(R), std::move(Text), What);
}

std::string EditBuilder::text(SourceRange R) const {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO).str();
}

std::optional<std::string> EditBuilder::takeRewritten(SourceRange R) {
  CharSourceRange F = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(R), SM, LO);
  if (F.isInvalid())
    return std::nullopt;
  auto [FID, From] = SM.getDecomposedLoc(F.getBegin());
  unsigned To = SM.getFileOffset(F.getEnd());
  std::string Path = pathOf(FID);
  if (Path.empty() || To < From)
    return std::nullopt;
  std::vector<Edit> Inside;
  auto Keep = std::stable_partition(Plan.Edits.begin(), Plan.Edits.end(), [&](const Edit &E) {
    return !(E.File == Path && E.Offset >= From && E.Offset + E.Length <= To);
  });
  Inside.assign(Keep, Plan.Edits.end());
  Plan.Edits.erase(Keep, Plan.Edits.end());
  std::sort(Inside.begin(), Inside.end());
  llvm::StringRef Buf = SM.getBufferData(FID);
  std::string Out;
  unsigned At = From;
  for (const Edit &E : Inside) {
    if (E.Offset < At)
      return std::nullopt; // Overlapping edits: nothing sensible to return.
    Out += Buf.slice(At, E.Offset).str() + E.Text;
    At = E.Offset + E.Length;
  }
  Out += Buf.slice(At, To).str();
  return Out;
}

EditPlan EditBuilder::take() {
  if (Plan.refused()) {
    Plan.Edits.clear();
    Plan.FileHashes.clear();
    Plan.Notes.clear();
    Plan.AddedSlots.clear();
  }
  return std::move(Plan);
}

unsigned advanceColumns(unsigned Col, llvm::StringRef Text) {
  for (char Ch : Text)
    Col = Ch == '\t' ? (Col / 8 + 1) * 8 : Col + 1;
  return Col;
}

std::string tabsTo(unsigned Col, unsigned Target) {
  std::string Tabs;
  for (; Col < Target; Col = (Col / 8 + 1) * 8)
    Tabs += '\t';
  return Tabs;
}

std::string indentOf(const SourceManager &SM, SourceLocation L) {
  auto [FID, Off] = SM.getDecomposedLoc(SM.getExpansionLoc(L));
  llvm::StringRef Buf = SM.getBufferData(FID);
  size_t Start = Buf.rfind('\n', Off);
  Start = Start == llvm::StringRef::npos ? 0 : Start + 1;
  size_t End = Start;
  while (End < Buf.size() && (Buf[End] == ' ' || Buf[End] == '\t'))
    ++End;
  return Buf.slice(Start, End).str();
}

std::string wrapLine(const std::string &Text, const std::string &Indent) {
  unsigned Start = advanceColumns(0, Indent);
  if (Start + Text.size() + 1 <= 80)
    return Text;
  size_t Paren = Text.find('('), Eq = Text.find("= ");
  size_t Cont = Paren != std::string::npos && (Eq == std::string::npos || Paren < Eq)
                    ? Paren + 1
                : Eq != std::string::npos ? Eq + 2
                                          : 0;
  if (!Cont)
    return Text;
  unsigned ContCol = Start + Cont;
  std::string Prefix(ContCol / 8, '\t');
  Prefix += std::string(ContCol % 8, ' ');
  // Pieces end with their separator: "a, " "b | " ... A separator inside
  // nested parentheses is not a break point.
  std::vector<std::string> Pieces;
  size_t From = 0;
  int Depth = 0, Base = 0;
  for (size_t I = 0; I < Cont; ++I)
    Base += Text[I] == '(' ? 1 : Text[I] == ')' ? -1 : 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '(')
      ++Depth;
    else if (Text[I] == ')')
      --Depth;
    if (I < Cont || Depth != Base)
      continue;
    bool Comma = Text.compare(I, 2, ", ") == 0, Bar = Text.compare(I, 3, " | ") == 0;
    if (!Comma && !Bar)
      continue;
    size_t End = Comma ? I + 1 : I + 2;
    Pieces.push_back(Text.substr(From, End - From));
    From = End + 1;
    I = End;
  }
  Pieces.push_back(Text.substr(From));
  std::string Out, Line;
  unsigned Col = Start;
  for (const std::string &Piece : Pieces) {
    if (!Line.empty() && Col + 1 + Piece.size() + 1 > 80) {
      Out += Line + "\n" + Prefix;
      Line.clear();
      Col = ContCol;
    }
    if (!Line.empty()) {
      Line += ' ';
      ++Col;
    }
    Line += Piece;
    Col += Piece.size();
  }
  return Out + Line;
}

std::string joinLines(llvm::StringRef Text) {
  if (!Text.contains('\n') || Text.contains('"') || Text.contains("/*") ||
      Text.contains("//") || Text.contains('\''))
    return Text.str();
  std::string Out;
  bool Space = false;
  for (char C : Text) {
    if (C == ' ' || C == '\t' || C == '\n') {
      Space = true;
      continue;
    }
    if (Space && !Out.empty() && Out.back() != '(' && C != ')')
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

SourceLocation aboveDeclaration(const SourceManager &SM, SourceLocation Start) {
  Start = SM.getExpansionLoc(Start);
  auto [FID, Off] = SM.getDecomposedLoc(Start);
  llvm::StringRef Buf = SM.getBufferData(FID);
  size_t LineStart = Buf.rfind('\n', Off);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Above = Buf.take_front(LineStart).rtrim(" \t");
  if (Above.ends_with("*/\n")) {
    size_t Open = Above.rfind("/*");
    size_t OpenLine = Above.rfind('\n', Open);
    OpenLine = OpenLine == llvm::StringRef::npos ? 0 : OpenLine + 1;
    if (Open != llvm::StringRef::npos && Above.slice(OpenLine, Open).trim().empty())
      LineStart = OpenLine;
  }
  return SM.getComposedLoc(FID, LineStart);
}

} // namespace mmapmigrate
