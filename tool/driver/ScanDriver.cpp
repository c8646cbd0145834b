//===- ScanDriver.cpp - Run the scan over a tree --------------------------===//
#include "tool/driver/ScanDriver.h"
#include "matchers/find/TextSlots.h"
#include "matchers/core/SourceText.h"
#include "matchers/core/Parallel.h"
#include "matchers/classify/CensusMerge.h"
#include "matchers/find/FirstError.h"
#include "matchers/find/ToolRunner.h"
#include "matchers/find/TuScanner.h"
#include "tool/kbuild/CompileDb.h"
#include "matchers/find/HalfConversion.h"
#include "matchers/find/Prefilter.h"
#include "tool/driver/ResultCache.h"
#include "tool/driver/TextPassMemo.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningFilesystem.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <optional>
#include <map>
#include <mutex>
#include <future>
#include <thread>

using namespace clang;

namespace mmapmigrate {

char UsageError::ID = 0;

llvm::Error usageError(const llvm::Twine &Msg) {
  return llvm::make_error<UsageError>(Msg.str());
}

namespace {

bool isUnder(llvm::StringRef Path, llvm::StringRef Dir) {
  if (Dir.empty())
    return true;
  if (!Path.starts_with(Dir))
    return false;
  return Path.size() == Dir.size() || Path[Dir.size()] == '/' || Dir.ends_with("/");
}

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

/// Parses \p Files with \p Jobs threads; results (and the planner's plans,
/// in \p Plans) in the order of Files.
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
  runInParallel(Files.size(), Opts.Jobs, [&](size_t I) {
    TuResult &R = Results[I];
    R.MainFile = Files[I];
    std::vector<tooling::CompileCommand> Cmds = DB.getCompileCommands(Files[I]);
    if (Cmds.empty()) {
      R.FirstError = "no compile command for this file";
      return;
    }
    std::string Key;
    if (Cache.enabled()) {
      Key = ResultCache::keyMaterial(Cmds, Opts.ExtraArgsBefore, Opts.ExtraArgs, ScanOpts,
                                     Opts.Plan ? Opts.Plan->key() : "");
      if (std::optional<TuResult> Hit = Cache.lookup(Key, Opts.Plan ? &Plans[I] : nullptr))
        R = std::move(*Hit);
    }
    bool Cached = R.Parsed;
    if (!Cached)
      parseOne(DB, Files[I], ScanOpts, Opts, FileCache, R, Plans[I]);
    if (!Cached && R.Parsed && !R.MissingInclude && Cache.enabled())
      Cache.store(Key, R, Opts.Plan ? &Plans[I] : nullptr);
    R.FilesRead.clear();
    if (Opts.Verbose) // One write, so that threads do not cut each other's lines.
      llvm::errs() << ("mmap-migrate: " + std::string(Cached ? "cached " : "parsed ") + Files[I] +
                       (R.HadErrors ? " (with errors)" : "") + "\n");
    if (Opts.Progress) {
      std::lock_guard<std::mutex> G(ProgressLock);
      ++Done;
      double Spent =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
      double Left = Spent / Done * (Files.size() - Done);
      llvm::errs() << llvm::formatv("\rmmap-migrate: {0}/{1} TUs parsed, about {2} s left\x1b[K",
                                    Done, Files.size(), (unsigned)(Left + 0.5));
    }
  });
  if (Opts.Progress && !Files.empty())
    llvm::errs() << "\r\x1b[K"; // The line goes once the work is done.
  return Results;
}

/// Names of handlers that some site names but no parsed TU defines.
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

/// A relative PATH that does not exist from the current directory is taken
/// relative to \p TreeRoot (kernel people name files from the tree top).
llvm::Expected<std::vector<std::string>> checkedPaths(const ScanOptions &Opts,
                                                      llvm::StringRef TreeRoot) {
  std::vector<std::string> Out;
  for (const std::string &P : Opts.Paths) {
    llvm::SmallString<256> Abs(P);
    if (!TreeRoot.empty() && !llvm::sys::path::is_absolute(P) &&
        !llvm::sys::fs::exists(P)) {
      Abs = TreeRoot;
      llvm::sys::path::append(Abs, P);
    }
    if (!llvm::sys::fs::exists(Abs))
      return usageError("no such file or directory: " + P);
    Out.push_back(realPath(Abs));
  }
  return Out;
}

bool underAny(llvm::StringRef File, const std::vector<std::string> &Dirs) {
  if (Dirs.empty())
    return true;
  for (const std::string &D : Dirs)
    if (isUnder(File, D))
      return true;
  return false;
}

/// Where results and text-pass answers are kept; "" with --no-cache.
std::string reuseDir(const ScanOptions &Opts) {
  if (Opts.NoCache)
    return "";
  return Opts.CacheRoot.empty() ? defaultCacheRoot() : Opts.CacheRoot;
}

/// The strings of a JSON array of strings; none if it is not one.
std::optional<std::vector<std::string>> stringsOf(const llvm::json::Value &V) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A)
    return std::nullopt;
  std::vector<std::string> Out;
  for (const llvm::json::Value &E : *A) {
    std::optional<llvm::StringRef> S = E.getAsString();
    if (!S)
      return std::nullopt;
    Out.push_back(S->str());
  }
  return Out;
}

