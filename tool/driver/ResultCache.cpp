//===- ResultCache.cpp - Per-TU scan results kept between runs -----------===//
#include "tool/driver/ResultCache.h"
#include "tool/support/AtomicFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <chrono>

namespace mmapmigrate {

namespace fs = llvm::sys::fs;
namespace json = llvm::json;

namespace {

/// Bump when the stored form or the meaning of a result changes.
constexpr int FormatVersion = 11;

} // namespace

std::string toolVersionOnly() {
  return "mmap-migrate " MMAP_MIGRATE_VERSION " results " + std::to_string(FormatVersion);
}

std::string toolIdentity() {
  static const std::string Id = [] {
    static int Anchor;
    std::string Exe = fs::getMainExecutable("mmap-migrate", &Anchor);
    fs::file_status St;
    std::string S = "mmap-migrate " MMAP_MIGRATE_VERSION;
    if (!Exe.empty() && !fs::status(Exe, St))
      S += llvm::formatv(" {0} {1} {2}", Exe, St.getSize(),
                         St.getLastModificationTime().time_since_epoch().count())
               .str();
    return S;
  }();
  return Id;
}

namespace {

int64_t mtimeNs(const fs::file_status &St) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             St.getLastModificationTime().time_since_epoch())
      .count();
}

// One field list per struct, walked by a writer and by a reader (as LLVM's
// YAML IO `mapping` does), so that the two can never disagree.

template <typename IO> void fields(IO &Io, SourcePos &P) {
  Io("file", P.File);
  Io("line", P.Line);
  Io("col", P.Col);
}

template <typename IO> void fields(IO &Io, Finding &F) {
  unsigned K = unsigned(F.K);
  Io("kind", K);
  Io.check(K < allKinds().size());
  F.K = Kind(K);
  Io("rule", F.Rule);
  Io("message", F.Message);
  Io("pos", F.Pos);
  Io("detail", F.Detail);
  Io("in_loop", F.InLoop);
  Io("in_helper", F.InHelper);
  Io("via", F.Via);
  Io("blocks", F.Blocks);
  Io("extern_callee", F.ExternCallee);
}

template <typename IO> void fields(IO &Io, FunctionSummary &S) {
  Io("name", S.Name);
  Io("pos", S.Pos);
  Io("findings", S.Findings);
  Io("partial", S.Partial);
}

template <typename IO> void fields(IO &Io, EffectClaim &C) {
  Io("rule", C.Rule);
  Io("text", C.Text);
  Io("pos", C.Pos);
  Io("end_line", C.EndLine);
  Io("in_helper", C.InHelper);
}

template <typename IO> void fields(IO &Io, Edit &E) {
  Io("file", E.File);
  Io("offset", E.Offset);
  Io("length", E.Length);
  Io("text", E.Text);
}

struct FileHash {
  std::string File, Hash;
};

template <typename IO> void fields(IO &Io, FileHash &H) {
  Io("file", H.File);
  Io("hash", H.Hash);
}

template <typename IO> void fields(IO &Io, EditPlan &P) {
  Io("edits", P.Edits);
  Io("refusal", P.Refusal);
  Io("notes", P.Notes);
  Io("added_slots", P.AddedSlots);
  std::vector<FileHash> Hashes;
  for (const auto &[File, Hash] : P.FileHashes)
    Hashes.push_back({File, llvm::utohexstr(Hash)});
  Io("file_hashes", Hashes);
  P.FileHashes.clear();
  for (const FileHash &H : Hashes) {
    uint64_t V = 0;
    Io.check(!llvm::StringRef(H.Hash).getAsInteger(16, V));
    P.FileHashes.push_back({H.File, V});
  }
}

template <typename IO> void fields(IO &Io, FopsSite &S) {
  Io("pos", S.Pos);
  Io("table", S.Table);
  Io("macro", S.Macro);
  Io("form", S.Form);
  Io("handler", S.Handler);
  Io("handler_key", S.HandlerKey);
  Io("null", S.IsNull);
  Io("unresolved", S.Unresolved);
  Io("spelled", S.Spelled);
}

template <typename IO> void tableSource(IO &Io, TableSource &S) {
  unsigned From = unsigned(S);
  Io("from", From);
  Io.check(From <= unsigned(TableSource::Unknown));
  S = TableSource(From);
}

template <typename IO> void fields(IO &Io, MmapMemberUse::Read &R) {
  tableSource(Io, R.From);
  Io("name", R.Name);
}

