//===- CheckCommand.cpp - check: a kbuild checker, as sparse is -----------===//
//
// `make C=1 CHECK='mmap-migrate check' drivers/char/` runs this once per
// compiled file with the compiler's flags: the file's census notes go to
// stderr, as sparse's warnings do, with no compile DB and no set-up. A
// finding never fails the build (exit 0); only a command line it cannot
// take or a file it cannot read does.
//
//===----------------------------------------------------------------------===//
#include "tool/cli/Common.h"
#include "tool/driver/RewriteDriver.h"
#include "tool/kbuild/CheckerCommand.h"
#include "tool/report/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace mmapmigrate::cli {

namespace {

/// Whether the file's text may set an mmap slot: it names mmap, an ops
/// table or a fops-building macro (DEFINE_DRM_GEM_FOPS), or it #includes a
/// .c file. Reading the headers for the macros, as scan does, would cost
/// more than the parse it saves; this errs on the side of parsing.
bool worthParsing(StringRef Text) {
  return Text.contains_insensitive("mmap") || Text.contains_insensitive("ops") ||
         Text.contains_insensitive(".c\"");
}

} // namespace

int runCheckCommand(ArrayRef<std::string> Args) {
  std::string ProfileName;
  bool Verbose = false;
  size_t I = 0;
  for (; I < Args.size(); ++I) {
    StringRef A = Args[I];
    if (A.consume_front("--profile="))
      ProfileName = A.str();
    else if (A == "-v")
      Verbose = true;
    else
      break;
  }
  SmallString<256> Cwd;
  sys::fs::current_path(Cwd);
  Expected<CheckerCommand> Cmd = checkerCommand(Args.drop_front(I), Cwd);
  if (!Cmd) {
    error(toString(Cmd.takeError()));
    return ExitUsage;
  }
  auto Text = MemoryBuffer::getFile(Cmd->Source, /*IsText=*/true);
  if (!Text) {
    error("check: cannot read " + Cmd->Source + ": " + Text.getError().message());
    return ExitFailure;
  }
  if (!worthParsing((*Text)->getBuffer()))
    return ExitOk;

  ScanOptions Opts;
  Opts.HaveFixedFlags = true;
  Opts.FixedFlags = Cmd->Flags;
  Opts.Paths = {Cmd->Source};
  Opts.NoCache = true; // make -j runs many of us; nothing is kept.
  Opts.Jobs = 1;
  Opts.Root = std::string(Cwd);
  auto Line = [](const std::string &Msg) { errs() << ("mmap-migrate: " + Msg + "\n"); };
  Opts.Log.Say = Line;
  if (Verbose) {
    Opts.Log.Note = Line;
    errs() << "mmap-migrate: check " << Cmd->Source << " (target "
           << (Cmd->Target.empty() ? "the host's" : Cmd->Target) << "): "
           << join(Cmd->Flags, " ") << "\n";
  }
  std::string Why;
  Expected<Profile> P = chooseProfile(ProfileName, rootForBuildDir(Cwd), Why);
  if (!P)
    return failWith(P.takeError());
  Expected<RewritePlan> Plan = planRewrite(std::move(Opts), *P, {}, /*Verify=*/false);
  if (!Plan)
    return failWith(Plan.takeError());
  std::string Notes;
  raw_string_ostream OS(Notes);
  printCensusNotes(Plan->C, Cwd, OS);
  // One write, so that make -j's other checkers do not cut into it.
  errs() << Notes;
  return ExitOk;
}

} // namespace mmapmigrate::cli
