//===- RewriteCommand.cpp - rewrite: a diff, fix-it YAML, or the tree in place ---===//
#include "tool/cli/Common.h"
#include "tool/cli/Options.h"
#include "matchers/core/SourceText.h"
#include "matchers/find/HalfConversion.h"
#include "rewrites/apply/EditApplier.h"
#include "tool/driver/RewriteDriver.h"
#include "tool/driver/RewriteJournal.h"
#include "tool/report/CoreUsesReport.h"
#include "tool/report/Report.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace mmapmigrate::cli {

int runRewriteCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  ScanOptions Opts = scanOptions(std::move(FixedFlags), HaveFixedFlags);
  std::string TreeRoot = treeRootOption();
  std::string Why;
  Expected<Profile> P = chooseProfile(ProfileName, TreeRoot, Why);
  if (!P)
    return failWith(P.takeError());
  errs() << "mmap-migrate: " << Why << "\n";

  Expected<RewritePlan> Plan =
      planRewrite(Opts, *P, std::vector<std::string>(VerifyArg.begin(), VerifyArg.end()));
  if (!Plan)
    return failWith(Plan.takeError());

  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  unsigned Converted = 0, Refused = 0, Manual = 0;
  for (const HandlerOutcome &O : Plan->Outcomes) {
    std::string Where = formatv("{0}:{1}:{2}", relativePath(O.H.Pos.File, Cwd), O.H.Pos.Line,
                                O.H.Pos.Col);
    if (O.Converted) {
      ++Converted;
      errs() << Where << ": note: '" << O.H.Name << "' becomes ->" << P->Slot << " ("
             << O.Sites << (O.Sites == 1 ? " slot" : " slots") << ") [mmap-migrate-rewrite]\n";
      for (const std::string &N : O.Notes)
        errs() << Where << ": note: " << N << "\n";
    } else if (O.tried()) {
      ++(O.C.V == Verdict::Convert ? Refused : Manual);
      errs() << Where << ": warning: '" << O.H.Name << "' not rewritten: " << O.Why
             << " [mmap-migrate-rewrite]\n";
    } else {
      ++Manual;
    }
  }
  // A rerun over a tree converted half-way must say so, not just find less.
  for (const NotAnalysed &N : Plan->C.NotAnalysedList)
    if (isHalfConversion(N))
      errs() << notAnalysedWhere(N, Cwd) << ": warning: " << N.Reason
             << " [mmap-migrate-half-converted]\n";
  printCoreUses(errs(), *Plan, *P, Cwd);
  errs() << "mmap-migrate: " << Converted << " handlers rewritten, " << Refused
         << " convertible ones refused, " << Manual << " left manual (see scan), "
         << Plan->Edits.size() << " edits\n";

  if (!RewriteReport.empty()) {
    std::string Json;
    raw_string_ostream OS(Json);
    OS << formatv("{0:2}", rewriteToJson(*Plan, *P)) << "\n";
    if (!writeAtomically(RewriteReport, OS.str()))
      return ExitFailure;
  }
  if (!ExportFixes.empty()) {
    // Replacements::add refuses overlapping edits: the plan should never
    // produce them, but if it does the YAML must not be written half-true.
    auto Yaml = fixesYaml(Plan->Fixes, Plan->Root);
    if (!Yaml)
      return failWith(Yaml.takeError());
    if (!writeAtomically(ExportFixes, *Yaml))
      return ExitFailure;
  }
  if (InPlace) {
    auto Contents = rewrittenContents(Plan->Edits);
    if (!Contents)
      return failWith(Contents.takeError());
    CommitOptions C{journalDirOf(cacheRootOf(CacheDir)), Plan->Root, CommitPauseMs, runLog()};
    if (Error E = commitInPlace(*Contents, Plan->Hashes, C))
      return failWith(std::move(E));
    return ExitOk;
  }
  if (DryRun || ExportFixes.empty()) {
    auto Contents = rewrittenContents(Plan->Edits);
    if (!Contents)
      return failWith(Contents.takeError());
    std::vector<std::pair<std::string, const std::pair<std::string, std::string> *>> Files;
    for (const auto &[File, OldNew] : *Contents)
      Files.push_back({relativePath(File, Plan->Root), &OldNew});
    std::sort(Files.begin(), Files.end());
    for (const auto &[Rel, OldNew] : Files)
      outs() << unifiedDiff(OldNew->first, OldNew->second, Rel);
  }
  return ExitOk;
}

} // namespace mmapmigrate::cli