template <typename Range> llvm::json::Value stringArray(const Range &Strings) {
  llvm::json::Array A;
  for (const std::string &S : Strings)
    A.push_back(S);
  return A;
}

/// A text-pass question: what is asked, about which names and files.
std::string question(llvm::StringRef What, const std::set<std::string> &Names,
                     const std::vector<std::string> &Files) {
  std::string Q = What.str();
  for (const std::string &N : Names)
    Q += " " + N;
  for (const std::string &F : Files)
    Q += "\n" + F;
  return Q;
}

/// Keeps the files whose text may hold an mmap slot. With \p ByText, a file
/// whose text alone proves that its mmap members all belong to other ops
/// tables is not kept for parsing: its slots go there, read from the text.
std::vector<std::string> prefilter(const std::vector<std::string> &Files,
                                   const std::set<std::string> &Macros,
                                   const SlotListMacros &Lists, unsigned Jobs,
                                   std::vector<TuResult> *ByText = nullptr) {
  // Per file: parse it, settle it as text (a TuResult), or drop it.
  std::vector<std::optional<TuResult>> Settled(Files.size());
  std::vector<char> Keep(Files.size(), 0);
  runInParallel(Files.size(), Jobs, [&](size_t I) {
    std::string Text;
    if (!readSourceText(Files[I], Text) || !mayHoldMmapSlot(Text, Macros))
      return;
    // Of the fops macros, the text can expand only the slot lists.
    std::optional<std::vector<TextSlot>> Slots;
    std::set<std::string> Used = ByText ? fopsMacrosUsed(Text, Macros) : std::set<std::string>();
    if (ByText && llvm::all_of(Used, [&](const std::string &M) { return Lists.count(M); }))
      Slots = otherTableSlotsByText(Text, nullptr, Used.empty() ? nullptr : &Lists);
    if (!Slots) {
      Keep[I] = 1;
      return;
    }
    TuResult R;
    R.MainFile = realPath(Files[I]);
    R.ReadAsText = true;
    for (const TextSlot &S : *Slots)
      R.OtherTables.push_back({S.Type, S.Field, {R.MainFile, S.Line, S.Col}, S.Handler, S.Table});
    Settled[I] = std::move(R);
  });
  std::vector<std::string> Out;
  for (size_t I = 0; I < Files.size(); ++I) {
    if (Keep[I])
      Out.push_back(Files[I]);
    else if (Settled[I])
      ByText->push_back(std::move(*Settled[I]));
  }
  return Out;
}

/// The text pass's three questions, answered from \p Memo while the tree is
/// unchanged.
std::set<std::string> fopsMacrosMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                                     unsigned Jobs) {
  using Names = std::set<std::string>;
  return Memo.answer<Names>(
      "fops-macros", [&] { return findFopsMacros(Files, Jobs); },
      [](const Names &N) { return stringArray(N); },
      [](const llvm::json::Value &V) -> std::optional<Names> {
        std::optional<std::vector<std::string>> L = stringsOf(V);
        if (!L)
          return std::nullopt;
        return Names(L->begin(), L->end());
      });
}

/// findSlotListMacros over \p Sources, from \p Memo while the tree is
/// unchanged.
SlotListMacros slotListsMemo(TextPassMemo &Memo, const std::vector<std::string> &Sources,
                             const std::set<std::string> &Macros, unsigned Jobs) {
  return Memo.answer<SlotListMacros>(
      question("slot-lists", Macros, {}), [&] { return findSlotListMacros(Sources, Macros, Jobs); },
      [](const SlotListMacros &L) {
        llvm::json::Object O;
        for (const auto &[Name, Slots] : L) {
          llvm::json::Array A;
          for (const MacroSlot &S : Slots)
            A.push_back(llvm::json::Array{S.Field, S.Handler});
          O[Name] = std::move(A);
        }
        return llvm::json::Value(std::move(O));
      },
      [](const llvm::json::Value &V) -> std::optional<SlotListMacros> {
        const llvm::json::Object *O = V.getAsObject();
        if (!O)
          return std::nullopt;
        SlotListMacros L;
        for (const auto &[Name, Slots] : *O) {
          const llvm::json::Array *A = Slots.getAsArray();
          if (!A)
            return std::nullopt;
          for (const llvm::json::Value &S : *A) {
            std::optional<std::vector<std::string>> Pair = stringsOf(S);
            if (!Pair || Pair->size() != 2)
              return std::nullopt;
            L[Name.str()].push_back({(*Pair)[0], (*Pair)[1]});
          }
        }
        return L;
      });
}