template <typename IO> void fields(IO &Io, MmapMemberUse &U) {
  Io("pos", U.Pos);
  Io("function", U.Function);
  unsigned K = unsigned(U.Kind);
  Io("kind", K);
  Io.check(K <= unsigned(MmapUseKind::TableTest));
  U.Kind = MmapUseKind(K);
  tableSource(Io, U.From);
  Io("from_name", U.FromName);
  Io("also_from", U.AlsoFrom);
}


template <typename IO> void fields(IO &Io, FopsFieldStore &S) {
  Io("field", S.Field);
  Io("table", S.Table);
  Io("from", S.From);
  Io("external", S.External);
  Io("pos", S.Pos);
}

template <typename IO> void fields(IO &Io, MmapHandler::SkippedArm &A) {
  Io("begin", A.Begin);
  Io("end", A.End);
  Io("line", A.Line);
  Io("flip", A.Flip);
  Io("says", A.Says);
  Io("why", A.Why);
}

template <typename IO> void fields(IO &Io, MmapHandler &H) {
  Io("key", H.Key);
  Io("name", H.Name);
  Io("pos", H.Pos);
  Io("has_body", H.HasBody);
  Io("static", H.IsStatic);
  Io("partial", H.Partial);
  Io("findings", H.Findings);
  Io("claims", H.Claims);
  Io("not_analysed", H.NotAnalysedReason);
  Io("inactive_use", H.NamedInInactiveCode);
  Io("inactive_alias", H.InactiveAliasTarget);
  Io("inactive_alias_at", H.InactiveAliasOffset);
  Io("inactive_alias_target_at", H.InactiveAliasTargetOffset);
  Io("inactive_alias_target_end", H.InactiveAliasTargetEnd);
  Io("inactive_stub", H.InactiveStub);
  std::vector<std::string> Macros(H.NamedInMacros.begin(), H.NamedInMacros.end());
  Io("in_macros", Macros);
  H.NamedInMacros = std::set<std::string>(Macros.begin(), Macros.end());
  Io("skipped_arms", H.SkippedArms);
  Io("undroppable_block", H.UndroppableBlock);
}

template <typename IO> void fields(IO &Io, OtherTableSite &O) {
  Io("type", O.Type);
  Io("field", O.Field);
  Io("pos", O.Pos);
  Io("handler", O.Handler);
  Io("table", O.Table);
}

template <typename IO> void fields(IO &Io, NotAnalysed &N) {
  Io("file", N.File);
  Io("line", N.Line);
  Io("reason", N.Reason);
}

template <typename IO> void fields(IO &Io, TuResult &R) {
  Io("main_file", R.MainFile);
  Io("parsed", R.Parsed);
  Io("had_errors", R.HadErrors);
  Io("read_as_text", R.ReadAsText);
  Io("first_error", R.FirstError);
  Io("sites", R.Sites);
  Io("handlers", R.Handlers);
  Io("other_tables", R.OtherTables);
  Io("skipped", R.Skipped);
  Io("mmap_uses", R.MmapUses);
  Io("field_stores", R.FieldStores);
  Io("summaries", R.Summaries);
}

template <typename IO> void fields(IO &Io, SitePlan &P) {
  Io("slot", P.Slot);
  Io("macro_body", P.MacroBody);
  Io("added_slot", P.AddedSlot);
}

// The plans' maps, stored as lists of entries.
struct HandlerPlanEntry {
  std::string Key;
  EditPlan Plan;
};
struct SitePlanEntry {
  SourcePos Pos;
  std::string Table, Handler;
  SitePlan Plan;
};
struct UsePlanEntry {
  SourcePos Pos;
  EditPlan Plan;
};
struct PlanLists {
  std::vector<HandlerPlanEntry> Handlers;
  std::vector<SitePlanEntry> Sites;
  std::vector<UsePlanEntry> Uses;
};

template <typename IO> void fields(IO &Io, HandlerPlanEntry &E) {
  Io("key", E.Key);
  Io("plan", E.Plan);
}

template <typename IO> void fields(IO &Io, SitePlanEntry &E) {
  Io("pos", E.Pos);
  Io("table", E.Table);
  Io("handler", E.Handler);
  Io("plan", E.Plan);
}

template <typename IO> void fields(IO &Io, UsePlanEntry &E) {
  Io("pos", E.Pos);
  Io("plan", E.Plan);
}

template <typename IO> void fields(IO &Io, PlanLists &L) {
  Io("handlers", L.Handlers);
  Io("sites", L.Sites);
  Io("uses", L.Uses);
}

