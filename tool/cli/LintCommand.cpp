//===- LintCommand.cpp - lint: the ->mmap users a change adds, for CI ---===//
#include "tool/cli/Common.h"
#include "tool/cli/Options.h"
#include "tool/lint/LintDriver.h"
#include "tool/lint/LintReport.h"
#include "tool/lint/LintSarif.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace mmapmigrate::cli {

int runLintCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  // 1 means findings here: every refusal is a tool error.
  enum { LintClean = 0, LintFindings = 1, LintError = 2 };
  if (HaveFixedFlags || !Paths.empty()) {
    error("lint takes no paths or '--' flags: the change says what to check");
    return LintError;
  }
  LintOptions Opts;
  Opts.Scan = scanOptions({}, false);
  Opts.Base = LintBase;
  Opts.Head = LintHead;
  Opts.BaselineFile = Baseline;
  Opts.AllowEmpty = AllowEmpty;
  Opts.ProfileName = ProfileName;
  Opts.VerifyArgs.assign(VerifyArg.begin(), VerifyArg.end());
  if (LintBase.empty()) {
    if (sys::Process::StandardInIsUserInput()) {
      error("lint needs the change: --base REV, or a diff on stdin");
      return LintError;
    }
    auto In = MemoryBuffer::getSTDIN();
    if (!In) {
      error("cannot read the diff on stdin: " + In.getError().message());
      return LintError;
    }
    Opts.DiffText = (*In)->getBuffer().str();
  }
  Expected<LintOutcome> Out = runLint(std::move(Opts));
  if (!Out) {
    failWith(Out.takeError());
    return LintError;
  }
  if (!SarifFile.empty() &&
      !writeAtomically(SarifFile, formatv("{0:2}", lintToSarif(Out->Findings, Out->NotChecked,
                                                               Out->Root))
                                          .str() +
                                      "\n"))
    return LintError;
  printLintReport(*Out, outs());
  outs().flush();
  if (outs().has_error()) // A report that did not arrive is no verdict.
    return checkedStdout(LintError);
  errs() << "mmap-migrate: lint: " << Out->Findings.size() << " new ->mmap user"
         << (Out->Findings.size() == 1 ? "" : "s");
  if (Out->Accepted)
    errs() << " (" << Out->Accepted << " more in the baseline)";
  errs() << ", " << Out->Change.Files.size() << " changed file" << (Out->Change.Files.size() == 1 ? "" : "s")
         << "\n";
  return Out->Findings.empty() ? LintClean : LintFindings;
}

} // namespace mmapmigrate::cli
