//===- main.cpp - mmap-migrate command line -------------------------------===//
//
// Thin: parse options, settle an interrupted in-place rewrite, run the
// subcommand (one file each). Exit codes: 0 success, 1 usage error, 2 tool
// failure (docs/cli.md).
//
//===----------------------------------------------------------------------===//
#include "tool/cli/Common.h"
#include "tool/cli/Options.h"
#include "tool/driver/RewriteJournal.h"

#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace mmapmigrate;
using namespace mmapmigrate::cli;

int main(int argc, const char **argv) {
  // Before anything opens a file that could take a closed stream's number.
  if (!standardStreamsUsable())
    return ExitFailure;
  InitLLVM X(argc, argv);
  // Parses run under llvm::CrashRecoveryContext: a crash in clang costs
  // that TU, not the run.
  CrashRecoveryContext::Enable();
  exitOnBrokenPipe();
  // kbuild's checker hook: the rest is a compiler's command line, which
  // LLVM's option parser must not see.
  if (argc > 1 && StringRef(argv[1]) == "check")
    return runCheckCommand(std::vector<std::string>(argv + 2, argv + argc));
  // Compiler flags after `--` go to every TU, as with clang-tidy.
  std::vector<std::string> FixedFlags;
  bool HaveFixedFlags = false;
  int Argc = argc;
  for (int I = 1; I < argc; ++I)
    if (StringRef(argv[I]) == "--") {
      HaveFixedFlags = true;
      for (int J = I + 1; J < argc; ++J)
        FixedFlags.push_back(argv[J]);
      Argc = I;
      break;
    }

  cl::HideUnrelatedOptions(ScanCat);
  std::string Errors;
  raw_string_ostream ErrOS(Errors);
  if (!cl::ParseCommandLineOptions(Argc, argv,
                                   "mmap-migrate: port file_operations->mmap to "
                                   "->mmap_prepare\n",
                                   &ErrOS)) {
    ErrOS.flush();
    StringRef First = StringRef(Errors).split('\n').first;
    errs() << First << "\n";
    // For lint, 1 means findings: a command line it cannot take is 2.
    return Argc > 1 && StringRef(argv[1]) == "lint" ? 2 : ExitUsage;
  }
  // An in-place rewrite that was killed midway is finished (or undone)
  // before anything reads the tree it left.
  if (ScanCmd || MergeCmd || RewriteCmd || SeriesCmd || LintCmd) {
    Expected<std::vector<std::string>> Settled =
        settleInterruptedRewrites(journalDirOf(cacheRootOf(CacheDir)), runLog());
    if (!Settled)
      return failWith(Settled.takeError());
    for (const std::string &Line : *Settled)
      errs() << "mmap-migrate: " << Line << "\n";
  }
  if (ScanCmd)
    return checkedStdout(runScanCommand(std::move(FixedFlags), HaveFixedFlags));
  if (MergeCmd)
    return checkedStdout(runMergeCommand());
  if (RewriteCmd)
    return checkedStdout(runRewriteCommand(std::move(FixedFlags), HaveFixedFlags));
  if (SeriesCmd)
    return checkedStdout(runSeriesCommand(std::move(FixedFlags), HaveFixedFlags));
  if (LintCmd)
    return checkedStdout(runLintCommand(std::move(FixedFlags), HaveFixedFlags));
  errs() << "usage: mmap-migrate scan|merge|rewrite|series|lint|check [--kernel TREE | -p BUILD_DIR] [PATH...] "
            "[-- flags] (see scan --help, rewrite --help, series --help, lint --help)\n";
  return ExitUsage;
}