class Writer {
public:
  template <typename T> void operator()(llvm::StringRef Key, T &V) { Out[Key] = value(V); }
  void check(bool) {}
  json::Object Out;

private:
  static json::Value value(std::string &S) { return S; }
  static json::Value value(bool &B) { return B; }
  static json::Value value(unsigned &N) { return N; }
  template <typename T> static json::Value value(std::vector<T> &Items) {
    json::Array A;
    for (T &Item : Items)
      A.push_back(value(Item));
    return A;
  }
  template <typename T> static json::Value value(T &Struct) {
    Writer W;
    fields(W, Struct);
    return std::move(W.Out);
  }
};

class Reader {
public:
  explicit Reader(const json::Value &V) : O(V.getAsObject()), Ok(O) {}
  template <typename T> void operator()(llvm::StringRef Key, T &V) {
    const json::Value *E = O ? O->get(Key) : nullptr;
    Ok = Ok && E && read(*E, V);
  }
  void check(bool Cond) { Ok = Ok && Cond; }
  const json::Object *O;
  bool Ok;

private:
  static bool read(const json::Value &E, std::string &S) {
    auto V = E.getAsString();
    if (V)
      S = V->str();
    return V.has_value();
  }
  static bool read(const json::Value &E, bool &B) {
    auto V = E.getAsBoolean();
    if (V)
      B = *V;
    return V.has_value();
  }
  static bool read(const json::Value &E, unsigned &N) {
    auto V = E.getAsUINT64();
    if (V)
      N = unsigned(*V);
    return V.has_value();
  }
  template <typename T> static bool read(const json::Value &E, std::vector<T> &Items) {
    const json::Array *A = E.getAsArray();
    if (!A)
      return false;
    for (const json::Value &Item : *A) {
      Items.emplace_back();
      if (!read(Item, Items.back()))
        return false;
    }
    return true;
  }
  template <typename T> static bool read(const json::Value &E, T &Struct) {
    Reader R(E);
    fields(R, Struct);
    return R.Ok;
  }
};

/// \p Struct as JSON, by its field list (which takes mutable references).
template <typename T> json::Value writeFields(T &Struct) {
  Writer W;
  fields(W, Struct);
  return std::move(W.Out);
}

/// A \p T read by its field list; none when a field is missing or malformed.
template <typename T> std::optional<T> readFields(const json::Value &V) {
  T Struct;
  Reader In(V);
  fields(In, Struct);
  if (!In.Ok)
    return std::nullopt;
  return Struct;
}

} // namespace

//===----------------------------------------------------------------------===//
// TuResult <-> JSON
//===----------------------------------------------------------------------===//

json::Value tuResultToJson(const TuResult &R) {
  TuResult Copy = R;
  Copy.FilesRead.clear();
  return writeFields(Copy);
}

std::optional<TuResult> tuResultFromJson(const json::Value &V) {
  return readFields<TuResult>(V);
}

json::Value plansToJson(const RewritePlans &P) {
  PlanLists L;
  for (const auto &[Key, Plan] : P.Handlers)
    L.Handlers.push_back({Key, Plan});
  for (const auto &[Key, Plan] : P.Sites)
    L.Sites.push_back({std::get<0>(Key), std::get<1>(Key), std::get<2>(Key), Plan});
  for (const auto &[Pos, Plan] : P.Uses)
    L.Uses.push_back({Pos, Plan});
  return writeFields(L);
}

std::optional<RewritePlans> plansFromJson(const json::Value &V) {
  std::optional<PlanLists> L = readFields<PlanLists>(V);
  if (!L)
    return std::nullopt;
  RewritePlans P;
  for (HandlerPlanEntry &E : L->Handlers)
    P.Handlers.emplace(std::move(E.Key), std::move(E.Plan));
  for (SitePlanEntry &E : L->Sites)
    P.Sites.emplace(SiteKey{std::move(E.Pos), std::move(E.Table), std::move(E.Handler)},
                    std::move(E.Plan));
  for (UsePlanEntry &E : L->Uses)
    P.Uses.emplace(std::move(E.Pos), std::move(E.Plan));
  return P;
}

//===----------------------------------------------------------------------===//
// FileDigests
//===----------------------------------------------------------------------===//