/// \p Lists is asked for only when the memo has no answer.
std::vector<std::string> prefilterMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                                       const std::set<std::string> &Macros,
                                       llvm::function_ref<SlotListMacros()> Lists, unsigned Jobs,
                                       std::vector<TuResult> *ByText) {
  struct Picks {
    std::vector<std::string> Parse;
    std::vector<TuResult> Text;
  };
  Picks P = Memo.answer<Picks>(
      question(ByText ? "prefilter+text" : "prefilter", Macros, Files),
      [&] {
        Picks Out;
        Out.Parse = prefilter(Files, Macros, ByText ? Lists() : SlotListMacros(), Jobs,
                              ByText ? &Out.Text : nullptr);
        return Out;
      },
      [](const Picks &P) {
        llvm::json::Array Text;
        for (const TuResult &R : P.Text)
          Text.push_back(tuResultToJson(R));
        return llvm::json::Value(
            llvm::json::Object{{"parse", stringArray(P.Parse)}, {"text", std::move(Text)}});
      },
      [](const llvm::json::Value &V) -> std::optional<Picks> {
        const llvm::json::Object *O = V.getAsObject();
        const llvm::json::Value *Parse = O ? O->get("parse") : nullptr;
        const llvm::json::Array *Text = O ? O->getArray("text") : nullptr;
        std::optional<std::vector<std::string>> Files = Parse ? stringsOf(*Parse) : std::nullopt;
        if (!Files || !Text)
          return std::nullopt;
        Picks Out{std::move(*Files), {}};
        for (const llvm::json::Value &R : *Text) {
          std::optional<TuResult> T = tuResultFromJson(R);
          if (!T)
            return std::nullopt;
          Out.Text.push_back(std::move(*T));
        }
        return Out;
      });
  if (ByText)
    ByText->insert(ByText->end(), std::make_move_iterator(P.Text.begin()),
                   std::make_move_iterator(P.Text.end()));
  return P.Parse;
}

std::vector<std::string> filesDefiningMemo(TextPassMemo &Memo,
                                           const std::vector<std::string> &Files,
                                           const std::set<std::string> &Names,
                                           unsigned Jobs) {
  using List = std::vector<std::string>;
  return Memo.answer<List>(
      question("defining", Names, Files), [&] { return filesDefining(Files, Names, Jobs); },
      [](const List &L) { return stringArray(L); }, stringsOf);
}

/// The files of \p Files that \p DB has a command for.
std::vector<std::string> withCommands(const tooling::CompilationDatabase &DB,
                                      const std::vector<std::string> &Files) {
  std::vector<std::string> Out;
  for (const std::string &F : Files)
    if (!DB.getCompileCommands(F).empty())
      Out.push_back(F);
  return Out;
}

struct Inputs;

/// A source of compile commands and the universe of files it covers.
struct Inputs {
  std::unique_ptr<tooling::CompilationDatabase> DB;
  std::vector<std::string> FirstPass;   ///< TUs to parse first.
  std::vector<std::string> Universe;    ///< Where handler definitions may be.
  /// Every source and header whose text the tree-wide checks read.
  std::vector<std::string> TextFiles;
  std::vector<NotAnalysed> NotBuilt;
  /// Files the text pass settled: only other ops tables, no parse needed.
  std::vector<TuResult> ReadAsText;
  std::string Root;
  /// Text-pass answers kept while the tree is unchanged.
  std::shared_ptr<TextPassMemo> Memo;
  bool MemoCoversTree = false;
  /// Adds commands for extra files (kernel mode makes them on demand).
  std::function<llvm::Error(const std::vector<std::string> &, Inputs &)> Extend;
};

