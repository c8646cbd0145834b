//===- ResultCache.cpp - Per-TU scan results kept between runs -----------===//
#include "tool/ResultCache.h"

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
constexpr int FormatVersion = 1;

} // namespace

bool writeCacheFile(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SmallString<256> Tmp;
  int FD;
  if (fs::createUniqueFile(Path + ".%%%%%%.tmp", FD, Tmp))
    return false;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      (void)fs::remove(Tmp);
      return false;
    }
  }
  if (fs::rename(Tmp, Path)) {
    (void)fs::remove(Tmp);
    return false;
  }
  return true;
}

std::optional<std::string> readCacheFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, false, false);
  if (!Buf)
    return std::nullopt;
  return (*Buf)->getBuffer().str();
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

json::Value posToJson(const SourcePos &P) {
  return json::Array{P.File, P.Line, P.Col};
}

bool posFromJson(const json::Value *V, SourcePos &P) {
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() != 3)
    return false;
  auto File = (*A)[0].getAsString();
  auto Line = (*A)[1].getAsInteger(), Col = (*A)[2].getAsInteger();
  if (!File || !Line || !Col)
    return false;
  P = {File->str(), unsigned(*Line), unsigned(*Col)};
  return true;
}

/// Reads fields of one JSON object, remembering whether any was missing.
class ObjectReader {
public:
  explicit ObjectReader(const json::Value &V) : O(V.getAsObject()), Ok(O) {}
  void str(llvm::StringRef Key, std::string &Out) {
    if (auto S = O ? O->getString(Key) : std::nullopt)
      Out = S->str();
    else
      Ok = false;
  }
  void flag(llvm::StringRef Key, bool &Out) {
    if (auto B = O ? O->getBoolean(Key) : std::nullopt)
      Out = *B;
    else
      Ok = false;
  }
  void num(llvm::StringRef Key, unsigned &Out) {
    if (auto N = O ? O->getInteger(Key) : std::nullopt)
      Out = unsigned(*N);
    else
      Ok = false;
  }
  void pos(llvm::StringRef Key, SourcePos &Out) {
    if (!posFromJson(O ? O->get(Key) : nullptr, Out))
      Ok = false;
  }
  template <typename T, typename Fn> void list(llvm::StringRef Key, std::vector<T> &Out, Fn Read) {
    const json::Array *A = O ? O->getArray(Key) : nullptr;
    if (!A) {
      Ok = false;
      return;
    }
    for (const json::Value &E : *A) {
      T Item;
      ObjectReader R(E);
      Read(R, Item);
      if (!R.Ok) {
        Ok = false;
        return;
      }
      Out.push_back(std::move(Item));
    }
  }
  const json::Object *O;
  bool Ok;
};

json::Value findingToJson(const Finding &F) {
  return json::Object{{"kind", int(F.K)},         {"rule", F.Rule},
                      {"message", F.Message},     {"pos", posToJson(F.Pos)},
                      {"detail", F.Detail},       {"in_loop", F.InLoop},
                      {"in_helper", F.InHelper},  {"via", posToJson(F.Via)},
                      {"blocks", F.Blocks}};
}

void readFinding(ObjectReader &R, Finding &F) {
  unsigned K = 0;
  R.num("kind", K);
  if (K > unsigned(Kind::VmaEscapes))
    R.Ok = false;
  F.K = Kind(K);
  R.str("rule", F.Rule);
  R.str("message", F.Message);
  R.pos("pos", F.Pos);
  R.str("detail", F.Detail);
  R.flag("in_loop", F.InLoop);
  R.flag("in_helper", F.InHelper);
  R.pos("via", F.Via);
  R.str("blocks", F.Blocks);
}

} // namespace

//===----------------------------------------------------------------------===//
// TuResult <-> JSON
//===----------------------------------------------------------------------===//

json::Value tuResultToJson(const TuResult &R) {
  json::Array Sites, Handlers, Others, Skipped;
  for (const FopsSite &S : R.Sites)
    Sites.push_back(json::Object{{"pos", posToJson(S.Pos)},
                                 {"table", S.Table},
                                 {"macro", S.Macro},
                                 {"form", S.Form},
                                 {"handler", S.Handler},
                                 {"handler_key", S.HandlerKey},
                                 {"null", S.IsNull},
                                 {"unresolved", S.Unresolved}});
  for (const MmapHandler &H : R.Handlers) {
    json::Array Findings, Macros;
    for (const Finding &F : H.Findings)
      Findings.push_back(findingToJson(F));
    for (const std::string &M : H.NamedInMacros)
      Macros.push_back(json::Object{{"name", M}});
    Handlers.push_back(json::Object{{"key", H.Key},
                                    {"name", H.Name},
                                    {"pos", posToJson(H.Pos)},
                                    {"has_body", H.HasBody},
                                    {"static", H.IsStatic},
                                    {"partial", H.Partial},
                                    {"findings", std::move(Findings)},
                                    {"not_analysed", H.NotAnalysedReason},
                                    {"inactive_use", H.NamedInInactiveCode},
                                    {"in_macros", std::move(Macros)}});
  }
  for (const OtherTableSite &O : R.OtherTables)
    Others.push_back(json::Object{{"type", O.Type},
                                  {"field", O.Field},
                                  {"pos", posToJson(O.Pos)},
                                  {"handler", O.Handler},
                                  {"table", O.Table}});
  for (const NotAnalysed &N : R.Skipped)
    Skipped.push_back(json::Object{{"file", N.File}, {"line", N.Line}, {"reason", N.Reason}});
  return json::Object{{"main_file", R.MainFile},
                      {"parsed", R.Parsed},
                      {"had_errors", R.HadErrors},
                      {"read_as_text", R.ReadAsText},
                      {"first_error", R.FirstError},
                      {"sites", std::move(Sites)},
                      {"handlers", std::move(Handlers)},
                      {"other_tables", std::move(Others)},
                      {"skipped", std::move(Skipped)}};
}

