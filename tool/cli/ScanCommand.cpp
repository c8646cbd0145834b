//===- ScanCommand.cpp - scan: the census, as text, JSON, YAML, SARIF, HTML ---===//
#include "tool/cli/Common.h"
#include "tool/cli/Options.h"
#include "matchers/core/SourceText.h"
#include "tool/driver/RewriteDriver.h"
#include "tool/report/Html.h"
#include "tool/report/Report.h"
#include "tool/report/Sarif.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace mmapmigrate::cli {

int runScanCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  if (Format != "text" && Format != "json" && Format != "yaml") {
    error("unknown --format '" + Format + "' (text, json or yaml)");
    return ExitUsage;
  }
  if (!HtmlLink.empty() && HtmlFile.empty()) {
    error("--html-link needs --html FILE");
    return ExitUsage;
  }
  if (!HtmlLink.empty() && !StringRef(HtmlLink).contains("{path}")) {
    error("--html-link '" + HtmlLink + "' has no {path}");
    return ExitUsage;
  }
  // The verdicts are the rewrite's decisions under the profile (planned,
  // not verified): "convert" means `rewrite` converts it.
  std::string TreeRoot = treeRootOption();
  std::string Why;
  Expected<Profile> P = chooseProfile(ProfileName, TreeRoot, Why);
  if (!P)
    return failWith(P.takeError());
  Expected<RewritePlan> Plan =
      planRewrite(scanOptions(std::move(FixedFlags), HaveFixedFlags), *P, {}, /*Verify=*/false);
  if (!Plan)
    return failWith(Plan.takeError());
  std::optional<ScanOutcome> Out(std::move(Plan->Scan));
  Out->C = std::move(Plan->C);
  if (!DumpCommands.empty() && !writeAtomically(DumpCommands, parsedCommandsJson(*Out)))
    return ExitFailure;
  if (!SarifFile.empty() &&
      !writeAtomically(SarifFile, formatv("{0:2}", censusToSarif(Out->C, Out->Root)).str() + "\n"))
    return ExitFailure;
  if (!HtmlFile.empty() &&
      !writeAtomically(HtmlFile, censusToHtml(Out->C, Out->Root, HtmlOptions{HtmlLink})))
    return ExitFailure;

  std::string Text;
  raw_string_ostream OS(Text);
  if (Format == "text") {
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    printTextReport(Out->C, Cwd, OS);
  } else {
    json::Value V = censusToJson(Out->C, Out->Root);
    if (Format == "json")
      OS << formatv("{0:2}", V) << "\n";
    else
      OS << jsonToYaml(V);
  }
  OS.flush();
  bool Written = true;
  if (Output.empty()) {
    outs() << Text;
    outs().flush();
  } else {
    Written = writeAtomically(Output, Text);
  }
  // Last, so that a failure stays one line.
  if (Written && !Quiet)
    errs() << "mmap-migrate: verdicts for " << Why << "\n";
  return Written ? ExitOk : ExitFailure;
}

} // namespace mmapmigrate::cli
