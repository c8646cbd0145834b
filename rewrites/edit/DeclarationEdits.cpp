//===- DeclarationEdits.cpp - Edits around a renamed declaration ----------===//
#include "rewrites/edit/DeclarationEdits.h"

#include "clang/AST/Decl.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <optional>

using namespace clang;

namespace mmapmigrate {

namespace {

/// Tabs, then spaces, to column \p Col: kernel continuation lines align
/// with the opening parenthesis.
std::string alignTo(unsigned Col) { return std::string(Col / 8, '\t') + std::string(Col % 8, ' '); }

} // namespace

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

namespace {

/// The kernel-doc comment ("/**" ... "*/") right above \p Def.
struct KernelDoc {
  FileID FID;
  size_t Open = 0;
  llvm::StringRef Text;
};

std::optional<KernelDoc> kernelDocAbove(const EditBuilder &B, const FunctionDecl *Def) {
  auto [FID, Start] = B.SM.getDecomposedLoc(B.SM.getExpansionLoc(Def->getBeginLoc()));
  llvm::StringRef Buf = B.SM.getBufferData(FID);
  llvm::StringRef Before = Buf.take_front(Start).rtrim();
  if (!Before.ends_with("*/"))
    return std::nullopt;
  size_t Open = Before.rfind("/*");
  if (Open == llvm::StringRef::npos || !Before.substr(Open).starts_with("/**"))
    return std::nullopt;
  return KernelDoc{FID, Open, Before.substr(Open)};
}

} // namespace

void renameInKernelDoc(EditBuilder &B, const FunctionDecl *Def, llvm::StringRef OldName,
                       llvm::StringRef NewName) {
  auto Doc = kernelDocAbove(B, Def);
  if (!Doc)
    return;
  llvm::Regex Mention(("(^|[^A-Za-z0-9_])(" + OldName + ")\\(").str());
  llvm::SmallVector<llvm::StringRef, 3> M;
  llvm::StringRef Rest = Doc->Text;
  while (Mention.match(Rest, &M)) {
    size_t At = Doc->Open + (M[2].data() - Doc->Text.data());
    SourceLocation L = B.SM.getComposedLoc(Doc->FID, At);
    B.replace(CharSourceRange::getCharRange(L, L.getLocWithOffset(OldName.size())),
              NewName.str(), "a mention in the kernel-doc");
    Rest = Doc->Text.substr(At - Doc->Open + OldName.size());
  }
}

void rewriteKernelDoc(EditBuilder &B, const FunctionDecl *Def, llvm::StringRef NewName,
                      const ParmVarDecl *File, const ParmVarDecl *Vma, const Profile &P) {
  auto Found = kernelDocAbove(B, Def);
  if (!Found)
    return;
  FileID FID = Found->FID;
  size_t Open = Found->Open;
  llvm::StringRef Doc = Found->Text;
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

std::string preparedHelperName(llvm::StringRef Name, const Profile &P) {
  size_t At = Name.find("mmap");
  if (At == llvm::StringRef::npos)
    return preparedName(Name, P);
  return (Name.take_front(At + 4) + P.RenameSuffix + Name.drop_front(At + 4)).str();
}


void rewriteHelperSignature(EditBuilder &B, const FunctionDecl *R, unsigned Index,
                            llvm::StringRef NewName, const Profile &P) {
  const ParmVarDecl *PV = R->getParamDecl(Index);
  B.replaceTokens(SourceRange(R->getLocation()), NewName.str(), "the helper's name");
  auto [FID, NameOff] = B.SM.getDecomposedLoc(B.SM.getExpansionLoc(R->getLocation()));
  llvm::StringRef Buf = B.SM.getBufferData(FID);
  auto LineStart = [&](size_t Off) {
    size_t NL = Buf.rfind('\n', Off);
    return NL == llvm::StringRef::npos ? 0 : NL + 1;
  };
  size_t NameLine = LineStart(NameOff);
  size_t NameEnd = NameOff + R->getName().size();
  bool ParenFollows = NameEnd < Buf.size() && Buf[NameEnd] == '(';
  unsigned ParenCol =
      advanceColumns(0, Buf.slice(NameLine, NameOff)) + NewName.size() + 1;

  // Parameters that start a continuation line move with the parenthesis.
  if (ParenFollows)
    for (const ParmVarDecl *Q : R->parameters()) {
      unsigned Off = B.SM.getFileOffset(B.SM.getExpansionLoc(Q->getBeginLoc()));
      size_t From = LineStart(Off);
      if (From != NameLine && Buf.slice(From, Off).trim().empty() && Q != PV)
        B.replace(CharSourceRange::getCharRange(B.SM.getComposedLoc(FID, From),
                                                B.SM.getComposedLoc(FID, Off)),
                  alignTo(ParenCol), "the helper's parameter list");
    }

  SourceLocation Begin = B.SM.getExpansionLoc(PV->getBeginLoc());
  SourceLocation End = Lexer::getLocForEndOfToken(B.SM.getExpansionLoc(PV->getEndLoc()), 0,
                                                  B.SM, B.LO);
  unsigned Off = B.SM.getFileOffset(Begin), EndOff = B.SM.getFileOffset(End);
  size_t From = LineStart(Off);
  size_t LineEnd = std::min(Buf.find('\n', EndOff), Buf.size());
  llvm::StringRef Prefix = Buf.slice(From, Off);
  if (ParenFollows && From != NameLine && Prefix.trim().empty()) {
    B.replace(CharSourceRange::getCharRange(B.SM.getComposedLoc(FID, From), End),
              alignTo(ParenCol) + P.ParamDecl, "the helper's vma parameter");
    return;
  }
  std::string NewLine = Prefix.str() + P.ParamDecl + Buf.slice(EndOff, LineEnd).str();
  if (From == NameLine)
    NewLine.replace(NameOff - From, R->getName().size(), NewName.str());
  llvm::StringRef Before = Prefix.rtrim();
  if (ParenFollows && advanceColumns(0, NewLine) > 80 && Before.ends_with(",")) {
    // Break after the comma that precedes it.
    SourceLocation Comma = B.SM.getComposedLoc(FID, From + Before.size());
    B.replace(CharSourceRange::getCharRange(Comma, End), "\n" + alignTo(ParenCol) + P.ParamDecl,
              "the helper's vma parameter");
    return;
  }
  B.replace(CharSourceRange::getCharRange(Begin, End), P.ParamDecl,
            "the helper's vma parameter");
}


} // namespace mmapmigrate