std::optional<TuResult> tuResultFromJson(const json::Value &V) {
  TuResult R;
  ObjectReader In(V);
  In.str("main_file", R.MainFile);
  In.flag("parsed", R.Parsed);
  In.flag("had_errors", R.HadErrors);
  In.flag("read_as_text", R.ReadAsText);
  In.str("first_error", R.FirstError);
  In.list("sites", R.Sites, [](ObjectReader &E, FopsSite &S) {
    E.pos("pos", S.Pos);
    E.str("table", S.Table);
    E.str("macro", S.Macro);
    E.str("form", S.Form);
    E.str("handler", S.Handler);
    E.str("handler_key", S.HandlerKey);
    E.flag("null", S.IsNull);
    E.str("unresolved", S.Unresolved);
  });
  In.list("handlers", R.Handlers, [](ObjectReader &E, MmapHandler &H) {
    E.str("key", H.Key);
    E.str("name", H.Name);
    E.pos("pos", H.Pos);
    E.flag("has_body", H.HasBody);
    E.flag("static", H.IsStatic);
    E.flag("partial", H.Partial);
    E.list("findings", H.Findings, readFinding);
    E.str("not_analysed", H.NotAnalysedReason);
    E.str("inactive_use", H.NamedInInactiveCode);
    std::vector<std::string> Macros;
    E.list("in_macros", Macros, [](ObjectReader &M, std::string &Name) { M.str("name", Name); });
    H.NamedInMacros.insert(Macros.begin(), Macros.end());
  });
  In.list("other_tables", R.OtherTables, [](ObjectReader &E, OtherTableSite &O) {
    E.str("type", O.Type);
    E.str("field", O.Field);
    E.pos("pos", O.Pos);
    E.str("handler", O.Handler);
    E.str("table", O.Table);
  });
  In.list("skipped", R.Skipped, [](ObjectReader &E, NotAnalysed &N) {
    E.str("file", N.File);
    E.num("line", N.Line);
    E.str("reason", N.Reason);
  });
  if (!In.Ok)
    return std::nullopt;
  return R;
}

//===----------------------------------------------------------------------===//
// FileDigests
//===----------------------------------------------------------------------===//

FileDigests::FileDigests(std::string MemoPath) : MemoPath(std::move(MemoPath)) {
  if (this->MemoPath.empty())
    return;
  std::optional<std::string> Text = readCacheFile(this->MemoPath);
  if (!Text)
    return;
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
  (void)writeCacheFile(MemoPath, Text); // A memo that cannot be written costs re-reads.
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

ResultCache::ResultCache(std::string D) : Dir(std::move(D)), Digests(digestMemoPath(Dir)) {
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
                                     const TuScanOptions &Opts) {
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
  Add(llvm::formatv("skip-bodies={0} helper-depth={1}", Opts.SkipIrrelevantBodies,
                    Opts.MaxHelperDepth)
          .str());
  for (const std::string &W : Opts.WantedHandlers)
    Add("wanted=" + W);
  return S;
}

std::string ResultCache::entryPath(const std::string &Material) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "results", llvm::utohexstr(llvm::xxh3_64bits(Material)) + ".json");
  return std::string(P);
}

std::optional<TuResult> ResultCache::lookup(const std::string &Material) {
  if (!enabled())
    return std::nullopt;
  auto Miss = [this]() -> std::optional<TuResult> {
    ++Misses;
    return std::nullopt;
  };
  std::optional<std::string> Text = readCacheFile(entryPath(Material));
  if (!Text)
    return Miss();
  llvm::Expected<json::Value> V = json::parse(*Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return Miss();
  }
  const json::Object *O = V->getAsObject();
  const json::Array *Files = O ? O->getArray("files") : nullptr;
  const json::Value *Result = O ? O->get("result") : nullptr;
  if (!Files || !Result || O->getInteger("version") != FormatVersion ||
      O->getString("key") != llvm::StringRef(Material))
    return Miss();
  for (const json::Value &F : *Files) {
    const json::Array *Pair = F.getAsArray();
    if (!Pair || Pair->size() != 2)
      return Miss();
    auto Path = (*Pair)[0].getAsString();
    auto Hash = (*Pair)[1].getAsString();
    uint64_t Want;
    if (!Path || !Hash || Hash->getAsInteger(16, Want))
      return Miss();
    std::optional<uint64_t> Now = Digests.digest(Path->str());
    if (!Now || *Now != Want)
      return Miss();
  }
  std::optional<TuResult> R = tuResultFromJson(*Result);
  if (!R)
    return Miss();
  ++Hits;
  return R;
}

void ResultCache::store(const std::string &Material, const TuResult &R) {
  if (!enabled() || R.FilesRead.empty())
    return;
  json::Array Files;
  for (const auto &[Path, Hash] : R.FilesRead)
    Files.push_back(json::Array{Path, llvm::utohexstr(Hash)});
  json::Object Entry{{"version", FormatVersion},
                     {"key", Material},
                     {"files", std::move(Files)},
                     {"result", tuResultToJson(R)}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << json::Value(std::move(Entry));
  OS.flush();
  (void)writeCacheFile(entryPath(Material), Text); // Not cached: parsed next time.
}

} // namespace mmapmigrate