llvm::Expected<Inputs> fixedFlagInputs(const ScanOptions &Opts,
                                       const std::vector<std::string> &Paths) {
  Inputs In;
  if (Paths.empty())
    return usageError("no source files given before '--'");
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  In.DB = std::make_unique<tooling::FixedCompilationDatabase>(Cwd, Opts.FixedFlags);
  for (const std::string &P : Paths) {
    if (llvm::sys::fs::is_directory(P))
      return usageError("with '--', give source files, not directories: " + P);
    In.FirstPass.push_back(P);
  }
  In.Universe = In.FirstPass;
  In.TextFiles = In.FirstPass;
  In.Root = Opts.Root.empty() ? std::string(Cwd) : realPath(Opts.Root);
  return In;
}

} // namespace

std::string rootForBuildDir(llvm::StringRef BuildDir) {
  llvm::SmallString<256> Source(BuildDir);
  llvm::sys::path::append(Source, "source");
  if (isKernelTree(Source))
    return realPath(Source);
  if (isKernelTree(BuildDir))
    return realPath(BuildDir);
  return "";
}

namespace {

/// Headers that may define fops-building macros: the tree's, and those in
/// include directories of the compile commands that lie outside the tree.
std::vector<std::string> headersFor(const tooling::CompilationDatabase &DB,
                                    llvm::StringRef Root) {
  std::set<std::string> Dirs;
  for (const tooling::CompileCommand &Cmd : DB.getAllCompileCommands()) {
    const std::vector<std::string> &Args = Cmd.CommandLine;
    for (size_t I = 0; I < Args.size(); ++I) {
      llvm::StringRef A = Args[I], Dir;
      if (A == "-I" || A == "-isystem" || A == "-iquote" || A == "-idirafter")
        Dir = I + 1 < Args.size() ? llvm::StringRef(Args[++I]) : "";
      else if (A.starts_with("-I"))
        Dir = A.drop_front(2);
      if (Dir.empty())
        continue;
      llvm::SmallString<256> Abs(Dir);
      llvm::sys::fs::make_absolute(Cmd.Directory, Abs);
      std::string Real = realPath(Abs);
      if (llvm::sys::fs::is_directory(Real) && !isUnder(Real, Root))
        Dirs.insert(Real);
    }
  }
  std::vector<std::string> Out = listSourceFiles(Root, "", true);
  for (const std::string &D : Dirs)
    for (std::string &H : listSourceFiles(D, "", true))
      if (llvm::StringRef(H).ends_with(".h"))
        Out.push_back(std::move(H));
  return Out;
}

llvm::Expected<Inputs> buildDirInputs(const ScanOptions &Opts, llvm::StringRef BuildDir,
                                      const std::vector<std::string> &Paths) {
  Inputs In;
  auto DB = loadBuildDirDb(BuildDir);
  if (!DB)
    return DB.takeError();
  In.DB = std::move(*DB);
  In.Root = !Opts.Root.empty() ? realPath(Opts.Root) : rootForBuildDir(BuildDir);
  std::vector<std::string> All;
  for (const std::string &F : In.DB->getAllFiles())
    All.push_back(realPath(F));
  std::sort(All.begin(), All.end());
  All.erase(std::unique(All.begin(), All.end()), All.end());
  if (In.Root.empty()) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    In.Root = std::string(Cwd);
  }
  std::vector<std::string> Wanted;
  for (const std::string &F : All)
    if (underAny(F, Paths))
      Wanted.push_back(F);
  // A file given by name is parsed whatever its text; directories are filtered.
  std::set<std::string> Named;
  for (const std::string &P : Paths)
    if (!llvm::sys::fs::is_directory(P))
      Named.insert(P);
  for (const std::string &P : Named)
    if (!std::binary_search(All.begin(), All.end(), P))
      return usageError("not in the compilation database: " + P);
  if (Wanted.empty() && !Paths.empty())
    return usageError("none of the given paths is in " + BuildDir + "/compile_commands.json");
  std::vector<std::string> Sources = headersFor(*In.DB, In.Root);
  Sources.insert(Sources.end(), All.begin(), All.end());
  std::sort(Sources.begin(), Sources.end());
  Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());
  In.Memo = std::make_shared<TextPassMemo>(reuseDir(Opts), In.Root, Sources);
  In.TextFiles = Sources;
  std::set<std::string> Macros = fopsMacrosMemo(*In.Memo, Sources, Opts.Jobs);
  std::vector<std::string> Filtered;
  for (const std::string &F : Wanted)
    if (!Named.count(F))
      Filtered.push_back(F);
  std::vector<std::string> Kept = prefilterMemo(
      *In.Memo, Filtered, Macros, [&] { return slotListsMemo(*In.Memo, Sources, Macros, Opts.Jobs); },
      Opts.Jobs, Opts.ParseAll ? nullptr : &In.ReadAsText);
  std::set<std::string> Keep(Kept.begin(), Kept.end());
  for (const std::string &F : Wanted)
    if (Named.count(F) || Keep.count(F))
      In.FirstPass.push_back(F);
  In.Universe = All;
  return In;
}

