//===- CommandCache.cpp - Per-file compile commands kept between runs -------===//
#include "tool/kbuild/KbuildDetail.h"
#include "tool/kbuild/Architectures.h"

#include "tool/support/AtomicFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace mmapmigrate {
namespace kbuild {

//===----------------------------------------------------------------------===//
// Per-file command cache
//===----------------------------------------------------------------------===//

llvm::StringMap<CachedCommand> loadCommandCache(llvm::StringRef BuildDir,
                                                const RunLog &Log) {
  llvm::StringMap<CachedCommand> Cache;
  std::string P = inDir(BuildDir, CacheName);
  if (!fs::exists(P))
    return Cache;
  // A damaged cache only costs one more make -n.
  auto Damaged = [&](const std::string &Why) {
    Log.note("ignoring damaged " + P + ": " + Why + "; its commands are listed again");
    return llvm::StringMap<CachedCommand>();
  };
  std::string WhyNot;
  std::optional<std::string> Text = readChecksummedFile(P, &WhyNot);
  if (!Text)
    return Damaged(WhyNot.empty() ? "it cannot be read" : WhyNot);
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(*Text);
  if (!V)
    return Damaged("it is not JSON: " + toString(V.takeError()));
  const llvm::json::Object *Root = V->getAsObject();
  const llvm::json::Object *Cmds = Root ? Root->getObject("commands") : nullptr;
  if (!Cmds)
    return Damaged("it lacks its commands");
  for (const auto &KV : *Cmds) {
    const llvm::json::Object *E = KV.second.getAsObject();
    if (!E)
      continue;
    const llvm::json::Array *Args = E->getArray("arguments");
    if (!Args || Args->empty())
      continue;
    CachedCommand C;
    if (std::optional<llvm::StringRef> O = E->getString("output"))
      C.Output = O->str();
    for (const llvm::json::Value &A : *Args)
      if (std::optional<llvm::StringRef> S = A.getAsString())
        C.Args.push_back(S->str());
    Cache[KV.first.str()] = std::move(C);
  }
  return Cache;
}

llvm::Error saveCommandCache(llvm::StringRef BuildDir,
                             const llvm::StringMap<CachedCommand> &Cache) {
  std::vector<std::string> Keys;
  for (const auto &E : Cache)
    Keys.push_back(E.getKey().str());
  llvm::sort(Keys);
  llvm::json::Object Cmds;
  for (const std::string &K : Keys) {
    const CachedCommand &C = Cache.find(K)->second;
    llvm::json::Array Args;
    for (const std::string &A : C.Args)
      Args.push_back(A);
    Cmds[K] = llvm::json::Object{{"output", C.Output},
                                 {"arguments", std::move(Args)}};
  }
  llvm::json::Object Root{{"version", 1}, {"commands", std::move(Cmds)}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(Root));
  OS.flush();
  return writeChecksummedFile(inDir(BuildDir, CacheName), Text);
}

std::optional<std::vector<std::string>> savedCommand(llvm::StringRef BuildDir,
                                                     llvm::StringRef Target) {
  llvm::SmallString<256> P(BuildDir);
  path::append(P, path::parent_path(Target),
               "." + path::filename(Target).str() + ".cmd");
  std::string Text = slurp(P);
  if (Text.empty())
    return std::nullopt;
  llvm::StringRef Line = llvm::StringRef(Text).split('\n').first;
  size_t Assign = Line.find(" := ");
  if (!Line.starts_with("savedcmd_") || Assign == llvm::StringRef::npos)
    return std::nullopt;
  // The value is make syntax: "$$" and "\#" stand for "$" and "#".
  std::string Cmd;
  llvm::StringRef V = Line.substr(Assign + 4);
  for (size_t I = 0; I < V.size(); ++I) {
    if (V[I] == '$' && I + 1 < V.size() && V[I + 1] == '$')
      ++I;
    else if (V[I] == '\\' && I + 1 < V.size() && V[I + 1] == '#')
      continue;
    Cmd += V[I];
  }
  std::optional<std::vector<std::string>> Found;
  forEachSimpleCommand(Cmd, [&](llvm::ArrayRef<ShellWord> Words) {
    std::vector<std::string> Argv = commandArgv(Words);
    if (!Found && !Argv.empty() && isCCompilerName(Argv[0]))
      Found = std::move(Argv);
  });
  return Found;
}

std::string requestedRel(llvm::StringRef Source, llvm::StringRef Tree,
                         llvm::StringRef TreeReal) {
  llvm::SmallString<256> S(Source);
  path::remove_dots(S, /*remove_dot_dot=*/true);
  if (!path::is_absolute(S))
    return std::string(S);
  for (llvm::StringRef Root : {Tree, TreeReal}) {
    llvm::SmallString<256> R(Root);
    path::remove_dots(R, true);
    std::string Rel = relativeToTree(S, R);
    if (!Rel.empty())
      return Rel;
  }
  return "";
}

void removeListings(llvm::StringRef BuildDir) {
  for (const char *Name : {IndexName, ListedName, CacheName})
    (void)fs::remove(inDir(BuildDir, Name));
}

void dropListingsOfAnotherConfig(llvm::StringRef BuildDir, const RunLog &Log) {
  std::string HashPath = inDir(BuildDir, ConfigHashName);
  std::string Now = llvm::utohexstr(llvm::xxh3_64bits(slurp(inDir(BuildDir, ".config"))));
  std::string Then = llvm::StringRef(slurp(HashPath)).trim().str();
  if (Then == Now)
    return;
  if (!Then.empty()) {
    Log.note(BuildDir + "/.config changed since its objects were listed; listing again");
    removeListings(BuildDir);
  }
  // An older cache without the hash is taken to match.
  if (llvm::Error E = writeFileAtomically(HashPath, Now + "\n"))
    llvm::consumeError(std::move(E)); // Next time, then.
}

BuildDirPlace buildDirPlace(const KernelDbOptions &Opts) {
  std::string TreeReal = realPathOr(Opts.Tree, Opts.Tree);
  // A config given as a file is known by its content.
  std::string ConfigKey = Opts.Config;
  if (isFile(Opts.Config))
    ConfigKey = llvm::utohexstr(llvm::xxh3_64bits(slurp(Opts.Config)));
  std::string Llvm = Opts.LlvmSuffix.empty() ? "1" : Opts.LlvmSuffix;
  BuildDirPlace P;
  P.Identity = "tree=" + TreeReal + "\narch=" + Opts.Arch + "\nconfig=" + ConfigKey +
               "\nllvm=" + Llvm + "\n" + (Opts.NoMmu ? "nommu=1\n" : "");
  if (const ParseOnlyArch *A = parseOnlyArch(Opts.Arch))
    P.Identity += "target=" + A->Triple.str() + "\n";
  std::string Name = path::filename(TreeReal).str() + "-" + Opts.Arch +
                     (Opts.NoMmu ? "-nommu" : "") + "-" +
                     path::filename(Opts.Config).str() + "-" +
                     llvm::utohexstr(llvm::xxh3_64bits(P.Identity));
  for (char &C : Name)
    if (!isalnum(static_cast<unsigned char>(C)) && C != '-' && C != '.' && C != '_')
      C = '_';
  std::string Root = Opts.CacheRoot.empty() ? defaultCacheRoot() : Opts.CacheRoot;
  P.State = inDir(Root, Name);
  P.Build = inDir(P.State, "build");
  P.Stamp = inDir(P.State, "prepared.stamp");
  return P;
}

} // namespace kbuild
} // namespace mmapmigrate
