//===- EditApplier.cpp - The one place that turns edits into text ---------===//
#include "rewrites/apply/EditApplier.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

namespace mmapmigrate {
namespace {

llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

llvm::Expected<std::string> readFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return fail("cannot read " + Path + ": " + Buf.getError().message());
  return (*Buf)->getBuffer().str();
}

std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t NL = Text.find('\n');
    if (NL == llvm::StringRef::npos) {
      Lines.push_back(Text);
      break;
    }
    Lines.push_back(Text.take_front(NL + 1));
    Text = Text.drop_front(NL + 1);
  }
  return Lines;
}

/// Line-level LCS diff of two small regions: ' ', '-' or '+' per line.
std::vector<std::pair<char, llvm::StringRef>> diffRegion(const std::vector<llvm::StringRef> &A,
                                                          const std::vector<llvm::StringRef> &B) {
  size_t N = A.size(), M = B.size();
  std::vector<std::vector<unsigned>> L(N + 1, std::vector<unsigned>(M + 1, 0));
  for (size_t I = N; I-- > 0;)
    for (size_t J = M; J-- > 0;)
      L[I][J] = A[I] == B[J] ? L[I + 1][J + 1] + 1 : std::max(L[I + 1][J], L[I][J + 1]);
  std::vector<std::pair<char, llvm::StringRef>> Out;
  size_t I = 0, J = 0;
  while (I < N || J < M) {
    if (I < N && J < M && A[I] == B[J]) {
      Out.push_back({' ', A[I]});
      ++I, ++J;
    } else if (I < N && (J == M || L[I + 1][J] >= L[I][J + 1])) {
      Out.push_back({'-', A[I++]});
    } else {
      Out.push_back({'+', B[J++]});
    }
  }
  return Out;
}

void printLine(llvm::raw_ostream &OS, char Tag, llvm::StringRef Line) {
  OS << Tag << Line;
  if (!Line.ends_with("\n"))
    OS << "\n\\ No newline at end of file\n";
}

} // namespace

llvm::Expected<std::vector<Edit>> normalizeEdits(std::vector<Edit> Edits) {
  std::sort(Edits.begin(), Edits.end());
  Edits.erase(std::unique(Edits.begin(), Edits.end()), Edits.end());
  for (size_t I = 1; I < Edits.size(); ++I) {
    const Edit &A = Edits[I - 1], &B = Edits[I];
    if (A.File == B.File && (A.Offset + A.Length > B.Offset ||
                             (A.Offset == B.Offset && (A.Length || B.Length))))
      return fail("conflicting edits in " + A.File + " at offsets " + llvm::Twine(A.Offset) +
                  " and " + llvm::Twine(B.Offset));
  }
  return Edits;
}

std::string applyEdits(llvm::StringRef Text, const std::vector<Edit> &FileEdits) {
  std::string Out;
  size_t Pos = 0;
  for (const Edit &E : FileEdits) {
    Out += Text.slice(Pos, E.Offset).str();
    Out += E.Text;
    Pos = E.Offset + E.Length;
  }
  Out += Text.substr(Pos).str();
  return Out;
}

llvm::Expected<std::map<std::string, std::pair<std::string, std::string>>>
rewrittenContents(const std::vector<Edit> &Edits) {
  std::map<std::string, std::vector<Edit>> ByFile;
  for (const Edit &E : Edits)
    ByFile[E.File].push_back(E);
  std::map<std::string, std::pair<std::string, std::string>> Out;
  for (auto &[File, FileEdits] : ByFile) {
    auto Old = readFile(File);
    if (!Old)
      return Old.takeError();
    for (const Edit &E : FileEdits)
      if (E.Offset + E.Length > Old->size())
        return fail("edit past the end of " + File + ": it changed since it was parsed");
    std::string New = applyEdits(*Old, FileEdits);
    Out[File] = {std::move(*Old), std::move(New)};
  }
  return Out;
}

std::string unifiedDiff(llvm::StringRef Old, llvm::StringRef New, llvm::StringRef Rel) {
  std::vector<llvm::StringRef> A = splitLines(Old), B = splitLines(New);
  // Common head and tail lines are never part of a change.
  size_t Head = 0;
  while (Head < A.size() && Head < B.size() && A[Head] == B[Head])
    ++Head;
  size_t Tail = 0;
  while (Tail < A.size() - Head && Tail < B.size() - Head &&
         A[A.size() - 1 - Tail] == B[B.size() - 1 - Tail])
    ++Tail;
  std::vector<llvm::StringRef> MidA(A.begin() + Head, A.end() - Tail);
  std::vector<llvm::StringRef> MidB(B.begin() + Head, B.end() - Tail);
  if (MidA.empty() && MidB.empty())
    return "";
  // The middle is small for our edits (a handler and its slots); a file
  // with edits far apart still diffs correctly, only slower.
  auto Ops = diffRegion(MidA, MidB);
  std::vector<std::pair<char, llvm::StringRef>> All;
  for (size_t I = 0; I < Head; ++I)
    All.push_back({' ', A[I]});
  All.insert(All.end(), Ops.begin(), Ops.end());
  for (size_t I = A.size() - Tail; I < A.size(); ++I)
    All.push_back({' ', A[I]});

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "--- a/" << Rel << "\n+++ b/" << Rel << "\n";
  const size_t Ctx = 3;
  size_t I = 0;
  while (I < All.size()) {
    if (All[I].first == ' ') {
      ++I;
      continue;
    }
    // A hunk: from Ctx lines before this change to Ctx lines after the
    // last change that is within 2*Ctx lines of the previous one.
    size_t Start = I >= Ctx ? I - Ctx : 0;
    size_t End = I;
    for (size_t J = I; J < All.size(); ++J)
      if (All[J].first != ' ') {
        if (J > End + 2 * Ctx)
          break;
        End = J;
      }
    size_t Stop = std::min(All.size(), End + Ctx + 1);
    size_t OldLine = 1, NewLine = 1;
    for (size_t J = 0; J < Start; ++J) {
      OldLine += All[J].first != '+';
      NewLine += All[J].first != '-';
    }
    size_t OldCount = 0, NewCount = 0;
    for (size_t J = Start; J < Stop; ++J) {
      OldCount += All[J].first != '+';
      NewCount += All[J].first != '-';
    }
    OS << "@@ -" << (OldCount ? OldLine : OldLine - 1) << "," << OldCount << " +"
       << (NewCount ? NewLine : NewLine - 1) << "," << NewCount << " @@\n";
    for (size_t J = Start; J < Stop; ++J)
      printLine(OS, All[J].first, All[J].second);
    I = Stop;
  }
  OS.flush();
  return Out;
}

llvm::Expected<std::string> fixesYaml(const std::vector<FixGroup> &Groups,
                                      llvm::StringRef BuildDir) {
  clang::tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = "";
  for (const FixGroup &G : Groups) {
    clang::tooling::DiagnosticMessage Msg;
    Msg.Message = G.Message;
    Msg.FilePath = G.File;
    Msg.FileOffset = G.Offset;
    for (const Edit &E : G.Edits) {
      clang::tooling::Replacement R(E.File, E.Offset, E.Length, E.Text);
      if (llvm::Error Err = Msg.Fix[E.File].add(R))
        return Err;
    }
    clang::tooling::Diagnostic D(G.Check, Msg, {}, clang::tooling::Diagnostic::Warning,
                                 BuildDir.str());
    TUD.Diagnostics.push_back(std::move(D));
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
  OS.flush();
  return Text;
}

} // namespace mmapmigrate