llvm::Expected<Inputs> kernelInputs(const ScanOptions &Opts,
                                    const std::vector<std::string> &Paths) {
  Inputs In;
  if (!llvm::sys::fs::is_directory(Opts.KernelTree))
    return usageError("no such directory: " + Opts.KernelTree);
  std::string Tree = realPath(Opts.KernelTree);
  if (!isKernelTree(Tree))
    return usageError("not a Linux source tree (no Makefile, Kconfig, include/linux): " + Tree);
  In.Root = Tree;

  auto Lap = std::chrono::steady_clock::now();
  auto Took = [&](const char *What) {
    if (Opts.Verbose)
      llvm::errs() << llvm::formatv("mmap-migrate: {0}: {1:f2} s\n", What,
                                    std::chrono::duration<double>(
                                        std::chrono::steady_clock::now() - Lap)
                                        .count());
    Lap = std::chrono::steady_clock::now();
  };
  for (const std::string &P : Paths)
    if (!llvm::sys::fs::is_directory(P) && !llvm::StringRef(P).ends_with(".c"))
      return usageError("not a C source file: " + P);

  // One prepared build dir per architecture, in the order given: a file
  // is analysed with the first one that builds it.
  struct ArchDir {
    KernelDbOptions Kopts;
    std::string BuildDir;
    std::string Failed; ///< Why set-up failed ("" when it did not).
  };
  auto Arches = std::make_shared<std::vector<ArchDir>>();
  llvm::SmallVector<llvm::StringRef, 4> ArchNames;
  llvm::StringRef(Opts.Arch).split(ArchNames, ',', -1, false);
  if (ArchNames.empty())
    return usageError("--arch names no architecture");
  const unsigned Jobs = Opts.Jobs ? Opts.Jobs : std::max(1u, std::thread::hardware_concurrency());
  for (llvm::StringRef &A : ArchNames) {
    A = A.trim();
    // kbuild maps x86_64 and i386 to arch/x86.
    if (!llvm::sys::fs::is_directory(Tree + "/arch/" + A.str()) && A != "x86_64" &&
        A != "i386")
      return usageError("no arch/" + A.str() + " in " + Tree + " (--arch)");
    ArchDir D;
    D.Kopts.Tree = Tree;
    D.Kopts.CacheRoot = Opts.CacheRoot; // "": prepareKernelBuildDir's default.
    D.Kopts.Arch = A.str();
    D.Kopts.Config = Opts.Config;
    D.Kopts.Jobs = Jobs;
    D.Kopts.Verbose = Opts.Verbose;
    Arches->push_back(std::move(D));
  }
  // Configuring and preparing the build dirs needs nothing from the text
  // pass: run it meanwhile. Which objects kbuild builds is asked later,
  // only for the candidates the text pass keeps. Configuring is mostly one
  // process at a time and is the longer of the two: while it runs, the
  // text pass leaves it a core (with both, config took 11 to 14 s, not 7).
  unsigned TextJobs = Jobs;
  if (llvm::any_of(*Arches, [](const ArchDir &D) { return !kernelBuildDirPrepared(D.Kopts); }))
    TextJobs = std::max(1u, TextJobs - 1);
  // One architecture that cannot be set up (s390 allmodconfig stops on
  // -Werror in prepare) costs only the files no other one builds.
  std::future<void> SetUp = std::async(std::launch::async, [Arches] {
    for (ArchDir &D : *Arches) {
      auto BuildDir = prepareKernelBuildDir(D.Kopts);
      if (BuildDir)
        D.BuildDir = *BuildDir;
      else {
        std::string Why = llvm::toString(BuildDir.takeError());
        llvm::StringRef W(Why);
        W.consume_front("mmap-migrate: ");
        D.Failed = W.trim().str();
      }
    }
  });
  // Nothing returns between here and SetUp.get() below.

  std::vector<std::string> Sources = listSourceFiles(Tree, "", true);
  std::vector<std::string> All;
  for (const std::string &F : Sources)
    if (llvm::StringRef(F).ends_with(".c"))
      All.push_back(F);
  In.Memo = std::make_shared<TextPassMemo>(reuseDir(Opts), Tree, Sources);
  In.MemoCoversTree = true; // Sources is every source and header of the tree.
  In.TextFiles = Sources;
  Took("listing sources");
  std::vector<std::string> Wanted;
  for (const std::string &F : All)
    if (underAny(F, Paths))
      Wanted.push_back(F);
  std::set<std::string> Macros = fopsMacrosMemo(*In.Memo, Sources, TextJobs);
  Took("fops macros");
  // A file given by name is parsed whatever its text; directories are filtered.
  std::vector<std::string> Filtered;
  for (const std::string &F : Wanted)
    if (std::find(Paths.begin(), Paths.end(), F) == Paths.end())
      Filtered.push_back(F);
  std::vector<std::string> Candidates =
      prefilterMemo(*In.Memo, Filtered, Macros,
                    [&] { return slotListsMemo(*In.Memo, Sources, Macros, TextJobs); },
                    TextJobs, Opts.ParseAll ? nullptr : &In.ReadAsText);
  Took("text pre-filter");
  for (const std::string &P : Paths)
    if (!llvm::sys::fs::is_directory(P))
      Candidates.push_back(P);
  SetUp.get();
  std::string Configs; // "x86_64 or arm64 allmodconfig", for reasons.
  std::string Unusable; // "; s390 could not be set up: ...", likewise.
  for (const ArchDir &D : *Arches)
    if (D.Failed.empty())
      Configs += (Configs.empty() ? "" : " or ") + D.Kopts.Arch;
  if (Configs.empty()) // No architecture to analyse with: the first one's error.
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Arches->front().Failed);
  Configs += " " + Opts.Config;
  for (const ArchDir &D : *Arches)
    if (!D.Failed.empty()) {
      llvm::errs() << "mmap-migrate: warning: --arch " << D.Kopts.Arch
                   << " left out: " << D.Failed << "\n";
      Unusable += "; " + D.Kopts.Arch + " " + Opts.Config + " could not be set up";
    }
  llvm::erase_if(*Arches, [](const ArchDir &D) { return !D.Failed.empty(); });
  Took("build dir");

  auto Commands = std::make_shared<std::vector<tooling::CompileCommand>>();
  auto NotBuilt = std::make_shared<std::vector<NotAnalysed>>();
  auto Fetch = [Arches, Configs, Unusable, Tree, Commands,
                NotBuilt](const std::vector<std::string> &Files) -> llvm::Error {
    std::vector<std::string> Rest;
    for (const std::string &F : Files)
      Rest.push_back(llvm::StringRef(F).drop_front(Tree.size()).ltrim('/').str());
    std::map<std::string, std::string> FirstWhy; // Why the first arch does not build it.
    for (const ArchDir &D : *Arches) {
      if (Rest.empty())
        break;
      std::vector<std::pair<std::string, std::string>> Missing;
      auto Cmds = kernelCompileCommands(D.Kopts, D.BuildDir, Rest, Missing);
      if (!Cmds)
        return Cmds.takeError();
      Commands->insert(Commands->end(), Cmds->begin(), Cmds->end());
      Rest.clear();
      for (auto &[File, Why] : Missing) {
        FirstWhy.emplace(File, Why);
        Rest.push_back(File);
      }
    }
    for (const std::string &File : Rest) {
      llvm::SmallString<256> Abs(Tree);
      llvm::sys::path::append(Abs, File);
      NotBuilt->push_back(
          {std::string(Abs), 0, "not built in " + Configs + ": " + FirstWhy[File] + Unusable});
    }
    return llvm::Error::success();
  };
  if (llvm::Error E = Fetch(Candidates))
    return E;
  Took("compile commands");
  In.Universe = All;
  In.DB = makeCommandListDb(*Commands);
  In.NotBuilt = *NotBuilt;
  In.FirstPass = withCommands(*In.DB, Candidates);
  // Later fetches grow the shared command list; the DB is rebuilt from it.
  In.Extend = [Fetch, Commands, NotBuilt](const std::vector<std::string> &Files,
                                          Inputs &Self) -> llvm::Error {
    size_t Before = NotBuilt->size();
    if (llvm::Error E = Fetch(Files))
      return E;
    Self.NotBuilt.insert(Self.NotBuilt.end(), NotBuilt->begin() + Before, NotBuilt->end());
    Self.DB = makeCommandListDb(*Commands);
    return llvm::Error::success();
  };
  return In;
}

