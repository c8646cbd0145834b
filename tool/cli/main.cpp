//===- main.cpp - mmap-migrate command line -------------------------------===//
//
// Thin: parse options, run the scan, print. Exit codes: 0 success, 1 usage
// error, 2 tool failure (docs/cli.md).
//
//===----------------------------------------------------------------------===//
#include "rewrites/apply/EditApplier.h"
#include "matchers/core/SourceText.h"
#include "tool/support/AtomicFile.h"
#include "tool/kbuild/CompileDb.h"
#include "matchers/find/HalfConversion.h"
#include "tool/report/Html.h"
#include "tool/lint/LintDriver.h"
#include "tool/lint/LintReport.h"
#include "tool/report/Report.h"
#include "tool/report/Sarif.h"
#include "tool/lint/LintSarif.h"
#include "tool/driver/RewriteDriver.h"
#include "tool/driver/RewriteJournal.h"
#include "tool/series/SeriesWriter.h"
#include "tool/driver/ScanDriver.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace mmapmigrate;

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 1, ExitFailure = 2 };

cl::SubCommand ScanCmd("scan", "Find and classify every file_operations->mmap "
                               "implementation");
cl::SubCommand RewriteCmd("rewrite", "Port the convertible ->mmap handlers to "
                                     "->mmap_prepare");

cl::SubCommand SeriesCmd("series", "Turn the rewrite into a git format-patch series "
                                   "(on a git checkout)");

cl::SubCommand LintCmd("lint", "For CI: report the ->mmap users a change adds (exit 0 "
                               "clean, 1 findings, 2 tool error)");

cl::OptionCategory ScanCat("scan options");

