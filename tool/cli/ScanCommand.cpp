//===- ScanCommand.cpp - scan: the census, as text, JSON, YAML, SARIF, HTML ---===//
#include "tool/cli/Common.h"
#include "tool/cli/Options.h"
#include "matchers/core/SourceText.h"
#include "tool/driver/RewriteDriver.h"
#include "tool/driver/Shards.h"
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

namespace {

/// The output options make sense (one line and false if not).
bool outputOptionsOk() {
  if (Format != "text" && Format != "json" && Format != "yaml") {
    error("unknown --format '" + Format + "' (text, json or yaml)");
    return false;
  }
  if (!HtmlLink.empty() && HtmlFile.empty()) {
    error("--html-link needs --html FILE");
    return false;
  }
  if (!HtmlLink.empty() && !StringRef(HtmlLink).contains("{path}")) {
    error("--html-link '" + HtmlLink + "' has no {path}");
    return false;
  }
  return true;
}

/// The census of \p Opts under the profile \p ProfileOption chooses, in
/// the formats the output options ask for. \p PlanKey, when set: the
/// planner's key the results were made with (a merge's shards).
int reportCensus(ScanOptions Opts, const std::string &ProfileOption,
                 const std::string &TreeRoot, const std::string &PlanKey = "") {
  // The verdicts are the rewrite's decisions under the profile (planned,
  // not verified): "convert" means `rewrite` converts it.
  std::string Why;
  Expected<Profile> P = chooseProfile(ProfileOption, TreeRoot, Why);
  if (!P)
    return failWith(P.takeError());
  if (!PlanKey.empty() && Planner(*P).key() != PlanKey)
    return failWith(createStringError("the shards were planned for another profile than " +
                                      P->Name + " here"));
  Expected<RewritePlan> Plan = planRewrite(std::move(Opts), *P, {}, /*Verify=*/false);
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

/// `scan --shard I/N -o FILE`: this part of the first pass, for merge.
int writeShard(ScanOptions Opts, const std::string &TreeRoot) {
  Expected<ShardSpec> Spec = parseShardSpec(Shard);
  if (!Spec) {
    error(toString(Spec.takeError()));
    return ExitUsage;
  }
  if (Output.empty()) {
    error("--shard writes a shard file: give -o FILE");
    return ExitUsage;
  }
  std::string Why;
  Expected<Profile> P = chooseProfile(ProfileName, TreeRoot, Why);
  if (!P)
    return failWith(P.takeError());
  Planner Planning(*P);
  Opts.Plan = &Planning;
  Opts.Shard = *Spec;
  Expected<ScanOutcome> Out = runScan(Opts);
  if (!Out)
    return failWith(Out.takeError());
  std::string Text =
      formatv("{0}", shardToJson(Opts, ProfileName, Planning.key(), *Out)).str() + "\n";
  if (!writeAtomically(Output, Text))
    return ExitFailure;
  if (!Quiet)
    errs() << formatv("mmap-migrate: shard {0}/{1}: {2} TUs of the first pass, in {3}\n",
                      Spec->Index, Spec->Count, Out->ShardTus->Results.size(), Output.getValue());
  return ExitOk;
}

} // namespace

int runScanCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  if (!outputOptionsOk())
    return ExitUsage;
  ScanOptions Opts = scanOptions(std::move(FixedFlags), HaveFixedFlags);
  if (!Shard.empty())
    return writeShard(std::move(Opts), treeRootOption());
  return reportCensus(std::move(Opts), ProfileName, treeRootOption());
}

int runMergeCommand() {
  if (!outputOptionsOk())
    return ExitUsage;
  Expected<LoadedShards> L = loadShards({ShardFiles.begin(), ShardFiles.end()});
  if (!L)
    return failWith(L.takeError());
  ScanOptions Opts = std::move(L->Opts);
  // How this machine runs: its cache, its cores, its log.
  Opts.CacheRoot = cacheRootOf(CacheDir);
  Opts.NoCache = NoCache;
  Opts.Jobs = Jobs;
  Opts.Log = runLog();
  Opts.Merged = std::make_shared<ShardResults>(std::move(L->Results));
  std::string TreeRoot = !Opts.Root.empty() ? Opts.Root : Opts.KernelTree;
  return reportCensus(std::move(Opts), L->ProfileOption, TreeRoot, L->PlanKey);
}

} // namespace mmapmigrate::cli
