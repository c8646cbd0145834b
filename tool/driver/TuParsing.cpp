//===- TuParsing.cpp - Parse the chosen TUs, through the result cache -----===//
#include "tool/driver/TuParsing.h"
#include "matchers/core/Parallel.h"
#include "matchers/core/SourceText.h"
#include "matchers/find/FirstError.h"
#include "matchers/find/ToolRunner.h"
#include "tool/support/Timing.h"

#include "clang/Tooling/DependencyScanning/DependencyScanningFilesystem.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <chrono>
#include <map>
#include <mutex>

using namespace clang;

namespace mmapmigrate {

namespace {

/// Parses \p File into \p R (and the planner's plans into \p Plans),
/// reading files through \p Files.
void parseOne(const tooling::CompilationDatabase &DB, const std::string &File,
              const TuScanOptions &ScanOpts, const ScanOptions &Opts,
              tooling::dependencies::DependencyScanningFilesystemSharedCache &Files,
              TuResult &R, RewritePlans &Plans) {
  // Each parse gets its own file system view (ClangTool would otherwise
  // chdir the whole process), over one cache of stat results and file
  // contents: kernel TUs share most of their 1,500 headers, and looking
  // them up along a dozen -I dirs was 6% of a parse, in system calls.
  tooling::ClangTool Tool(
      DB, {File}, std::make_shared<PCHContainerOperations>(),
      llvm::makeIntrusiveRefCnt<tooling::dependencies::DependencyScanningWorkerFilesystem>(
          Files, llvm::vfs::createPhysicalFileSystem()));
  configureTool(Tool, Opts.ExtraArgsBefore, Opts.ExtraArgs);
  FirstError Errors;
  Tool.setDiagnosticConsumer(&Errors);
  std::unique_ptr<TuObserver> Planning = Opts.Plan ? Opts.Plan->forTu(Plans) : nullptr;
  auto Factory = makeTuScanFactory(ScanOpts, R, Planning.get());
  // A crash in clang (randstruct on a TU with errors crashes clang 19)
  // costs this TU only, as in libclang: the parse is abandoned where it
  // stood, its half result dropped, and the run goes on.
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Tool.run(Factory.get()); })) {
    R = TuResult();
    Plans = RewritePlans();
    R.MainFile = realPath(File);
    R.FirstError = "the compiler crashed on this file";
    R.Crashed = true;
    return;
  }
  R.MainFile = realPath(File);
  R.FirstError = Errors.First;
  R.MissingInclude = Errors.MissingFile;
  if (!R.Parsed && R.FirstError.empty())
    R.FirstError = "the compiler gave up before building an AST";
}

} // namespace

std::vector<TuResult> parseAll(const tooling::CompilationDatabase &DB,
                               const std::vector<std::string> &Files,
                               const TuScanOptions &ScanOpts, const ScanOptions &Opts,
                               ResultCache &Cache, std::vector<RewritePlans> &Plans) {
  std::vector<TuResult> Results(Files.size());
  Plans.assign(Files.size(), RewritePlans());
  std::mutex ProgressLock;
  size_t Done = 0;
  auto Start = std::chrono::steady_clock::now();
  // Files do not change while we parse (a rewrite writes after); the cache
  // lives for this call only.
  tooling::dependencies::DependencyScanningFilesystemSharedCache FileCache;
  const std::string PlanKey = Opts.Plan ? Opts.Plan->key() : "";
  // Every file counts, parsed or not, so the last one ends the line.
  auto Tick = [&] {
    if (!Opts.Log.Progress)
      return;
    std::lock_guard<std::mutex> G(ProgressLock);
    ++Done;
    double Spent = secondsSince(Start);
    Opts.Log.Progress(Done, Files.size(), Spent / Done * (Files.size() - Done));
  };
  runInParallel(Files.size(), Opts.Jobs, [&](size_t I) {
    TuResult &R = Results[I];
    R.MainFile = Files[I];
    std::vector<tooling::CompileCommand> Cmds = DB.getCompileCommands(Files[I]);
    if (Cmds.empty()) {
      R.FirstError = "no compile command for this file";
      Tick();
      return;
    }
    RewritePlans *TuPlans = Opts.Plan ? &Plans[I] : nullptr;
    std::string Key;
    if (Cache.enabled()) {
      Key = ResultCache::keyMaterial(Cmds, Opts.ExtraArgsBefore, Opts.ExtraArgs, ScanOpts,
                                     PlanKey);
      if (std::optional<TuResult> Hit = Cache.lookup(Key, TuPlans))
        R = std::move(*Hit);
    }
    bool Cached = R.Parsed;
    if (!Cached)
      parseOne(DB, Files[I], ScanOpts, Opts, FileCache, R, Plans[I]);
    if (!Cached && R.Parsed && !R.MissingInclude && Cache.enabled())
      Cache.store(Key, R, TuPlans);
    R.FilesRead.clear();
    if (Opts.Log.verbose())
      Opts.Log.note(std::string(Cached ? "cached " : "parsed ") + Files[I] +
                    (R.HadErrors ? " (with errors)" : ""));
    Tick();
  });
  return Results;
}

std::set<std::string> handlersWithoutBody(const std::vector<TuResult> &Results) {
  std::map<std::string, bool> HasBody;
  for (const TuResult &R : Results)
    for (const MmapHandler &H : R.Handlers)
      if (!H.IsStatic)
        HasBody[H.Name] = HasBody[H.Name] || H.HasBody;
  std::set<std::string> Out;
  for (const auto &[Name, Body] : HasBody)
    if (!Body)
      Out.insert(Name);
  return Out;
}

} // namespace mmapmigrate