cl::opt<std::string> KernelTree("kernel", cl::desc("Linux source tree to scan (configured "
                                                   "in a cache folder, never written)"),
                                cl::value_desc("TREE"), cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> BuildPath("p", cl::desc("Build dir with compile_commands.json"),
                               cl::value_desc("BUILD_DIR"), cl::sub(ScanCmd),
                               cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::list<std::string> Paths(cl::Positional, cl::desc("[PATH...]"), cl::sub(ScanCmd),
                            cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<std::string> Format("format", cl::desc("Output format: text, json or yaml"),
                            cl::init("text"), cl::sub(ScanCmd), cl::cat(ScanCat));
cl::opt<std::string> Output("o", cl::desc("Write the report to FILE (atomically)"),
                            cl::value_desc("FILE"), cl::sub(ScanCmd), cl::cat(ScanCat));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel parses (default: number of cores)"),
                       cl::init(0), cl::Prefix, cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::list<std::string> ExtraArg("extra-arg", cl::desc("Append a compiler flag"),
                               cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::list<std::string> ExtraArgBefore("extra-arg-before",
                                     cl::desc("Prepend a compiler flag"), cl::sub(ScanCmd),
                                     cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Root("root", cl::desc("Tree root that report paths are relative to"),
                          cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Cache folder for --kernel build dirs and scan results "
                                       "(default: $XDG_CACHE_HOME/mmap-migrate)"),
                              cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Neither reuse nor store cached scan results (every TU is "
                               "parsed); the --kernel build dir is still reused"),
                      cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Arch("arch", cl::desc("Kernel ARCH for --kernel (default x86_64)"),
                          cl::init("x86_64"), cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Config("config", cl::desc("Kernel config target for --kernel"),
                            cl::init("allmodconfig"), cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> Verbose("v", cl::desc("Say what is being done on stderr"), cl::sub(ScanCmd),
                      cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));

cl::opt<bool> Quiet("q", cl::desc("No progress line on stderr"), cl::sub(ScanCmd),
                    cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> ParseAll("parse-all",
                       cl::desc("Parse the files whose text shows only other ops tables too "
                                "(slower; to check the text pass)"),
                       cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<bool> PreprocessSkipped(
    "preprocess-skipped-bodies",
    cl::desc("Skip unwanted header function bodies through the preprocessor, as clang does, "
             "instead of on their text or unexpanded tokens (slower; to check those skips)"),
    cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat), cl::Hidden);
cl::opt<std::string> SarifFile("sarif",
                               cl::desc("Also write the census as SARIF 2.1.0 to FILE "
                                        "(for code scanning; never to stdout)"),
                               cl::value_desc("FILE"), cl::sub(ScanCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> HtmlFile("html",
                              cl::desc("Also write the census as one self-contained HTML "
                                       "page to FILE (charts, table, links to lines; never to "
                                       "stdout)"),
                              cl::value_desc("FILE"), cl::sub(ScanCmd), cl::cat(ScanCat));
cl::opt<std::string> HtmlLink("html-link",
                              cl::desc("Where the page's line links point: a URL with {path} "
                                       "(relative to the tree) and {line}, e.g. "
                                       "https://elixir.bootlin.com/linux/v6.12/source/"
                                       "{path}#L{line} (default: file:// URLs)"),
                              cl::value_desc("URL_TEMPLATE"), cl::sub(ScanCmd),
                              cl::cat(ScanCat));
cl::opt<std::string> DumpCommands("dump-commands",
                                  cl::desc("Write the compile commands of the TUs parsed "
                                           "(compile_commands.json format)"),
                                  cl::value_desc("FILE"), cl::sub(ScanCmd), cl::cat(ScanCat));

cl::opt<std::string> ProfileName("profile",
                                 cl::desc("Target API: 7.1 (default), 7.0, 6.19, 6.17, "
                                          "rfc-mmap-complete; default: detected from the tree"),
                                 cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> DryRun("dry-run", cl::desc("Print a unified diff (a/ b/ paths) and change "
                                         "nothing (the default)"),
                     cl::sub(RewriteCmd), cl::cat(ScanCat));
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write the edits as clang-apply-replacements YAML"),
                                 cl::value_desc("FILE"), cl::sub(RewriteCmd), cl::cat(ScanCat));
cl::opt<std::string> RewriteReport("report",
                                   cl::desc("Write what happened to each handler as JSON"),
                                   cl::value_desc("FILE"), cl::sub(RewriteCmd), cl::cat(ScanCat));
cl::opt<bool> InPlace("i", cl::desc("Edit the files in place (one transaction over all of "
                                    "them; refuses files changed since they were parsed)"),
                      cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<unsigned> CommitPauseMs("test-commit-pause-ms",
                                cl::desc("Sleep this long after each step of the in-place "
                                         "commit (for the kill -9 test)"),
                                cl::init(0), cl::sub(RewriteCmd), cl::cat(ScanCat), cl::Hidden);

cl::list<std::string> VerifyArg("verify-arg",
                                cl::desc("Add a compiler flag to the verification re-parse "
                                         "only (e.g. a macro that makes mock headers declare "
                                         "the profile's API)"),
                                cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));

cl::opt<std::string> SeriesDir("o", cl::desc("Folder for the patch files (new or empty)"),
                               cl::value_desc("DIR"), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<std::string> Signoff("signoff",
                             cl::desc("Signed-off-by and author of the patches (default: "
                                      "git's user.name and user.email)"),
                             cl::value_desc("NAME <EMAIL>"), cl::sub(SeriesCmd),
                             cl::cat(ScanCat));
cl::opt<std::string> LintBase("base",
                             cl::desc("Lint what the checkout adds since its merge base with "
                                      "REV (without it: a unified diff on stdin)"),
                             cl::value_desc("REV"), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> LintHead("head",
                             cl::desc("The change ends at REV, which must be checked out "
                                      "(default: the working tree)"),
                             cl::value_desc("REV"), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Baseline("baseline",
                              cl::desc("Accepted findings: a SARIF log of an earlier lint, "
                                       "or one 'rule path symbol' line each"),
                              cl::value_desc("FILE"), cl::sub(LintCmd), cl::cat(ScanCat));

cl::opt<unsigned> MaxPatches("max-patches",
                             cl::desc("Patches per series; more become several series "
                                      "(default 15, the vger limit)"),
                             cl::init(15), cl::sub(SeriesCmd), cl::cat(ScanCat));

void error(const Twine &Msg) {
  std::string Text = Msg.str();
  // Library errors may already carry the tool's name.
  StringRef Body = StringRef(Text).trim();
  Body.consume_front("mmap-migrate: ");
  Body.consume_front("error: ");
  errs() << "mmap-migrate: error: " << Body.split('\n').first << "\n";
}

/// Writes \p Text to \p Path whole or not at all (a reader never sees half
/// a report); says why on failure.
bool writeAtomically(StringRef Path, StringRef Text) {
  if (Error E = writeOutputFile(Path, Text)) {
    error(toString(std::move(E)));
    return false;
  }
  return true;
}

/// The cache root, absolute: compile commands name paths in it and run
/// in other directories.
std::string cacheRootOf(StringRef Given) {
  SmallString<256> Root(Given.empty() ? StringRef(defaultCacheRoot()) : Given);
  (void)sys::fs::make_absolute(Root);
  return std::string(Root);
}

/// Reports an error from the library with the right exit code.
int failWith(Error E) {
  int Code = ExitFailure;
  handleAllErrors(
      std::move(E),
      [&](const UsageError &U) {
        Code = ExitUsage;
        error(toString(make_error<UsageError>(U)));
      },
      [&](const ErrorInfoBase &EI) { error(EI.message()); });
  return Code;
}

ScanOptions scanOptions(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  ScanOptions Opts;
  Opts.KernelTree = KernelTree;
  Opts.BuildDir = BuildPath;
  Opts.Paths.assign(Paths.begin(), Paths.end());
  Opts.HaveFixedFlags = HaveFixedFlags;
  Opts.FixedFlags = std::move(FixedFlags);
  Opts.ExtraArgs.assign(ExtraArg.begin(), ExtraArg.end());
  Opts.ExtraArgsBefore.assign(ExtraArgBefore.begin(), ExtraArgBefore.end());
  Opts.Root = Root;
  Opts.CacheRoot = cacheRootOf(CacheDir);
  Opts.Arch = Arch;
  Opts.Config = Config;
  Opts.Jobs = Jobs;
  Opts.Verbose = Verbose;
  Opts.ParseAll = ParseAll;
  Opts.Tu.SkipBodyText = !PreprocessSkipped;
  Opts.Progress = !Quiet && !Verbose && sys::Process::StandardErrIsDisplayed();
  Opts.NoCache = NoCache;
  return Opts;
}

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
  std::string TreeRoot = !Root.empty() ? std::string(Root) : std::string(KernelTree);
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

int runRewriteCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  ScanOptions Opts = scanOptions(std::move(FixedFlags), HaveFixedFlags);
  std::string TreeRoot = !Root.empty() ? std::string(Root) : std::string(KernelTree);
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
    } else if (O.C.V == Verdict::Convert || O.Planned) {
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
    CommitOptions C{journalDirOf(cacheRootOf(CacheDir)), Plan->Root, CommitPauseMs};
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
  std::string TreeRoot = !Root.empty() ? std::string(Root) : std::string(KernelTree);
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
  SO.Verbose = Verbose;
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
  errs() << "mmap-migrate: lint: " << Out->Findings.size() << " new ->mmap user"
         << (Out->Findings.size() == 1 ? "" : "s");
  if (Out->Accepted)
    errs() << " (" << Out->Accepted << " more in the baseline)";
  errs() << ", " << Out->Change.Files.size() << " changed file" << (Out->Change.Files.size() == 1 ? "" : "s")
         << "\n";
  return Out->Findings.empty() ? LintClean : LintFindings;
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  // Parses run under llvm::CrashRecoveryContext: a crash in clang costs
  // that TU, not the run.
  CrashRecoveryContext::Enable();
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
  if (ScanCmd || RewriteCmd || SeriesCmd || LintCmd) {
    Expected<std::vector<std::string>> Settled =
        settleInterruptedRewrites(journalDirOf(cacheRootOf(CacheDir)));
    if (!Settled)
      return failWith(Settled.takeError());
    for (const std::string &Line : *Settled)
      errs() << "mmap-migrate: " << Line << "\n";
  }
  if (ScanCmd)
    return runScanCommand(std::move(FixedFlags), HaveFixedFlags);
  if (RewriteCmd)
    return runRewriteCommand(std::move(FixedFlags), HaveFixedFlags);
  if (SeriesCmd)
    return runSeriesCommand(std::move(FixedFlags), HaveFixedFlags);
  if (LintCmd)
    return runLintCommand(std::move(FixedFlags), HaveFixedFlags);
  errs() << "usage: mmap-migrate scan|rewrite|series|lint [--kernel TREE | -p BUILD_DIR] [PATH...] "
            "[-- flags] (see scan --help, rewrite --help, series --help, lint --help)\n";
  return ExitUsage;
}
