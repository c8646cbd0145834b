//===- Shards.h - One scan split over machines, and merged back -*- C++ -*-===//
//
// `scan --shard I/N` parses the I-th of N deterministic parts of the first
// pass (most of a run's parsing) and writes those TUs' results and plans;
// `merge` reads every part, checks they are the N parts of one run of the
// same options over the same tree, and runs the rest of the scan (the
// passes that need the whole first pass) where the tree is: its census is
// the one a single run gives.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_SHARDS_H
#define MMAP_MIGRATE_TOOL_DRIVER_SHARDS_H

#include "tool/driver/ScanDriver.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// "I/N", 1 <= I <= N.
llvm::Expected<ShardSpec> parseShardSpec(llvm::StringRef Text);

/// The folder shard membership is hashed under: \p Root when every file of
/// \p Files lies in it, else their deepest common folder, so that machines
/// holding the tree at different paths split it alike.
std::string shardBase(const std::vector<std::string> &Files, const std::string &Root);

/// Whether the first-pass TU \p File (a path under \p Base) is shard \p S's.
bool inShard(const std::string &File, const std::string &Base, const ShardSpec &S);

/// The shard file of a `scan --shard` run: the options a merge repeats,
/// the profile option, the planner's key, and each TU's result and plans.
llvm::json::Value shardToJson(const ScanOptions &Opts, const std::string &ProfileOption,
                              const std::string &PlanKey, const ScanOutcome &Out);

/// What the shard files give a merge.
struct LoadedShards {
  ScanOptions Opts;          ///< Where and how the shards scanned.
  std::string ProfileOption; ///< --profile as given ("" : from the tree).
  std::string PlanKey;
  ShardResults Results;
};

/// Reads \p Files: exactly the N shards of one split, made with the same
/// options and planner; a clear error otherwise.
llvm::Expected<LoadedShards> loadShards(const std::vector<std::string> &Files);

} // namespace mmapmigrate

#endif
