//===- SeriesCommand.cpp - series: the rewrite as git format-patch series ---===//
#include "tool/cli/Common.h"
#include "tool/cli/Options.h"
#include "tool/driver/RewriteDriver.h"
#include "tool/series/SeriesWriter.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace mmapmigrate::cli {

/// Whether the tree's headers declare the profile's hook (the series then
/// builds on its own base).
bool treeDeclaresHook(StringRef TreeRoot, const Profile &P) {
  SmallString<256> Path(TreeRoot);
  sys::path::append(Path, "include", "linux", "fs.h");
  auto Buf = MemoryBuffer::getFile(Path);
  return Buf && (*Buf)->getBuffer().contains(P.Slot);
}

int runSeriesCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  if (Error E = checkOutputDir(SeriesDir))
    return failWith(std::move(E));
  if (MaxPatches == 0) {
    error("--max-patches must be at least 1");
    return ExitUsage;
  }
  std::string TreeRoot = treeRootOption();
  if (TreeRoot.empty()) {
    error("series needs the tree: --kernel TREE, or --root TREE with -p");
    return ExitUsage;
  }
  // Everything that can stop a series is checked before the long scan.
  Expected<GitCheckout> Git = openGitCheckout(TreeRoot);
  if (!Git)
    return failWith(Git.takeError());
  Expected<std::string> Ident = signoffIdentity(Git->TopLevel, Signoff);
  if (!Ident)
    return failWith(Ident.takeError());
  std::string Why;
  Expected<Profile> P = chooseProfile(ProfileName, TreeRoot, Why);
  if (!P)
    return failWith(P.takeError());
  errs() << "mmap-migrate: " << Why << "\n";

  ScanOptions Opts = scanOptions(std::move(FixedFlags), HaveFixedFlags);
  Expected<RewritePlan> Plan =
      planRewrite(Opts, *P, std::vector<std::string>(VerifyArg.begin(), VerifyArg.end()));
  if (!Plan)
    return failWith(Plan.takeError());

  SeriesOptions SO;
  SO.OutDir = SeriesDir;
  SO.Signoff = *Ident;
  SO.MaxPatches = MaxPatches;
  SO.Config = !KernelTree.empty() ? Arch + " " + Config : "the build dir's compile commands";
  SO.ProfileWhy = Why;
  SO.TreeHasApi = treeDeclaresHook(TreeRoot, *P);
  SO.Log = runLog();
  Expected<SeriesOutcome> Out = writeSeries(*Plan, *P, *Git, SO);
  if (!Out)
    return failWith(Out.takeError());
  for (const std::string &Name : Out->Dropped)
    errs() << "mmap-migrate: warning: '" << Name
           << "' left out: its patch does not build on its own (see the cover letter)\n";
  for (const auto &[File, Subject] : Out->Subjects)
    outs() << SeriesDir << "/" << File << ": " << Subject << "\n";
  unsigned Converted = 0;
  for (const HandlerOutcome &O : Plan->Outcomes)
    Converted += O.Converted;
  errs() << "mmap-migrate: " << Out->Patches << " patches in " << Out->Parts
         << (Out->Parts == 1 ? " series" : " series (one folder each)") << ", " << Converted
         << " handlers converted, base " << Git->Base.substr(0, 12) << "\n";
  return ExitOk;
}

} // namespace mmapmigrate::cli
