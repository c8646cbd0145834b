//===- LintReport.cpp - The lint's text, in the 0-day bot's shape ---------===//
#include "tool/lint/LintReport.h"
#include "matchers/core/SourceText.h"
#include "tool/support/AtomicFile.h"

#include "clang/Basic/Version.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

namespace mmapmigrate {

namespace {

std::string where(const SourcePos &P, llvm::StringRef Root) {
  std::string W = relativePath(P.File, Root) + ":" + std::to_string(P.Line);
  if (P.Col)
    W += ":" + std::to_string(P.Col);
  return W;
}

/// The lines around \p At, `>>` on those the change adds.
void printExcerpt(const LintFinding &F, const LintOutcome &Out, llvm::raw_ostream &OS) {
  std::string Rel = relativePath(F.Pos.File, Out.Root);
  auto Text = readWholeFile(F.Pos.File);
  if (!Text)
    return;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(*Text).split(Lines, '\n');
  unsigned From = F.Pos.Line > 3 ? F.Pos.Line - 3 : 1;
  unsigned To = std::min<unsigned>(Lines.size(), F.Pos.Line + 6);
  // A new handler: show it down to its closing brace (up to 30 lines).
  if (F.Rule == LintRule::NewHandler)
    for (unsigned L = F.Pos.Line; L <= Lines.size() && L < F.Pos.Line + 30; ++L)
      if (Lines[L - 1].starts_with("}")) {
        To = L;
        break;
      }
  OS << "vim +" << F.Pos.Line << " " << Rel << "\n\n";
  for (unsigned L = From; L <= To; ++L)
    OS << (Out.Change.adds(Rel, L) ? ">>" : "  ") << llvm::formatv("{0,6}", L) << "\t"
       << Lines[L - 1].rtrim('\r') << "\n";
}

} // namespace

void printLintReport(const LintOutcome &Out, llvm::raw_ostream &OS) {
  size_t N = Out.Findings.size();
  if (N == 0)
    OS << "mmap-migrate lint: the change adds no ->mmap users\n\n";
  else
    OS << "mmap-migrate lint noticed " << N << " new ->mmap user" << (N == 1 ? "" : "s")
       << " in the change:\n\n";
  OS << "tree:     " << Out.Root << "\n";
  OS << "base:     " << Out.BaseDesc << "\n";
  OS << "head:     " << Out.HeadDesc << "\n";
  OS << "config:   " << Out.Config << "\n";
  OS << "compiler: " << clang::getClangFullVersion() << " (mmap-migrate "
     << MMAP_MIGRATE_VERSION << "; suggestions for the " << Out.ProfileName << " API)\n";
  OS << "checked:  " << Out.Change.Files.size() << " changed file" << (Out.Change.Files.size() == 1 ? "" : "s")
     << ", " << Out.TusParsed << " translation unit" << (Out.TusParsed == 1 ? "" : "s")
     << " parsed\n";
  if (Out.Accepted)
    OS << "baseline: " << Out.Accepted << " finding" << (Out.Accepted == 1 ? "" : "s")
       << " accepted, not shown\n";
  for (const NotAnalysed &NA : Out.NotChecked)
    OS << "note:     " << relativePath(NA.File, Out.Root)
       << " was not analysed, its added lines were read as text: " << NA.Reason << "\n";
  if (N == 0)
    return;

  OS << "\nAll findings (new ones prefixed by >>):\n\n";
  for (const LintFinding &F : Out.Findings) {
    OS << ">> " << where(F.Pos, Out.Root) << ": warning: " << F.Message << " ["
       << lintRuleId(F.Rule) << "]\n";
    for (const auto &[Pos, Text] : F.Notes)
      OS << "   " << where(Pos, Out.Root) << ": note: " << Text << "\n";
  }
  for (const LintFinding &F : Out.Findings) {
    OS << "\n" << std::string(72, '-') << "\n";
    OS << where(F.Pos, Out.Root) << ": " << F.Message << "\n\n";
    printExcerpt(F, Out, OS);
    if (!F.Suggestion.empty())
      OS << "\nsuggested ->mmap_prepare form (what `mmap-migrate rewrite` would change):\n\n"
         << F.Suggestion;
    else if (!F.WhyNoSuggestion.empty())
      OS << "\nno ->mmap_prepare form suggested: " << F.WhyNoSuggestion << "\n";
  }
  OS << "\n" << std::string(72, '-') << "\n";
  OS << "To accept these findings as they are, list them in a --baseline file:\n\n";
  for (const LintFinding &F : Out.Findings)
    OS << "  " << F.fingerprint(Out.Root) << "\n";
}

} // namespace mmapmigrate
