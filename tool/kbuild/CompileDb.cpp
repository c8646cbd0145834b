//===- CompileDb.cpp - Compile commands for kernel trees ------------------===//
//
// Two sources of commands: an existing compile_commands.json, or kbuild's own
// recipes, read from `make -n` in a build dir that we configure in a cache
// folder. kbuild is the only authority on which flags a file gets, so we ask
// it rather than re-deriving flags from Makefiles.
//
//===----------------------------------------------------------------------===//

#include "tool/kbuild/CompileDb.h"
#include "tool/kbuild/KbuildDetail.h"
#include "tool/kbuild/Architectures.h"

#include "tool/support/AtomicFile.h"
#include "tool/support/FileLock.h"
#include "tool/kbuild/KbuildListing.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>


namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace mmapmigrate {
using namespace kbuild;
namespace {

/// Writes the shell script \p Text to \p Path (atomically) and makes it
/// executable: make runs it.
llvm::Error writeScript(const std::string &Path, const std::string &Text) {
  if (llvm::Error E = writeFileAtomically(Path, Text))
    return E;
  if (std::error_code EC = fs::setPermissions(Path, fs::perms(0755)))
    return fail("cannot make " + Path + " executable: " + EC.message());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Object index: which tree sources kbuild compiles in this config, and as
// which make target.
//===----------------------------------------------------------------------===//

/// What the listing's C compile rule prints instead of its command, before
/// the object and the source.
constexpr const char *IndexMark = "mmap-migrate-index";
/// The listing's line for a wanted object's missing prerequisites.
constexpr const char *NeedsMark = "mmap-migrate-needs";
/// The make variable naming the sources whose commands the listing prints.
constexpr const char *WantVar = "MMAP_MIGRATE_WANT";

bool isGeneratedSource(llvm::StringRef P) {
  return P.ends_with(".h") || P.ends_with(".c");
}

/// Calls \p Fn with each (object, source) pair the listing printed.
void forEachIndexPair(llvm::StringRef Out,
                      llvm::function_ref<void(llvm::StringRef, llvm::StringRef)> Fn) {
  std::string Mark = std::string(": ") + IndexMark + " ";
  for (size_t At = Out.find(Mark); At != llvm::StringRef::npos; At = Out.find(Mark, At + 1)) {
    if (At > 0 && Out[At - 1] != '\n')
      continue;
    llvm::StringRef Line = Out.substr(At + Mark.size()).split('\n').first.trim();
    // kbuild refuses trees whose path has spaces, so two words (then, for a
    // wanted object, `; ` and more commands).
    auto [Target, Rest] = Line.split(' ');
    llvm::StringRef Src = Rest.take_until([](char C) { return C == ' ' || C == ';'; });
    if (!Target.empty() && !Src.empty())
      Fn(Target, Src);
  }
}

/// Source (relative to the tree) -> the kbuild target that compiles it, for
/// the sources a listing has settled.
///
/// `make dir/x.o` compiles any .c it is pointed at, configured or not, and a
/// file in a directory the config does not enable is compiled from the
/// nearest enabled parent with that parent's flags. Some files are compiled
/// under a different name (virt/kvm/kvm_main.c is
/// arch/x86/kvm/../../../virt/kvm/kvm_main.o). Only a dry run of the build
/// knows. The dry run visits only the directories that can compile the
/// sources asked about (KbuildListing.h); later calls visit more as needed.
struct ObjectIndex {
  llvm::StringMap<std::string> Objects;
  std::optional<std::set<std::string>> Listed; ///< None: the whole build.

  bool settles(llvm::StringRef Rel) const { return !Listed || listingSettles(*Listed, Rel); }

  /// Adds a listing's (object, source) pairs.
  void add(llvm::StringRef Out, llvm::StringRef BuildDir, llvm::StringRef TreeReal) {
    forEachIndexPair(Out, [&](llvm::StringRef Target, llvm::StringRef Src) {
      std::string Rel = relativeToTree(sourceOf(Src, BuildDir, TreeReal), TreeReal);
      if (Rel.empty() || !isCSource(Rel))
        return;
      // A file compiled twice (vdso32 and vdso64, say): keep its natural
      // object name if there is one.
      std::string Natural = Rel.substr(0, Rel.size() - 2) + ".o";
      auto [It, New] = Objects.try_emplace(Rel, Target.str());
      if (!New && Target == Natural)
        It->second = Target.str();
    });
  }

  static ObjectIndex load(llvm::StringRef BuildDir) {
    ObjectIndex I;
    std::string Text = slurp(inDir(BuildDir, IndexName));
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    llvm::StringRef(Text).split(Lines, '\n', -1, false);
    for (llvm::StringRef L : Lines) {
      auto [Src, Target] = L.split('\t');
      if (!Src.empty() && !Target.empty())
        I.Objects[Src] = Target.str();
    }
    std::string ListedPath = inDir(BuildDir, ListedName);
    if (fs::exists(ListedPath)) {
      std::string Dirs = slurp(ListedPath);
      Lines.clear();
      llvm::StringRef(Dirs).split(Lines, '\n', -1, false);
      I.Listed.emplace();
      for (llvm::StringRef D : Lines)
        I.Listed->insert(D.str());
    }
    return I;
  }

  llvm::Error save(llvm::StringRef BuildDir) const {
    std::vector<std::string> Keys;
    for (const auto &E : Objects)
      Keys.push_back(E.getKey().str());
    llvm::sort(Keys);
    std::string Tsv;
    for (const std::string &K : Keys)
      Tsv += K + "\t" + Objects.lookup(K) + "\n";
    // The index first: a listed-dirs file never claims more than it holds.
    if (llvm::Error E = writeFileAtomically(inDir(BuildDir, IndexName), Tsv))
      return E;
    std::string ListedPath = inDir(BuildDir, ListedName);
    if (!Listed)
      return fs::exists(ListedPath) ? llvm::errorCodeToError(fs::remove(ListedPath))
                                    : llvm::Error::success();
    std::string Dirs;
    for (const std::string &D : *Listed)
      Dirs += D + "\n";
    return writeFileAtomically(ListedPath, Dirs);
  }
};

/// What a listing printed for the sources it was asked to print commands
/// for: the command of each, and the generated files its object needs that
/// do not exist yet.
struct ListedCommands {
  llvm::StringMap<CachedCommand> ByRel;                       ///< Source -> command.
  std::vector<std::pair<std::string, std::string>> NeedBuild; ///< Target, file.
};

/// The make argument naming \p Want (sources relative to the tree) for the
/// listing's compile rule to print in full, as `%/REL` patterns that match
/// kbuild's `$<` (made absolute, which also folds the `dir/../` of objects
/// built from another directory) however it spells the tree; "" when there
/// are none or so many that sub-makes' MAKEFLAGS would outgrow one
/// environment string.
std::string wantedSourcesArg(llvm::ArrayRef<std::string> Want) {
  std::string Arg = std::string(WantVar) + "=";
  for (const std::string &W : Want)
    Arg += "%/" + W + " ";
  constexpr size_t MaxArg = 64 * 1024; // Linux: 128 KiB per string.
  return Want.empty() || Arg.size() > MaxArg ? "" : Arg;
}

/// Reads the commands and missing prerequisites a listing printed for
/// \p WantedTargets (object -> source relative to the tree).
void readListedCommands(llvm::StringRef Out, llvm::StringRef BuildDir, llvm::StringRef TreeReal,
                        const llvm::StringMap<std::string> &WantedTargets,
                        ListedCommands &Got) {
  forEachSimpleCommand(Out, [&](llvm::ArrayRef<ShellWord> Words) {
    std::vector<std::string> Argv = commandArgv(Words);
    if (Argv.size() >= 3 && Argv[0] == ":" && Argv[1] == NeedsMark) {
      if (WantedTargets.count(Argv[2]))
        for (size_t I = 3; I < Argv.size(); ++I)
          if (isGeneratedSource(Argv[I]))
            Got.NeedBuild.push_back({Argv[2], Argv[I]});
      return;
    }
    if (std::optional<CompileCommand> C = asCompile(std::move(Argv), BuildDir, TreeReal)) {
      auto It = WantedTargets.find(C->Output);
      if (It != WantedTargets.end())
        Got.ByRel[It->second] = {C->Output, std::move(C->CommandLine)};
    }
  });
}

/// Runs kbuild's listing (`make -n all`) in \p BuildDir, visiting only
/// \p Dirs (everything if the pruning script cannot name them), and adds
/// what it prints to \p Index. For the sources of \p Want it compiles, it
/// also prints their commands into \p Got: a separate `make -n` for them
/// would start make in the same directories again.
llvm::Error runListing(const KernelDbOptions &Opts, llvm::StringRef TreeReal,
                       llvm::StringRef BuildDir, const std::set<std::string> &Dirs,
                       llvm::ArrayRef<std::string> Want, ObjectIndex &Index,
                       ListedCommands &Got) {
  auto Start = std::chrono::steady_clock::now();
  std::string Out = logPath(BuildDir, "index-dry-run.out");
  std::string Log = logPath(BuildDir, "index-dry-run.log");
  std::vector<std::string> Args = kbuildArgs(Opts, TreeReal, BuildDir);
  // Under -j, sub-makes write into each other's lines, even with
  // -Otarget (3 of 24.5k allmodconfig commands came out cut); -Orecurse
  // keeps each sub-make's output whole. The C compile rule prints the
  // pair instead of its command: expanding kbuild's 8 KB command lines for
  // every object was half of the listing's time. For a wanted source it
  // prints its command too, after the prerequisites that do not exist
  // yet (generated headers; FORCE is kbuild's always-run marker).
  std::string WantArg = wantedSourcesArg(Want);
  Args.insert(Args.end(),
              {"-k", "-n", "-j" + std::to_string(std::max(Opts.Jobs, 1u)), "-Orecurse",
               std::string("if_changed_rule=$(if $(filter cc_o_c,$(1)),: ") + IndexMark +
                   " $@ $<" +
                   (WantArg.empty() ? std::string()
                                    : std::string("$(if $(filter $(") + WantVar +
                                          "),$(abspath $<)),; : " + NeedsMark +
                                          " $@ $(filter-out FORCE $(wildcard $^),$^); "
                                          "$(cmd_cc_o_c))") +
                   ",@:)"});
  if (!WantArg.empty())
    Args.push_back(WantArg);
  llvm::ErrorOr<std::string> Make = llvm::sys::findProgramByName("make");
  std::string Script = Make ? pruningMakeScript(Dirs, *Make) : "";
  if (!Script.empty()) {
    std::string ScriptPath = inDir(stateDirOf(BuildDir), "listing-make.sh");
    if (llvm::Error E = writeScript(ScriptPath, Script))
      return E;
    Args.push_back("MAKE=" + ScriptPath);
  }
  Args.push_back("all");
  Opts.Log.note("listing what kbuild compiles in " + Opts.Config +
                         (Script.empty() ? std::string(" (make -n all)")
                                         : llvm::formatv(" (make -n all, {0} directories)",
                                                         Dirs.size())
                                               .str()));
  llvm::Expected<int> RC = runMake(Args, Out, Log);
  if (!RC)
    return RC.takeError();
  // `make -k -n all` always fails at vmlinux.o (it needs vmlinux.a, which
  // a dry run never makes), so the exit status says nothing; the output
  // does.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Out, false, false);
  if (!Buf)
    return fail("cannot read " + Out + ": " + Buf.getError().message());
  size_t Before = Index.Objects.size();
  Index.add((*Buf)->getBuffer(), BuildDir, TreeReal);
  if (!WantArg.empty()) {
    llvm::StringMap<std::string> WantedTargets; // Object -> source.
    for (const std::string &W : Want) {
      auto It = Index.Objects.find(W);
      if (It != Index.Objects.end())
        WantedTargets[It->second] = W;
    }
    readListedCommands((*Buf)->getBuffer(), BuildDir, TreeReal, WantedTargets, Got);
  }
  (void)fs::remove(Out);
  if (Index.Objects.empty())
    return fail("make -n all printed no compile commands; see " + Log);
  if (Script.empty())
    Index.Listed.reset();
  else if (Index.Listed)
    Index.Listed->insert(Dirs.begin(), Dirs.end());
  Opts.Log.note(llvm::formatv("kbuild compiles {0} more tree sources; listing took {1:f1} s",
                                   Index.Objects.size() - Before, secondsSince(Start)));
  return llvm::Error::success();
}

/// The object index of \p BuildDir, extended by a listing when it does not
/// yet settle every source in \p Rels (relative to the tree); that listing
/// prints into \p Got the commands of those it visits.
llvm::Expected<ObjectIndex> loadOrExtendIndex(const KernelDbOptions &Opts,
                                              llvm::StringRef TreeReal, llvm::StringRef BuildDir,
                                              llvm::ArrayRef<std::string> Rels,
                                              ListedCommands &Got) {
  bool Exists = fs::exists(inDir(BuildDir, IndexName));
  ObjectIndex Index;
  if (Exists)
    Index = ObjectIndex::load(BuildDir);
  else
    Index.Listed.emplace();
  std::vector<std::string> Unsettled, Visit;
  for (const std::string &R : Rels) {
    if (!Index.settles(R)) {
      Unsettled.push_back(R);
      Visit.push_back(R);
      continue;
    }
    // Known already, but the listing may as well print its command: that
    // is one directory more for it, where make -n would start make again.
    auto It = Index.Objects.find(R);
    if (It != Index.Objects.end() && !llvm::StringRef(It->second).contains(".."))
      Visit.push_back(It->second);
  }
  if (!Unsettled.empty()) {
    // A directory that builds elsewhere and was listed before has printed
    // all its objects already.
    std::set<std::string> Elsewhere = dirsBuildingElsewhere(TreeReal);
    if (Index.Listed)
      for (const std::string &D : *Index.Listed)
        Elsewhere.erase(D);
    std::set<std::string> Dirs = dirsToList(Visit, Elsewhere);
    if (llvm::Error E = runListing(Opts, TreeReal, BuildDir, Dirs, Rels, Index, Got))
      return E;
    if (llvm::Error E = Index.save(BuildDir))
      return E;
  } else if (Exists && Index.Objects.empty()) {
    return fail("empty object index " + inDir(BuildDir, IndexName) + "; delete it to redo");
  }
  return Index;
}

} // namespace

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

bool kernelBuildDirPrepared(const KernelDbOptions &Opts) {
  BuildDirPlace P = buildDirPlace(Opts);
  return slurp(P.Stamp) == P.Identity && isFile(inDir(P.Build, ".config"));
}

bool isKernelTree(llvm::StringRef Dir) {
  return isFile(inDir(Dir, "Makefile")) && isFile(inDir(Dir, "Kconfig")) &&
         isDir(inDir(Dir, "include/linux")) && isDir(inDir(Dir, "scripts"));
}

std::string defaultCacheRoot() {
  if (const char *C = std::getenv("MMAP_MIGRATE_CACHE"); C && *C)
    return C;
  if (const char *X = std::getenv("XDG_CACHE_HOME"); X && *X)
    return inDir(X, "mmap-migrate");
  llvm::SmallString<256> Home;
  if (!path::home_directory(Home)) {
    // No home: a per-machine temp location still beats failing.
    path::system_temp_directory(/*erasedOnReboot=*/false, Home);
    return inDir(Home, "mmap-migrate");
  }
  path::append(Home, ".cache", "mmap-migrate");
  return std::string(Home);
}

namespace {

/// Where the whole line \p Line stands in the .config text \p Text.
size_t configLine(const std::string &Text, llvm::StringRef Line) {
  return ("\n" + Text).find(("\n" + Line + "\n").str());
}

/// Sets CONFIG_WERROR=n in \p Build's .config; true if it was on (the
/// config then needs olddefconfig).
llvm::Expected<bool> turnOffWerror(const std::string &Build) {
  std::string Path = inDir(Build, ".config");
  std::string Text = slurp(Path);
  size_t At = configLine(Text, "CONFIG_WERROR=y");
  if (At == std::string::npos)
    return false;
  Text.replace(At, sizeof("CONFIG_WERROR=y") - 1, "# CONFIG_WERROR is not set");
  if (llvm::Error E = writeFileAtomically(Path, Text))
    return E;
  return true;
}

} // namespace

llvm::Expected<std::string> prepareKernelBuildDir(const KernelDbOptions &Opts) {
  if (!isKernelTree(Opts.Tree))
    return fail(Opts.Tree + " is not a Linux kernel tree (expected Makefile, "
                            "Kconfig, include/linux and scripts/)");
  // kbuild refuses O= builds from a configured tree.
  if (fs::exists(inDir(Opts.Tree, ".config")) ||
      fs::exists(inDir(Opts.Tree, "include/config")))
    return fail(Opts.Tree + " has been configured in place (.config); "
                            "kbuild needs a clean tree for O= builds, so run "
                            "'make mrproper' there or use -p BUILD_DIR");
  std::string TreeReal = realPathOr(Opts.Tree, Opts.Tree);
  // A config given as a file is copied in and completed with olddefconfig;
  // anything else is a make target such as allmodconfig or defconfig.
  bool ConfigIsFile = isFile(Opts.Config);
  BuildDirPlace P = buildDirPlace(Opts);
  const std::string &State = P.State, &Build = P.Build, &Stamp = P.Stamp,
                    &Identity = P.Identity;
  if (std::error_code EC = fs::create_directories(Build))
    return fail("cannot create " + Build + ": " + EC.message());
  // Two runs must not configure or extend one build dir at once.
  auto Lock = FileLock::lockFile(inDir(State, "lock"), "the kernel build dir", Opts.Log);
  if (!Lock)
    return Lock.takeError();

  if (const ParseOnlyArch *A = parseOnlyArch(Opts.Arch)) {
    // Every make step and the later listing run it; a cache copied from
    // elsewhere may lack it.
    std::string Wrapper = compilerWrapperPath(Build);
    // LLVM=<suffix> runs clang<suffix>.
    std::string Script = compilerWrapperScript(*A, "clang" + Opts.LlvmSuffix);
    if (slurp(Wrapper) != Script)
      if (llvm::Error E = writeScript(Wrapper, Script))
        return E;
  }
  if (slurp(Stamp) == Identity && isFile(inDir(Build, ".config")))
    return Build;
  // No stamp or a stale one: a previous attempt died midway or never ran.
  // make is incremental, so simply running both steps again finishes it.
  (void)fs::remove(Stamp);
  removeListings(Build);

  std::string Log = logPath(Build, "prepare.log");
  std::vector<std::string> Config = kbuildArgs(Opts, TreeReal, Build);
  if (ConfigIsFile) {
    if (std::error_code EC =
            fs::copy_file(Opts.Config, inDir(Build, ".config")))
      return fail("cannot copy " + Opts.Config + ": " + EC.message());
    Config.push_back("olddefconfig");
  } else {
    if (Opts.NoMmu) {
      // An all*config target takes the symbols it must not flip from
      // KCONFIG_ALLCONFIG; on an architecture that lets MMU be chosen.
      std::string Fragment = inDir(State, "nommu.config");
      if (llvm::Error E = writeFileAtomically(Fragment, "# CONFIG_MMU is not set\n"))
        return E;
      Config.push_back("KCONFIG_ALLCONFIG=" + Fragment);
    }
    Config.push_back(Opts.Config);
  }
  auto Start = std::chrono::steady_clock::now();
  Opts.Log.note("configuring " + TreeReal + " (" + Opts.Config + ") in " +
                         Build + "; log: " + Log);
  llvm::Expected<int> RC = runMake(Config, Log, Log);
  if (!RC)
    return RC.takeError();
  // A build dir that a crash or a hand garbled can fail the config step for
  // good: such a dir is made again from nothing, once.
  if (*RC != 0 && !ConfigIsFile) {
    Opts.Log.note(llvm::formatv("make {0} failed (exit {1}) in {2}: the build dir may be "
                                "damaged; making it again from nothing",
                                Config.back(), *RC, Build));
    if (std::error_code EC = fs::remove_directories(Build))
      return fail("cannot remove the damaged build dir " + Build + ": " + EC.message());
    if (std::error_code EC = fs::create_directories(Build))
      return fail("cannot create " + Build + ": " + EC.message());
    RC = runMake(Config, Log, Log);
    if (!RC)
      return RC.takeError();
  }
  if (*RC != 0)
    return fail(llvm::formatv("make {0} failed (exit {1}); see {2}",
                              Config.back(), *RC, Log)
                    .str());
  // kbuild's -Werror is not the analysis's (FlagCleanup drops it from the
  // parses), but with it prepare stops on clang's warnings: s390
  // allmodconfig does in asm-offsets. Off in our build dir, never the tree.
  if (llvm::Expected<bool> Off = turnOffWerror(Build); !Off) {
    return Off.takeError();
  } else if (*Off) {
    std::vector<std::string> Again = kbuildArgs(Opts, TreeReal, Build);
    Again.push_back("olddefconfig");
    RC = runMake(Again, Log, Log);
    if (!RC)
      return RC.takeError();
    if (*RC != 0)
      return fail(llvm::formatv("make olddefconfig (CONFIG_WERROR off) failed (exit {0}); "
                                "see {1}",
                                *RC, Log)
                      .str());
  }
  if (Opts.NoMmu &&
      configLine(slurp(inDir(Build, ".config")), "# CONFIG_MMU is not set") == std::string::npos)
    return fail("CONFIG_MMU cannot be turned off for ARCH=" + Opts.Arch + " (" + Opts.Config +
                ")");
  double ConfigSecs = secondsSince(Start);

  std::vector<std::string> Prepare = kbuildArgs(Opts, TreeReal, Build);
  Prepare.push_back("-j" + std::to_string(std::max(Opts.Jobs, 1u)));
  Prepare.push_back("prepare");
  std::string PrepLog = logPath(Build, "prepare-make.log");
  Start = std::chrono::steady_clock::now();
  RC = runMake(Prepare, PrepLog, PrepLog);
  if (!RC)
    return RC.takeError();
  if (*RC != 0)
    return fail(
        llvm::formatv("make prepare failed (exit {0}); see {1}", *RC, PrepLog)
            .str());
  Opts.Log.note(llvm::formatv("{0} took {1:f1} s, prepare {2:f1} s", Config.back(),
                     ConfigSecs, secondsSince(Start)));
  if (llvm::Error E = writeFileAtomically(Stamp, Identity))
    return E;
  return Build;
}

namespace {

/// One source asked for, and what is known of it so far.
struct SourceVerdict {
  std::string Given, Rel;
  std::string NotBuiltWhy; ///< Non-empty: not built, and why.
  bool AskIndex = false;
};

/// What the tree and the command cache alone tell of each source; the rest
/// (\p ToLookUp) is for the object index.
std::vector<SourceVerdict> sortSources(llvm::ArrayRef<std::string> Sources,
                                       const KernelDbOptions &Opts, llvm::StringRef TreeReal,
                                       const llvm::StringMap<CachedCommand> &Cache,
                                       std::vector<std::string> &ToLookUp) {
  std::vector<SourceVerdict> Verdicts;
  for (const std::string &Src : Sources) {
    SourceVerdict V{Src, requestedRel(Src, Opts.Tree, TreeReal), "", false};
    if (V.Rel.empty() || V.Rel.rfind("../", 0) == 0) {
      V.NotBuiltWhy = "not inside the kernel tree";
    } else if (!Cache.count(V.Rel)) {
      if (!isFile(inDir(TreeReal, V.Rel)))
        V.NotBuiltWhy = "no such file in the tree";
      else if (!isCSource(V.Rel))
        V.NotBuiltWhy = "not a .c file";
      else
        ToLookUp.push_back(V.Rel);
      V.AskIndex = V.NotBuiltWhy.empty();
    }
    Verdicts.push_back(std::move(V));
  }
  return Verdicts;
}

/// The work of one kernelCompileCommands call: the per-source commands as
/// they are found, and what could not be had.
struct CommandWork {
  llvm::StringMap<CachedCommand> Cache;
  llvm::StringMap<std::string> Queued; ///< Rel -> make target, for make -n.
  std::vector<std::string> QueueOrder;
  llvm::StringMap<std::string> Failures;                       ///< Rel -> reason.
  std::vector<std::pair<std::string, std::string>> NeedBuild; ///< target, file
};

/// The commands of one make -n batch's output (\p Out, its stderr in
/// \p Log) into \p W: a compile command per target; a generated file an
/// object needs that is missing goes to NeedBuild; an up-to-date object's
/// command comes from kbuild's .cmd file; what is still missing fails, with
/// make's reason when it gave one.
void readDryRunBatch(llvm::ArrayRef<std::string> Batch, const std::string &Out,
                     const std::string &Log, llvm::StringRef BuildDir, llvm::StringRef TreeReal,
                     CommandWork &W) {
  llvm::StringMap<std::string> ByTarget; // target -> Rel
  for (const std::string &Rel : Batch)
    ByTarget[W.Queued[Rel]] = Rel;
  llvm::StringSet<> Got;
  scanDryRun(slurp(Out), BuildDir, TreeReal, [&](DryRunEntry &&E) {
    auto T = ByTarget.find(E.Cmd.Output);
    if (T == ByTarget.end())
      return; // Host tools, asm-offsets and the like.
    const std::string &Rel = T->second;
    W.Cache[Rel] = {E.Cmd.Output, std::move(E.Cmd.CommandLine)};
    Got.insert(Rel);
    // A generated header or source this object needs that does not exist
    // yet: prepare does not make per-directory files such as
    // security/selinux/flask.h or drm/xe/generated/xe_wa_oob.h.
    for (const std::string &Step : E.Steps)
      if (isGeneratedSource(Step) && !fs::exists(absoluteIn(BuildDir, Step))) {
        W.NeedBuild.push_back({E.Cmd.Output, Step});
        break;
      }
  });
  // Why make gave nothing for a target, if it said.
  llvm::SmallVector<llvm::StringRef, 0> ErrLines;
  std::string ErrText = slurp(Log);
  llvm::StringRef(ErrText).split(ErrLines, '\n', -1, false);
  for (llvm::StringRef L : ErrLines) {
    size_t P = L.find("No rule to make target '");
    if (P == llvm::StringRef::npos)
      continue;
    llvm::StringRef T = L.substr(P + strlen("No rule to make target '")).split('\'').first;
    auto It = ByTarget.find(T);
    if (It != ByTarget.end())
      W.Failures[It->second] = "kbuild: no rule to make target " + T.str();
  }
  for (const std::string &Rel : Batch) {
    if (Got.contains(Rel) || W.Failures.count(Rel))
      continue;
    // make -n prints nothing for an up-to-date object; kbuild recorded
    // the command it used next to it.
    if (std::optional<std::vector<std::string>> Saved = savedCommand(BuildDir, W.Queued[Rel])) {
      W.Cache[Rel] = {W.Queued[Rel], std::move(*Saved)};
      continue;
    }
    W.Failures[Rel] = "make -n printed no compile command for " + W.Queued[Rel] + " (see " +
                      Log + ")";
  }
}

/// What the listing did not print: one serial make -n per batch, serial
/// so that what make would generate for an object is printed right before
/// that object's compile command. The batches run one after the other: two
/// at once lost some of kbuild's compiler probes (cc-option, cc-param) in
/// one or the other, every time, so the same tree got different flags per
/// batch; one make at a time never did.
llvm::Error dryRunQueued(const KernelDbOptions &Opts, llvm::StringRef TreeReal,
                         llvm::StringRef BuildDir, CommandWork &W) {
  const size_t N = W.QueueOrder.size();
  constexpr size_t MaxBatch = 1000; // argv far below ARG_MAX.
  size_t Batches = (N + MaxBatch - 1) / MaxBatch;
  size_t Per = Batches ? (N + Batches - 1) / Batches : 0;
  auto BatchOf = [&](size_t K) {
    return llvm::ArrayRef(W.QueueOrder).slice(K * Per, std::min(Per, N - K * Per));
  };
  struct DryRun {
    std::string Out, Log;
  };
  std::vector<DryRun> Runs(Batches);
  auto DryStart = std::chrono::steady_clock::now();
  for (size_t K = 0; K < Batches; ++K) {
    std::vector<std::string> Args = kbuildArgs(Opts, TreeReal, BuildDir);
    Args.insert(Args.end(), {"-k", "-n"});
    for (const std::string &Rel : BatchOf(K))
      Args.push_back(W.Queued.find(Rel)->second);
    std::string Suffix = Batches > 1 ? "-" + std::to_string(K + 1) : "";
    Runs[K].Out = logPath(BuildDir, "dry-run" + Suffix + ".out");
    Runs[K].Log = logPath(BuildDir, "dry-run" + Suffix + ".log");
    llvm::Expected<int> RC = runMake(Args, Runs[K].Out, Runs[K].Log);
    if (!RC)
      return RC.takeError();
  }
  if (Batches)
    Opts.Log.note(llvm::formatv("make -n for {0} objects the listing did not print took "
                                "{1:f1} s",
                                N, secondsSince(DryStart)));
  for (size_t K = 0; K < Batches; ++K)
    readDryRunBatch(BatchOf(K), Runs[K].Out, Runs[K].Log, BuildDir, TreeReal, W);
  return llvm::Error::success();
}

/// Making the object is the one way to make kbuild generate its
/// prerequisites; a header target alone is not a goal kbuild accepts. The
/// object itself is not needed: its compile rule does nothing here (half
/// of this step's time); other rules run, out of date or not.
llvm::Error generateMissing(const KernelDbOptions &Opts, llvm::StringRef TreeReal,
                            llvm::StringRef BuildDir,
                            const std::vector<std::pair<std::string, std::string>> &NeedBuild) {
  std::vector<std::string> Args = kbuildArgs(Opts, TreeReal, BuildDir);
  Args.insert(Args.end(), {"-k", "-j" + std::to_string(std::max(Opts.Jobs, 1u)),
                           "if_changed_rule=$(if $(filter cc_o_c,$(1)),@:,$(rule_$(1)))"});
  llvm::StringSet<> Seen;
  for (const auto &[Target, File] : NeedBuild)
    if (Seen.insert(Target).second)
      Args.push_back(Target);
  std::string Log = logPath(BuildDir, "generate.log");
  auto Start = std::chrono::steady_clock::now();
  Opts.Log.note(llvm::formatv("generating the headers {0} objects need; log: {1}", Seen.size(),
                              Log));
  llvm::Expected<int> RC = runMake(Args, Log, Log);
  if (!RC)
    return RC.takeError();
  Opts.Log.note(llvm::formatv("that took {0:f1} s", secondsSince(Start)));
  for (const auto &[Target, File] : NeedBuild)
    if (!fs::exists(absoluteIn(BuildDir, File)))
      Opts.Log.say("warning: " + File + " is still missing after building " + Target + "; see " +
                   Log);
  return llvm::Error::success();
}

} // namespace

// How: the object index (one `make -n all`, cached) says whether and as which
// target kbuild compiles each source; one serial `make -k -n` per batch of
// uncached targets prints their commands; `.x.o.cmd` covers objects make
// considers up to date. Commands come back cleaned (cleanKernelFlags).
llvm::Expected<std::vector<CompileCommand>> kernelCompileCommands(
    const KernelDbOptions &Opts, llvm::StringRef BuildDir,
    llvm::ArrayRef<std::string> Sources,
    std::vector<std::pair<std::string, std::string>> &NotBuilt) {
  if (!isKernelTree(Opts.Tree))
    return fail(Opts.Tree + " is not a Linux kernel tree");
  if (!isFile(inDir(BuildDir, ".config")))
    return fail(BuildDir + " is not a configured kernel build dir (no "
                           ".config)");
  std::string TreeReal = realPathOr(Opts.Tree, Opts.Tree);
  auto Lock =
      FileLock::lockFile(inDir(stateDirOf(BuildDir), "lock"), "the kernel build dir", Opts.Log);
  if (!Lock)
    return Lock.takeError();
  dropListingsOfAnotherConfig(BuildDir, Opts.Log);

  CommandWork W;
  W.Cache = loadCommandCache(BuildDir, Opts.Log);
  // Decide per source: cached, not buildable, or to ask make about. The
  // object index answers for all sources at once (one listing settles them
  // all), so first sort out what the tree alone tells.
  std::vector<std::string> ToLookUp;
  std::vector<SourceVerdict> Verdicts = sortSources(Sources, Opts, TreeReal, W.Cache, ToLookUp);
  std::optional<ObjectIndex> Index;
  ListedCommands Listed;
  if (!ToLookUp.empty()) {
    llvm::Expected<ObjectIndex> I =
        loadOrExtendIndex(Opts, TreeReal, BuildDir, ToLookUp, Listed);
    if (!I)
      return I.takeError();
    Index = std::move(*I);
  }
  // What the listing printed needs no make -n of its own.
  llvm::StringSet<> FromListing;
  for (auto &[Rel, Cmd] : Listed.ByRel) {
    auto It = Index->Objects.find(Rel);
    if (It == Index->Objects.end() || It->second != Cmd.Output)
      continue; // Another object of the same source (vdso32 and vdso64).
    W.Cache[Rel] = std::move(Cmd);
    FromListing.insert(Rel);
  }
  std::vector<const SourceVerdict *> Requests;
  for (SourceVerdict &V : Verdicts) {
    if (V.AskIndex && !W.Queued.count(V.Rel) && !FromListing.contains(V.Rel)) {
      auto It = Index->Objects.find(V.Rel);
      if (It == Index->Objects.end()) {
        V.NotBuiltWhy = "kbuild does not compile it in this config "
                        "(not selected, directory not enabled, or "
                        "#included by another .c)";
      } else {
        W.Queued[V.Rel] = It->second;
        W.QueueOrder.push_back(V.Rel);
      }
    }
    if (!V.NotBuiltWhy.empty())
      NotBuilt.push_back({V.Given, V.NotBuiltWhy});
    else
      Requests.push_back(&V);
  }

  // One object per missing file: building it generates the file for all.
  llvm::StringSet<> Missing;
  for (auto &[Target, File] : Listed.NeedBuild)
    if (Missing.insert(File).second && !fs::exists(absoluteIn(BuildDir, File)))
      W.NeedBuild.push_back({Target, File});
  if (llvm::Error E = dryRunQueued(Opts, TreeReal, BuildDir, W))
    return E;
  if (!W.NeedBuild.empty())
    if (llvm::Error E = generateMissing(Opts, TreeReal, BuildDir, W.NeedBuild))
      return E;
  if (!W.QueueOrder.empty() || !FromListing.empty())
    if (llvm::Error E = saveCommandCache(BuildDir, W.Cache))
      return E;

  std::vector<CompileCommand> Result;
  llvm::StringSet<> Emitted;
  for (const SourceVerdict *R : Requests) {
    if (!Emitted.insert(R->Rel).second)
      continue;
    auto F = W.Failures.find(R->Rel);
    if (F != W.Failures.end()) {
      NotBuilt.push_back({R->Given, F->second});
      continue;
    }
    auto C = W.Cache.find(R->Rel);
    if (C == W.Cache.end())
      continue; // Cannot happen: every request was cached or failed.
    // The cache keeps kbuild's own command (handy when debugging); callers
    // get the cleaned one, ready for a plain makeCommandListDb.
    Result.emplace_back(BuildDir, inDir(TreeReal, R->Rel),
                        cleanKernelFlags(C->second.Args, BuildDir), C->second.Output);
  }
  return Result;
}

} // namespace mmapmigrate