/// clang-tidy's habit: without -p, look for compile_commands.json upwards.
std::string findBuildDirUpwards(const std::vector<std::string> &Paths) {
  llvm::SmallString<256> Dir;
  if (!Paths.empty())
    Dir = Paths.front();
  else
    llvm::sys::fs::current_path(Dir);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  for (; !Dir.empty(); llvm::sys::path::remove_filename(Dir)) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, "compile_commands.json");
    if (llvm::sys::fs::exists(Candidate))
      return std::string(Dir);
    if (Dir == "/")
      break;
  }
  return "";
}

} // namespace

llvm::Expected<ScanOutcome> runScan(const ScanOptions &Opts) {
  if (!Opts.KernelTree.empty() && !Opts.BuildDir.empty())
    return usageError("give either --kernel or -p, not both");
  if (Opts.HaveFixedFlags && (!Opts.KernelTree.empty() || !Opts.BuildDir.empty()))
    return usageError("compiler flags after '--' cannot be combined with --kernel or -p");
  if (!Opts.KernelTree.empty() && !llvm::sys::fs::is_directory(Opts.KernelTree))
    return usageError("no such directory: " + Opts.KernelTree);
  std::string TreeRoot = !Opts.Root.empty()       ? Opts.Root
                         : !Opts.KernelTree.empty() ? Opts.KernelTree
                         : !Opts.BuildDir.empty()   ? rootForBuildDir(Opts.BuildDir)
                                                    : "";
  auto Paths = checkedPaths(Opts, TreeRoot);
  if (!Paths)
    return Paths.takeError();

  auto Start = std::chrono::steady_clock::now();
  auto Seconds = [](std::chrono::steady_clock::time_point From) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - From).count();
  };
  llvm::Expected<Inputs> In = llvm::make_error<UsageError>("");
  llvm::consumeError(In.takeError());
  if (Opts.HaveFixedFlags) {
    In = fixedFlagInputs(Opts, *Paths);
  } else if (!Opts.KernelTree.empty()) {
    In = kernelInputs(Opts, *Paths);
  } else {
    std::string BuildDir = Opts.BuildDir;
    if (BuildDir.empty())
      BuildDir = findBuildDirUpwards(*Paths);
    if (BuildDir.empty())
      return usageError("no compilation database: use --kernel TREE, -p BUILD_DIR, "
                   "or give compiler flags after '--'");
    if (!llvm::sys::fs::is_directory(BuildDir))
      return usageError("no such directory: " + BuildDir);
    In = buildDirInputs(Opts, BuildDir, *Paths);
  }
  if (!In)
    return In.takeError();

  double Setup = Seconds(Start);
  auto ParseStart = std::chrono::steady_clock::now();
  TuScanOptions ScanOpts = Opts.Tu;
  // Plans are cached under the name of the planner that made them.
  ResultCache Cache(reuseDir(Opts));
  ScanOpts.RecordFilesRead = Cache.enabled();
  std::vector<std::string> ParsedTus = In->FirstPass;
  std::vector<RewritePlans> Plans; // Beside Results, one per TU.
  std::vector<TuResult> Results =
      parseAll(*In->DB, In->FirstPass, ScanOpts, Opts, Cache, Plans);
  auto ParseMore = [&](const std::vector<std::string> &Files) {
    std::vector<RewritePlans> MorePlans;
    std::vector<TuResult> More = parseAll(*In->DB, Files, ScanOpts, Opts, Cache, MorePlans);
    for (size_t I = 0; I < More.size(); ++I) {
      Results.push_back(std::move(More[I]));
      Plans.push_back(std::move(MorePlans[I]));
    }
  };

  if (Opts.Verbose)
    llvm::errs() << llvm::formatv("mmap-migrate: first pass: {0:f2} s\n", Seconds(ParseStart));
  // Tables name handlers defined elsewhere: parse the files that define them.
  std::set<std::string> Missing = handlersWithoutBody(Results);
  if (!Missing.empty()) {
    std::set<std::string> Parsed(In->FirstPass.begin(), In->FirstPass.end());
    std::vector<std::string> Rest;
    for (const std::string &F : In->Universe)
      if (!Parsed.count(F))
        Rest.push_back(F);
    std::vector<std::string> Defining =
        In->Memo ? filesDefiningMemo(*In->Memo, Rest, Missing, Opts.Jobs)
                 : filesDefining(Rest, Missing, Opts.Jobs);
    if (Opts.Verbose)
      llvm::errs() << llvm::formatv("mmap-migrate: {0} files define {1} handlers named "
                                    "elsewhere: {2:f2} s\n",
                                    Defining.size(), Missing.size(), Seconds(ParseStart));
    if (!Defining.empty()) {
      if (In->Extend)
        if (llvm::Error E = In->Extend(Defining, *In))
          return E;
      Defining = withCommands(*In->DB, Defining);
      ParsedTus.insert(ParsedTus.end(), Defining.begin(), Defining.end());
      ScanOpts.WantedHandlers = Missing;
      ParseMore(Defining);
    }
  }

  // Handlers that only wait for functions of other files: parse the files
  // that define those functions, for their summaries.
  std::set<std::string> Callees;
  for (const TuResult &R : Results)
    for (const MmapHandler &H : R.Handlers)
      if (H.HasBody)
        for (const std::string &N : calleesWorthSummaries(H))
          Callees.insert(N);
  if (!Callees.empty()) {
    std::vector<std::string> Defining =
        In->Memo ? filesDefiningMemo(*In->Memo, In->Universe, Callees, Opts.Jobs)
                 : filesDefining(In->Universe, Callees, Opts.Jobs);
    if (Opts.Verbose)
      llvm::errs() << llvm::formatv("mmap-migrate: {0} files define {1} functions handlers "
                                    "call: {2:f2} s\n",
                                    Defining.size(), Callees.size(), Seconds(ParseStart));
    if (!Defining.empty()) {
      if (In->Extend)
        if (llvm::Error E = In->Extend(Defining, *In))
          return E;
      Defining = withCommands(*In->DB, Defining);
      std::set<std::string> Seen(ParsedTus.begin(), ParsedTus.end());
      for (const std::string &F : Defining)
        if (Seen.insert(F).second)
          ParsedTus.push_back(F);
      ScanOpts.WantedHandlers.clear();
      ScanOpts.WantedSummaries = Callees;
      ParseMore(Defining);
    }
  }

  for (TuResult &R : In->ReadAsText) {
    Results.push_back(std::move(R));
    Plans.emplace_back();
  }
  ScanOutcome Out;
  Out.Root = In->Root;
  Out.Memo = In->Memo;
  Out.MemoCoversTree = In->MemoCoversTree;
  Out.DB = std::move(In->DB);
  Out.Parsed = std::move(ParsedTus);
  Out.SetupSeconds = Setup;
  Out.ParseSeconds = Seconds(ParseStart);
  Cache.finish();
  Out.CachedTus = Cache.Hits;
  if (Opts.Verbose)
    llvm::errs() << llvm::formatv(
        "mmap-migrate: set-up {0:f1} s, {1} TUs parsed in {2:f1} s ({3} from the cache)\n",
        Out.SetupSeconds, Out.Parsed.size(), Out.ParseSeconds, Out.CachedTus);
  MergeOrigins Origins;
  Out.C = mergeResults(std::move(Results), &Origins);
  Out.Plans = mergePlans(std::move(Plans), Origins);
  for (NotAnalysed &N : In->NotBuilt)
    Out.C.NotAnalysedList.push_back(std::move(N));
  for (NotAnalysed &N : findHalfConversions(Out.C, Out.Root, [&](const std::set<std::string> &W) {
         return filesMentioning(Out, In->TextFiles, W);
       }))
    Out.C.NotAnalysedList.push_back(std::move(N));
  std::sort(Out.C.NotAnalysedList.begin(), Out.C.NotAnalysedList.end(),
            [](const NotAnalysed &A, const NotAnalysed &B) {
              return std::tie(A.File, A.Line, A.Reason) < std::tie(B.File, B.Line, B.Reason);
            });
  return Out;
}

