//===- ScanDriver.h - Run the scan over a tree --------------------*- C++ -*-===//
//
// Decides which TUs to parse (compile DB + text pre-filter), parses them in
// parallel, pulls in the files that define handlers named elsewhere, and
// merges everything into one Census. No output formatting here.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_SCANDRIVER_H
#define MMAP_MIGRATE_TOOL_DRIVER_SCANDRIVER_H

#include "matchers/core/Census.h"
#include "matchers/find/TuScanner.h"
#include "rewrites/plan/Plans.h"
#include "rewrites/plan/TuPlanner.h"
#include "tool/support/RunLog.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mmapmigrate {

class TextPassMemo;

/// Part I of N of the first pass (scan --shard); N == 0: all of it.
struct ShardSpec {
  unsigned Index = 0, Count = 0;
};

/// First-pass results of every shard, for a merge (Shards.h).
struct ShardResults {
  std::vector<TuResult> Results;
  std::vector<RewritePlans> Plans; ///< Beside Results.
};

/// Everything the command line says about where to scan.
struct ScanOptions {
  std::string KernelTree;            ///< --kernel
  std::string BuildDir;              ///< -p
  std::vector<std::string> Paths;    ///< positional
  bool HaveFixedFlags = false;       ///< `--` was given
  std::vector<std::string> FixedFlags;
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
  std::string Root;                  ///< --root, else derived
  std::string CacheRoot;             ///< --cache-dir; "": defaultCacheRoot()
  std::string Arch = "x86_64";
  std::string Config = "allmodconfig";
  unsigned Jobs = 0;                 ///< 0: number of cores
  /// What the run says as it goes (-v notes, warnings, parse progress):
  /// the CLI decides where it goes.
  RunLog Log;
  /// Parse every candidate, even those the text pass could settle (to
  /// check the text pass against the parser).
  bool ParseAll = false;
  /// --borrow-flags (on with --arch all): a file no configuration of the run
  /// builds is parsed with the nearest built file's flags (partial).
  bool BorrowFlags = false;
  /// --no-cache: neither reuse nor keep per-TU results and text-pass
  /// answers (they live under CacheRoot; a rewrite never reuses results).
  bool NoCache = false;
  /// Per-TU options.
  TuScanOptions Tu;
  /// The rewrite's planner: plans each TU's edits while its AST is alive
  /// (ScanOutcome::Plans). None for a scan.
  const Planner *Plan = nullptr;
  /// Parse only this part of the first pass, and stop there (the outcome's
  /// ShardTus).
  ShardSpec Shard;
  /// Take the first pass's results from these instead of parsing (merge).
  std::shared_ptr<ShardResults> Merged;
};

/// A usage problem (exit 1) as opposed to a tool failure (exit 2).
class UsageError : public llvm::ErrorInfo<UsageError> {
public:
  static char ID;
  explicit UsageError(std::string Msg) : Msg(std::move(Msg)) {}
  void log(llvm::raw_ostream &OS) const override { OS << Msg; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  std::string Msg;
};

/// A UsageError saying \p Msg.
llvm::Error usageError(const llvm::Twine &Msg);

struct ScanOutcome {
  Census C;
  /// The planner's edits for C's handlers and slots (ScanOptions::Plan).
  RewritePlans Plans;
  std::string Root; ///< Paths in reports are relative to this.
  /// The files and directories given (real paths); empty: all of Root.
  std::vector<std::string> Scope;
  /// The TUs parsed, in order (first pass, then files defining handlers).
  std::vector<std::string> Parsed;
  double SetupSeconds = 0, ParseSeconds = 0;
  unsigned CachedTus = 0; ///< Of Parsed, those whose result came from the cache.
  /// The compile commands used, for a later re-parse (rewrite verification).
  std::shared_ptr<const clang::tooling::CompilationDatabase> DB;
  /// The text pass's memo (kernel trees: every source and header of the
  /// tree is fingerprinted), for later text questions about the tree.
  std::shared_ptr<TextPassMemo> Memo;
  bool MemoCoversTree = false;
  /// A --shard run: its part of the first pass, which is all it parses.
  std::optional<ShardResults> ShardTus;
};

llvm::Expected<ScanOutcome> runScan(const ScanOptions &Opts);

/// The files of \p Files whose text holds one of \p Words, remembered in
/// the text-pass memo when it covers \p Files (a warm run reads none).
std::vector<std::string> filesMentioning(const ScanOutcome &Out,
                                         const std::vector<std::string> &Files,
                                         const std::set<std::string> &Words);

/// The kernel tree a build dir was made from (its `source` link, or the
/// dir itself for an in-tree build); "" when neither is one.
std::string rootForBuildDir(llvm::StringRef BuildDir);

/// The compile commands of \p Out's parsed TUs as a compile_commands.json
/// array, so other tools (bare clang, clang-tidy, the benchmark) can parse
/// exactly the same TUs.
std::string parsedCommandsJson(const ScanOutcome &Out);

} // namespace mmapmigrate

#endif
