//===- ResultCache.h - Per-TU scan results kept between runs -----*- C++ -*-===//
//
// A warm scan should not parse what it parsed before. Each TU's result is
// stored under a key made of the tool build, the compile command and the
// per-TU options, and reused only while the main file and every file the
// parse read still hash to the text that was parsed. Content decides, not
// timestamps: a memo of (path, size, mtime, inode) -> hash only saves
// re-reading files that did not change, the way git's index does.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_RESULTCACHE_H
#define MMAP_MIGRATE_TOOL_DRIVER_RESULTCACHE_H

#include "matchers/core/Census.h"
#include "matchers/find/TuScanner.h"
#include "rewrites/plan/Plans.h"
#include "tool/support/RunLog.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/JSON.h"

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mmapmigrate {

/// Identifies this build of the tool (version, binary size and time): a
/// rebuilt binary may judge the same code differently, so no cached answer
/// outlives it.
std::string toolIdentity();
/// The tool's version and result format, the same on every machine (for
/// files made on one and read on another: shards).
std::string toolVersionOnly();

/// Content hashes of files, remembered across runs by stat data.
class FileDigests {
public:
  /// \p MemoPath: where the memo is kept ("" keeps it in memory only). A
  /// memo that fails its checksum is dropped with a note to \p Log (every
  /// file is hashed again and the next save() writes a good one).
  explicit FileDigests(std::string MemoPath, const RunLog &Log = RunLog());
  /// xxh3 of the file's content now; none if it cannot be read. Thread-safe.
  std::optional<uint64_t> digest(const std::string &Path);
  /// Writes the memo (atomically). Entries younger than two seconds are
  /// left out: a file changed again within the same timestamp tick would
  /// otherwise keep its old hash.
  void save();

private:
  std::optional<uint64_t> digestNow(const std::string &Path);
  struct Entry {
    uint64_t Size = 0;
    int64_t MTimeNs = 0;
    uint64_t Inode = 0;
    uint64_t Hash = 0;
  };
  std::string MemoPath;
  std::mutex Lock;
  std::map<std::string, Entry> Memo;
  std::unordered_map<std::string, std::optional<uint64_t>> SeenThisRun;
  bool Dirty = false;
};

/// TuResult <-> JSON.
llvm::json::Value tuResultToJson(const TuResult &R);
std::optional<TuResult> tuResultFromJson(const llvm::json::Value &V);
/// The plans made while a TU was parsed <-> JSON.
llvm::json::Value plansToJson(const RewritePlans &P);
std::optional<RewritePlans> plansFromJson(const llvm::json::Value &V);

class ResultCache {
public:
  /// \p Dir: the cache folder; "" disables the cache. Entries found
  /// damaged (checksum, shape, a key that is not theirs) are noted to
  /// \p Log, counted in Damaged, and missed: the TU is parsed again.
  explicit ResultCache(std::string Dir, RunLog Log = RunLog());
  bool enabled() const { return !Dir.empty(); }

  /// What a TU's result depends on besides the files it reads;
  /// \p PlanKey names the planner whose plans are kept with it, if any.
  static std::string keyMaterial(llvm::ArrayRef<clang::tooling::CompileCommand> Cmds,
                                 const std::vector<std::string> &ArgsBefore,
                                 const std::vector<std::string> &ArgsAfter,
                                 const TuScanOptions &Opts, const std::string &PlanKey = "");
  /// The stored result for \p Material if every file it read is unchanged;
  /// \p Plans, when given, receives the plans stored with it (an entry
  /// stored without plans is then a miss).
  std::optional<TuResult> lookup(const std::string &Material, RewritePlans *Plans = nullptr);
  /// Stores \p R (which must have FilesRead) under \p Material, with
  /// \p Plans when given.
  void store(const std::string &Material, const TuResult &R,
             const RewritePlans *Plans = nullptr);
  /// Saves the digest memo; call once at the end of a run.
  void finish() { Digests.save(); }

  std::atomic<unsigned> Hits{0};
  std::atomic<unsigned> Damaged{0};

private:
  std::string entryPath(const std::string &Material) const;
  std::nullopt_t damaged(const std::string &Material, const std::string &Why);
  std::string Dir;
  RunLog Log;
  FileDigests Digests;
};

} // namespace mmapmigrate

#endif