std::string parsedCommandsJson(const ScanOutcome &Out) {
  llvm::json::Array Entries;
  for (const std::string &F : Out.Parsed)
    for (const tooling::CompileCommand &C : Out.DB->getCompileCommands(F)) {
      llvm::json::Array Args;
      for (const std::string &A : C.CommandLine)
        Args.push_back(A);
      Entries.push_back(llvm::json::Object{
          {"directory", C.Directory}, {"file", C.Filename}, {"arguments", std::move(Args)}});
    }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Entries))) << "\n";
  return OS.str();
}

std::vector<std::string> filesMentioning(const ScanOutcome &Out,
                                         const std::vector<std::string> &Files,
                                         const std::set<std::string> &Words) {
  using List = std::vector<std::string>;
  auto Compute = [&] {
    List Found;
    std::vector<char> Hit(Files.size(), 0);
    runInParallel(Files.size(), 2, [&](size_t I) {
      std::string Text;
      if (readSourceText(Files[I], Text))
        Hit[I] = std::any_of(Words.begin(), Words.end(), [&](const std::string &W) {
          return Text.find(W) != std::string::npos;
        });
    });
    for (size_t I = 0; I < Files.size(); ++I)
      if (Hit[I])
        Found.push_back(Files[I]);
    return Found;
  };
  if (!Out.Memo || !Out.MemoCoversTree || Words.empty())
    return Compute();
  return Out.Memo->answer<List>(
      question("mentioning", Words, Files), Compute,
      [](const List &L) { return stringArray(L); }, stringsOf);
}

} // namespace mmapmigrate