FileDigests::FileDigests(std::string MemoPath, const RunLog &Log)
    : MemoPath(std::move(MemoPath)) {
  if (this->MemoPath.empty())
    return;
  std::string WhyNot;
  std::optional<std::string> Text = readChecksummedFile(this->MemoPath, &WhyNot);
  if (!Text) {
    if (!WhyNot.empty()) {
      Log.note("ignoring damaged " + this->MemoPath + ": " + WhyNot +
               "; every file is hashed again");
      Dirty = true; // Heals: the next save() writes a good memo.
    }
    return;
  }
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(*Text).split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines) {
    llvm::SmallVector<llvm::StringRef, 5> F;
    L.split(F, '\t', 4);
    Entry E;
    if (F.size() != 5 || F[0].getAsInteger(16, E.Hash) || F[1].getAsInteger(10, E.Size) ||
        F[2].getAsInteger(10, E.MTimeNs) || F[3].getAsInteger(10, E.Inode))
      continue; // A damaged line only costs one re-read.
    Memo[F[4].str()] = E;
  }
}

std::optional<uint64_t> FileDigests::digest(const std::string &Path) {
  {
    // Within one run a file is taken to stay as it was first seen.
    std::lock_guard<std::mutex> G(Lock);
    auto It = SeenThisRun.find(Path);
    if (It != SeenThisRun.end())
      return It->second;
  }
  std::optional<uint64_t> H = digestNow(Path);
  std::lock_guard<std::mutex> G(Lock);
  SeenThisRun[Path] = H;
  return H;
}

std::optional<uint64_t> FileDigests::digestNow(const std::string &Path) {
  fs::file_status St;
  if (fs::status(Path, St) || !fs::is_regular_file(St))
    return std::nullopt;
  Entry Now{St.getSize(), mtimeNs(St), St.getUniqueID().getFile(), 0};
  {
    std::lock_guard<std::mutex> G(Lock);
    auto It = Memo.find(Path);
    if (It != Memo.end() && It->second.Size == Now.Size && It->second.MTimeNs == Now.MTimeNs &&
        It->second.Inode == Now.Inode)
      return It->second.Hash;
  }
  auto Buf = llvm::MemoryBuffer::getFile(Path, false, false);
  if (!Buf)
    return std::nullopt;
  Now.Hash = llvm::xxh3_64bits((*Buf)->getBuffer());
  std::lock_guard<std::mutex> G(Lock);
  Memo[Path] = Now;
  Dirty = true;
  return Now.Hash;
}

void FileDigests::save() {
  std::lock_guard<std::mutex> G(Lock);
  if (MemoPath.empty() || !Dirty)
    return;
  int64_t Recent = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       (std::chrono::system_clock::now() - std::chrono::seconds(2))
                           .time_since_epoch())
                       .count();
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  for (const auto &[Path, E] : Memo)
    if (E.MTimeNs < Recent)
      OS << llvm::utohexstr(E.Hash) << '\t' << E.Size << '\t' << E.MTimeNs << '\t' << E.Inode
         << '\t' << Path << '\n';
  OS.flush();
  // A memo that cannot be written costs re-reads.
  llvm::consumeError(writeChecksummedFile(MemoPath, Text));
  Dirty = false;
}

//===----------------------------------------------------------------------===//
// ResultCache
//===----------------------------------------------------------------------===//

static std::string digestMemoPath(const std::string &Dir) {
  if (Dir.empty())
    return "";
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "file-digests.tsv");
  return std::string(P);
}

ResultCache::ResultCache(std::string D, RunLog L)
    : Dir(std::move(D)), Log(std::move(L)), Digests(digestMemoPath(Dir), Log) {
  if (!Dir.empty()) {
    llvm::SmallString<256> P(Dir);
    llvm::sys::path::append(P, "results");
    if (fs::create_directories(P))
      Dir.clear(); // Read-only cache folder: run without a cache.
  }
}

std::string ResultCache::keyMaterial(llvm::ArrayRef<clang::tooling::CompileCommand> Cmds,
                                     const std::vector<std::string> &ArgsBefore,
                                     const std::vector<std::string> &ArgsAfter,
                                     const TuScanOptions &Opts,
                                     const std::string &PlanKey) {
  std::string S = toolIdentity();
  auto Add = [&S](llvm::StringRef Part) {
    S += '\n';
    S += Part;
  };
  for (const clang::tooling::CompileCommand &Cmd : Cmds) {
    Add("--command");
    Add(Cmd.Directory);
    Add(Cmd.Filename);
    for (const std::string &A : Cmd.CommandLine)
      Add(A);
  }
  Add("--before");
  for (const std::string &A : ArgsBefore)
    Add(A);
  Add("--after");
  for (const std::string &A : ArgsAfter)
    Add(A);
  Add(llvm::formatv("skip-bodies={0} body-text={1} helper-depth={2} named-bodies={3}",
                    Opts.SkipIrrelevantBodies, Opts.SkipBodyText, Opts.MaxHelperDepth,
                    Opts.ParseNamedHeaderBodies)
          .str());
  for (const std::string &W : Opts.WantedHandlers)
    Add("wanted=" + W);
  for (const std::string &W : Opts.WantedSummaries)
    Add("summary=" + W);
  Add("plan=" + PlanKey);
  return S;
}

