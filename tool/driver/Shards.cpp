//===- Shards.cpp - One scan split over machines, and merged back --------===//
#include "tool/driver/Shards.h"
#include "tool/driver/ResultCache.h"
#include "matchers/core/SourceText.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <map>

namespace mmapmigrate {

namespace {

constexpr int ShardFormat = 1;

llvm::json::Array strings(const std::vector<std::string> &L) {
  llvm::json::Array A;
  for (const std::string &S : L)
    A.push_back(S);
  return A;
}

std::vector<std::string> stringList(const llvm::json::Object &O, llvm::StringRef Key) {
  std::vector<std::string> Out;
  if (const llvm::json::Array *A = O.getArray(Key))
    for (const llvm::json::Value &V : *A)
      if (std::optional<llvm::StringRef> S = V.getAsString())
        Out.push_back(S->str());
  return Out;
}

/// The options a merge runs with: where the shards scanned, and how.
llvm::json::Object optionsToJson(const ScanOptions &O) {
  return llvm::json::Object{{"kernel", O.KernelTree},
                            {"build_dir", O.BuildDir},
                            {"paths", strings(O.Paths)},
                            {"have_fixed_flags", O.HaveFixedFlags},
                            {"fixed_flags", strings(O.FixedFlags)},
                            {"extra_args", strings(O.ExtraArgs)},
                            {"extra_args_before", strings(O.ExtraArgsBefore)},
                            {"root", O.Root},
                            {"arch", O.Arch},
                            {"config", O.Config},
                            {"parse_all", O.ParseAll},
                            {"borrow_flags", O.BorrowFlags},
                            {"skip_body_text", O.Tu.SkipBodyText}};
}

ScanOptions optionsFromJson(const llvm::json::Object &J) {
  ScanOptions O;
  auto Str = [&](llvm::StringRef K) { return J.getString(K).value_or("").str(); };
  O.KernelTree = Str("kernel");
  O.BuildDir = Str("build_dir");
  O.Paths = stringList(J, "paths");
  O.HaveFixedFlags = J.getBoolean("have_fixed_flags").value_or(false);
  O.FixedFlags = stringList(J, "fixed_flags");
  O.ExtraArgs = stringList(J, "extra_args");
  O.ExtraArgsBefore = stringList(J, "extra_args_before");
  O.Root = Str("root");
  O.Arch = Str("arch");
  O.Config = Str("config");
  O.ParseAll = J.getBoolean("parse_all").value_or(false);
  O.BorrowFlags = J.getBoolean("borrow_flags").value_or(false);
  O.Tu.SkipBodyText = J.getBoolean("skip_body_text").value_or(true);
  return O;
}

} // namespace

llvm::Expected<ShardSpec> parseShardSpec(llvm::StringRef Text) {
  auto [I, N] = Text.split('/');
  ShardSpec S;
  if (I.getAsInteger(10, S.Index) || N.getAsInteger(10, S.Count) || S.Count == 0 ||
      S.Index == 0 || S.Index > S.Count)
    return llvm::createStringError("--shard '" + Text.str() +
                                   "' is not I/N with 1 <= I <= N (e.g. 2/4)");
  return S;
}

std::string shardBase(const std::vector<std::string> &Files, const std::string &Root) {
  if (!Root.empty() && llvm::all_of(Files, [&](const std::string &F) { return isUnder(F, Root); }))
    return Root;
  if (Files.empty())
    return "";
  // A compile DB's files need not lie under the working folder that
  // stands in for a root; their common folder is the same on every machine
  // up to where the tree sits.
  llvm::StringRef Base = llvm::sys::path::parent_path(Files.front());
  for (const std::string &F : Files)
    while (!Base.empty() && !isUnder(F, Base))
      Base = llvm::sys::path::parent_path(Base);
  return Base.str();
}

bool inShard(const std::string &File, const std::string &Base, const ShardSpec &S) {
  // By the path under the tree, so that every machine splits alike.
  return llvm::xxh3_64bits(relativePath(File, Base)) % S.Count == S.Index - 1;
}

llvm::json::Value shardToJson(const ScanOptions &Opts, const std::string &ProfileOption,
                              const std::string &PlanKey, const ScanOutcome &Out) {
  llvm::json::Array Tus;
  for (size_t I = 0; I < Out.ShardTus->Results.size(); ++I)
    Tus.push_back(llvm::json::Object{{"result", tuResultToJson(Out.ShardTus->Results[I])},
                                     {"plans", plansToJson(Out.ShardTus->Plans[I])}});
  return llvm::json::Object{{"mmap_migrate_shard", ShardFormat},
                            {"tool", toolVersionOnly()},
                            {"shard", llvm::formatv("{0}/{1}", Opts.Shard.Index,
                                                    Opts.Shard.Count)
                                          .str()},
                            {"options", optionsToJson(Opts)},
                            {"profile", ProfileOption},
                            {"plan_key", PlanKey},
                            {"tus", std::move(Tus)}};
}

llvm::Expected<LoadedShards> loadShards(const std::vector<std::string> &Files) {
  if (Files.empty())
    return llvm::createStringError("merge needs the shard files (scan --shard I/N -o FILE)");
  LoadedShards Out;
  Out.Results.Results.clear();
  std::string Options;
  unsigned Count = 0;
  std::map<unsigned, std::string> Seen;
  for (const std::string &F : Files) {
    auto Buf = llvm::MemoryBuffer::getFile(F);
    if (!Buf)
      return llvm::createStringError(F + ": " + Buf.getError().message());
    llvm::Expected<llvm::json::Value> V = llvm::json::parse((*Buf)->getBuffer());
    if (!V) {
      llvm::consumeError(V.takeError());
      return llvm::createStringError(F + ": not a shard file (not JSON)");
    }
    const llvm::json::Object *O = V->getAsObject();
    if (!O || O->getInteger("mmap_migrate_shard") != ShardFormat)
      return llvm::createStringError(F + ": not a shard file of this version");
    if (O->getString("tool").value_or("") != toolVersionOnly())
      return llvm::createStringError(F + ": made by " + O->getString("tool").value_or("?").str() +
                                     ", not by this mmap-migrate (" + toolVersionOnly() + ")");
    llvm::Expected<ShardSpec> S = parseShardSpec(O->getString("shard").value_or(""));
    const llvm::json::Object *Opts = O->getObject("options");
    const llvm::json::Array *Tus = O->getArray("tus");
    if (!S || !Opts || !Tus) {
      if (!S)
        llvm::consumeError(S.takeError());
      return llvm::createStringError(F + ": not a shard file (fields missing)");
    }
    std::string These = llvm::formatv("{0}", llvm::json::Value(llvm::json::Object(*Opts))).str() +
                        O->getString("profile").value_or("").str() + "\n" +
                        O->getString("plan_key").value_or("").str();
    if (Seen.empty()) {
      Options = These;
      Count = S->Count;
      Out.Opts = optionsFromJson(*Opts);
      Out.ProfileOption = O->getString("profile").value_or("").str();
      Out.PlanKey = O->getString("plan_key").value_or("").str();
    } else if (These != Options || S->Count != Count) {
      return llvm::createStringError(F + ": a shard of another run (other options, profile or "
                                         "split) than " + Seen.begin()->second);
    }
    if (!Seen.emplace(S->Index, F).second)
      return llvm::createStringError(F + ": shard " + std::to_string(S->Index) +
                                     " is given twice (also " + Seen[S->Index] + ")");
    for (const llvm::json::Value &T : *Tus) {
      const llvm::json::Object *E = T.getAsObject();
      std::optional<TuResult> R =
          E && E->get("result") ? tuResultFromJson(*E->get("result")) : std::nullopt;
      std::optional<RewritePlans> P =
          E && E->get("plans") ? plansFromJson(*E->get("plans")) : std::nullopt;
      if (!R || !P)
        return llvm::createStringError(F + ": a TU's result cannot be read");
      Out.Results.Results.push_back(std::move(*R));
      Out.Results.Plans.push_back(std::move(*P));
    }
  }
  for (unsigned I = 1; I <= Count; ++I)
    if (!Seen.count(I))
      return llvm::createStringError(llvm::formatv("shard {0}/{1} is missing", I, Count).str());
  return Out;
}

} // namespace mmapmigrate