std::string ResultCache::entryPath(const std::string &Material) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "results", llvm::utohexstr(llvm::xxh3_64bits(Material)) + ".json");
  return std::string(P);
}

/// The main file of the first command in \p Material, for messages.
static llvm::StringRef mainFileOf(llvm::StringRef Material) {
  llvm::StringRef Rest = Material.split("\n--command\n").second;
  return Rest.split('\n').second.split('\n').first;
}

std::nullopt_t ResultCache::damaged(const std::string &Material, const std::string &Why) {
  ++Damaged;
  Log.note("ignoring damaged cache entry " + entryPath(Material) + " (" + mainFileOf(Material) +
           "): " + Why + "; parsing it again");
  return std::nullopt;
}

std::optional<TuResult> ResultCache::lookup(const std::string &Material, RewritePlans *Plans) {
  if (!enabled())
    return std::nullopt;
  std::string WhyNot;
  std::optional<std::string> Text = readChecksummedFile(entryPath(Material), &WhyNot);
  if (!Text)
    return WhyNot.empty() ? std::nullopt : damaged(Material, WhyNot);
  llvm::Expected<json::Value> V = json::parse(*Text);
  if (!V)
    return damaged(Material, "it is not JSON: " + llvm::toString(V.takeError()));
  const json::Object *O = V->getAsObject();
  if (O && O->getInteger("version") != FormatVersion)
    return std::nullopt; // Another tool's format: replaced when stored.
  const json::Array *Files = O ? O->getArray("files") : nullptr;
  const json::Value *Result = O ? O->get("result") : nullptr;
  if (!Files || !Result)
    return damaged(Material, "it lacks its files or its result");
  // The file is named by a hash of the key; the key inside must be ours.
  if (O->getString("key") != llvm::StringRef(Material))
    return damaged(Material, "it answers another key");
  for (const json::Value &F : *Files) {
    const json::Array *Pair = F.getAsArray();
    if (!Pair || Pair->size() != 2)
      return damaged(Material, "a file it read is not a [path, hash] pair");
    auto Path = (*Pair)[0].getAsString();
    auto Hash = (*Pair)[1].getAsString();
    uint64_t Want;
    if (!Path || !Hash || Hash->getAsInteger(16, Want))
      return damaged(Material, "a file it read is not a [path, hash] pair");
    std::optional<uint64_t> Now = Digests.digest(Path->str());
    if (!Now || *Now != Want)
      return std::nullopt; // Stale: that file changed.
  }
  std::optional<TuResult> R = tuResultFromJson(*Result);
  if (!R)
    return damaged(Material, "its result does not read back");
  if (Plans) {
    const json::Value *Stored = O->get("plans");
    if (!Stored)
      return std::nullopt; // Stored by a scan that made no plans.
    std::optional<RewritePlans> P = plansFromJson(*Stored);
    if (!P)
      return damaged(Material, "its plans do not read back");
    *Plans = std::move(*P);
  }
  ++Hits;
  return R;
}

void ResultCache::store(const std::string &Material, const TuResult &R,
                        const RewritePlans *Plans) {
  if (!enabled() || R.FilesRead.empty())
    return;
  json::Array Files;
  for (const auto &[Path, Hash] : R.FilesRead)
    Files.push_back(json::Array{Path, llvm::utohexstr(Hash)});
  json::Object Entry{{"version", FormatVersion},
                     {"key", Material},
                     {"files", std::move(Files)},
                     {"result", tuResultToJson(R)}};
  if (Plans)
    Entry["plans"] = plansToJson(*Plans);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << json::Value(std::move(Entry));
  OS.flush();
  // Not cached: parsed next time.
  llvm::consumeError(writeChecksummedFile(entryPath(Material), Text));
}

} // namespace mmapmigrate
