//===- ScanInputs.cpp - What to parse, with which commands ----------------===//
#include "tool/driver/ScanInputs.h"
#include "tool/kbuild/Architectures.h"
#include "matchers/core/SourceText.h"
#include "tool/driver/TextQuestions.h"
#include "tool/kbuild/CompileDb.h"
#include "tool/kbuild/StandIn.h"
#include "tool/support/Timing.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <set>
#include <thread>

using namespace clang;

namespace mmapmigrate {

namespace {

bool underAny(llvm::StringRef File, const std::vector<std::string> &Dirs) {
  if (Dirs.empty())
    return true;
  for (const std::string &D : Dirs)
    if (isUnder(File, D))
      return true;
  return false;
}

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

/// Takes the text pass's picks into \p In: the files it settled or could
/// not read, and the counts of where the \p Asked files went. Returns the
/// files to parse.
std::vector<std::string> takeTextPicks(TextPicks Picks, size_t Asked, Inputs &In) {
  In.ReadAsText = std::move(Picks.ByText);
  In.Counts.Asked = Asked;
  In.Counts.ReadAsText = In.ReadAsText.size();
  In.Counts.NoMmapMember = Picks.NoMmapMember;
  In.Counts.NotAnalysed += Picks.Unread.size();
  for (NotAnalysed &N : Picks.Unread)
    In.NotAnalysedInputs.push_back(std::move(N));
  return std::move(Picks.Parse);
}

} // namespace

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

std::string reuseDir(const ScanOptions &Opts) {
  if (Opts.NoCache)
    return "";
  return Opts.CacheRoot.empty() ? defaultCacheRoot() : Opts.CacheRoot;
}

std::vector<std::string> withCommands(const tooling::CompilationDatabase &DB,
                                      const std::vector<std::string> &Files) {
  std::vector<std::string> Out;
  for (const std::string &F : Files)
    if (!DB.getCompileCommands(F).empty())
      Out.push_back(F);
  return Out;
}

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
    if (!llvm::is_contained(In.FirstPass, P))
      In.FirstPass.push_back(P);
  }
  In.Counts.Asked = In.Counts.Parsed = In.FirstPass.size();
  In.Universe = In.FirstPass;
  In.TextFiles = In.FirstPass;
  In.Root = Opts.Root.empty() ? std::string(Cwd) : realPath(Opts.Root);
  return In;
}

std::string rootForBuildDir(llvm::StringRef BuildDir) {
  llvm::SmallString<256> Source(BuildDir);
  llvm::sys::path::append(Source, "source");
  if (isKernelTree(Source))
    return realPath(Source);
  if (isKernelTree(BuildDir))
    return realPath(BuildDir);
  return "";
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
  // A directory that holds no file of the database would ask for nothing.
  for (const std::string &P : Paths)
    if (!Named.count(P) && llvm::none_of(All, [&](const std::string &F) { return isUnder(F, P); }))
      return usageError("no file of " + BuildDir + "/compile_commands.json is under " + P);
  std::vector<std::string> Sources = headersFor(*In.DB, In.Root);
  Sources.insert(Sources.end(), All.begin(), All.end());
  std::sort(Sources.begin(), Sources.end());
  Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());
  In.Memo = std::make_shared<TextPassMemo>(reuseDir(Opts), In.Root, Sources, Opts.Log);
  In.TextFiles = Sources;
  std::set<std::string> Macros = fopsMacrosMemo(*In.Memo, Sources, Opts.Jobs);
  std::vector<std::string> Filtered;
  for (const std::string &F : Wanted)
    if (!Named.count(F))
      Filtered.push_back(F);
  std::vector<std::string> Kept = takeTextPicks(
      prefilterMemo(
          *In.Memo, Filtered, Macros,
          [&] { return slotListsMemo(*In.Memo, Sources, Macros, Opts.Jobs); }, Opts.Jobs,
          /*SettleByText=*/!Opts.ParseAll),
      Wanted.size(), In);
  std::set<std::string> Keep(Kept.begin(), Kept.end());
  for (const std::string &F : Wanted)
    if (Named.count(F) || Keep.count(F))
      In.FirstPass.push_back(F);
  In.Universe = All;
  In.Counts.Parsed = In.FirstPass.size();
  return In;
}

namespace {

/// One build dir per architecture of --arch.
struct ArchDir {
  std::string Name; ///< As --arch spells it: "riscv-nommu" is riscv with CONFIG_MMU off.
  KernelDbOptions Kopts;
  std::string BuildDir;
  std::string Failed; ///< Why set-up failed ("" when it did not).
};

/// --arch as build-dir options, in the order given: a file is analysed
/// with the first one that builds it.
llvm::Expected<std::vector<ArchDir>> archDirs(const ScanOptions &Opts, const std::string &Tree,
                                              unsigned Jobs) {
  std::vector<ArchDir> Arches;
  llvm::SmallVector<llvm::StringRef, 4> ArchNames;
  std::vector<std::string> All;
  if (llvm::StringRef(Opts.Arch).trim() == "all") {
    All = clangArchitectures(Tree);
    ArchNames.append(All.begin(), All.end());
    Opts.Log.note("--arch all: " + llvm::join(All, ","));
  } else {
    llvm::StringRef(Opts.Arch).split(ArchNames, ',', -1, false);
  }
  if (ArchNames.empty())
    return usageError("--arch names no architecture");
  for (llvm::StringRef &A : ArchNames) {
    A = A.trim();
    if (!isArchName(A))
      return usageError("--arch '" + A + "' is not an architecture name (letters, digits, '_', '-')");
    llvm::StringRef Arch = A;
    bool NoMmu = Arch.consume_back("-nommu");
    if (!llvm::sys::fs::is_directory(Tree + "/arch/" + archDirName(Arch)))
      return usageError("no arch/" + Arch.str() + " in " + Tree + " (--arch)");
    ArchDir D;
    D.Name = A.str();
    D.Kopts.Tree = Tree;
    D.Kopts.CacheRoot = Opts.CacheRoot; // "": prepareKernelBuildDir's default.
    D.Kopts.Arch = Arch.str();
    D.Kopts.NoMmu = NoMmu;
    D.Kopts.Config = Opts.Config;
    D.Kopts.Jobs = Jobs;
    D.Kopts.Log = Opts.Log;
    Arches.push_back(std::move(D));
  }
  return Arches;
}

/// Configures and prepares each build dir; one that cannot be set up
/// (s390 allmodconfig stops on -Werror in prepare) keeps the reason and
/// costs only the files no other one builds.
void setUpArchDirs(std::vector<ArchDir> &Arches) {
  for (ArchDir &D : Arches) {
    auto BuildDir = prepareKernelBuildDir(D.Kopts);
    if (BuildDir) {
      D.BuildDir = *BuildDir;
      continue;
    }
    std::string Why = llvm::toString(BuildDir.takeError());
    llvm::StringRef W(Why);
    W.consume_front("mmap-migrate: ");
    D.Failed = W.trim().str();
  }
}

/// The .c files of \p Dir that #include another file by its bare name
/// (sound/core/pcm_native.c includes "pcm_compat.c"): that name -> those
/// files. Read once per directory by KernelCommands.
std::map<std::string, std::vector<std::string>> includesIn(llvm::StringRef Dir) {
  static const llvm::Regex Include("^[ \t]*#[ \t]*include[ \t]*\"([^\"/]+)\"");
  std::map<std::string, std::vector<std::string>> By;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::StringRef P = It->path();
    std::string Text;
    if (!P.ends_with(".c") || !readSourceText(P, Text))
      continue;
    // Line by line, the regex only where a line names include: over a
    // whole file the regex engine is five times slower.
    llvm::SmallVector<llvm::StringRef, 2> M;
    for (llvm::StringRef Rest = Text; !Rest.empty();) {
      auto [Line, Next] = Rest.split('\n');
      if (Line.contains("include") && Include.match(Line, &M))
        By[M[1].str()].push_back(P.str());
      Rest = Next;
    }
  }
  return By;
}

/// Compile commands for tree files, asked of the build dirs only for the
/// files the scan parses (first pass, then files defining what it needs);
/// what no architecture builds is listed as not analysed, with why.
class KernelCommands {
public:
  KernelCommands(std::vector<ArchDir> Arches, std::string Tree, std::string Configs,
                 std::string Unusable, bool Borrow)
      : Arches(std::move(Arches)), Tree(std::move(Tree)), Configs(std::move(Configs)),
        Unusable(std::move(Unusable)), Borrow(Borrow) {}

  llvm::Error fetch(const std::vector<std::string> &Files) {
    std::vector<std::string> Rest;
    for (const std::string &F : Files)
      Rest.push_back(llvm::StringRef(F).drop_front(Tree.size()).ltrim('/').str());
    std::map<std::string, std::string> FirstWhy; // Why the first arch does not build it.
    for (const ArchDir &D : Arches) {
      if (Rest.empty())
        break;
      std::vector<std::pair<std::string, std::string>> Missing;
      auto Cmds = kernelCompileCommands(D.Kopts, D.BuildDir, Rest, Missing);
      if (!Cmds)
        return Cmds.takeError();
      Commands.insert(Commands.end(), Cmds->begin(), Cmds->end());
      Rest.clear();
      for (auto &[File, Why] : Missing) {
        FirstWhy.emplace(File, Why);
        Rest.push_back(File);
      }
    }
    for (const std::string &File : Rest) {
      llvm::SmallString<256> Abs(Tree);
      llvm::sys::path::append(Abs, File);
      // A .c that another .c #includes is analysed through that TU.
      std::string By = Abs.str().ends_with(".c") ? includerOf(std::string(Abs)) : "";
      if (!By.empty() && !hasCommand(By) && !Asked.count(By)) {
        Asked.insert(By);
        size_t Listed = NotBuilt.size();
        if (llvm::Error E = fetch({By}))
          return E;
        NotBuilt.resize(Listed); // An includer no one built was not asked for.
      }
      if (!By.empty() && hasCommand(By)) {
        IncludedBy[std::string(Abs)] = By;
        continue;
      }
      std::string Why = "not built in " + Configs + ": " + FirstWhy[File] + Unusable;
      if (!Borrow) {
        NotBuilt.push_back({std::string(Abs), 0, Why});
        continue;
      }
      llvm::Expected<std::string> Borrowed = borrowFlags(File, std::string(Abs), Why);
      if (!Borrowed)
        return Borrowed.takeError();
      if (!Borrowed->empty()) {
        BorrowedFlags[std::string(Abs)] = {Why, *Borrowed};
        continue;
      }
      NotBuilt.push_back({std::string(Abs), 0, Why});
    }
    return llvm::Error::success();
  }

  /// For \p Rel, which no configuration builds: the command of a file that
  /// one does, with the symbols of its Makefile line defined (StandIn.h),
  /// added to Commands; returns how it was parsed, or "" and \p Why says
  /// why not. The nearest such file: in its directory, else in its
  /// architecture's arch/<a>/kernel/, else in init/ (main.c, always built).
  llvm::Expected<std::string> borrowFlags(const std::string &Rel, const std::string &Abs,
                                          std::string &Why) {
    llvm::StringRef Dir = llvm::sys::path::parent_path(Abs);
    BuildNeeds Needs = buildNeeds(Tree, Dir, llvm::sys::path::stem(Abs).str() + ".o");
    // The architecture of arch/<a>/ or of the Kconfig entry's depends, and
    // a nommu build for a file of a nommu block, first.
    std::vector<const ArchDir *> Order;
    llvm::StringRef ArchOf;
    if (llvm::StringRef(Rel).starts_with("arch/"))
      ArchOf = llvm::StringRef(Rel).drop_front(5).split('/').first;
    for (const ArchDir &D : Arches)
      if (ArchOf.empty() || archDirName(D.Kopts.Arch) == ArchOf)
        Order.push_back(&D);
    std::vector<std::string> Dirs = {llvm::sys::path::parent_path(Rel).str()};
    std::string Foreign;
    if (!Order.empty() && !ArchOf.empty())
      Dirs.push_back("arch/" + ArchOf.str() + "/kernel");
    if (Order.empty()) {
      Foreign = ", arch/" + ArchOf.str() + " being none of the architectures this run parses for";
      for (const ArchDir &D : Arches)
        Order.push_back(&D);
    }
    Dirs.push_back("init");
    auto Score = [&](const ArchDir *D) {
      std::string W = archKconfigWord(D->Name);
      bool Named = llvm::is_contained(Needs.DependsWords, W) ||
                   llvm::is_contained(Needs.DependsWords, W + "64");
      return 2 * Named + (D->Kopts.NoMmu == Needs.NoMmu);
    };
    std::stable_sort(Order.begin(), Order.end(),
                     [&](const ArchDir *A, const ArchDir *B) { return Score(A) > Score(B); });
    for (const std::string &DirRel : Dirs) {
      std::vector<std::string> Siblings;
      std::error_code EC;
      for (llvm::sys::fs::directory_iterator It(Tree + "/" + DirRel, EC), End; It != End && !EC;
           It.increment(EC))
        if (llvm::StringRef(It->path()).ends_with(".c") && It->path() != Abs)
          Siblings.push_back(DirRel + "/" + llvm::sys::path::filename(It->path()).str());
      llvm::sort(Siblings);
      llvm::Expected<std::string> How = borrowFrom(Siblings, Order, Needs, Abs, Foreign);
      if (!How)
        return How.takeError();
      if (!How->empty())
        return *How;
    }
    Why += "; no file of " + Dirs.front() + "/ is built either, to borrow flags from";
    return "";
  }

  /// The first of \p Siblings an architecture of \p Order builds, taken
  /// for \p Abs: how (\p Note after the flags' origin), or "" if none is built.
  llvm::Expected<std::string> borrowFrom(const std::vector<std::string> &Siblings,
                                         const std::vector<const ArchDir *> &Order,
                                         const BuildNeeds &Needs, const std::string &Abs,
                                         const std::string &Note) {
    for (const ArchDir *D : Order) {
      // A few at a time: the first built one is all that is wanted.
      for (size_t I = 0; I < Siblings.size(); I += 8) {
        std::vector<std::string> Some(Siblings.begin() + I,
                                      Siblings.begin() + std::min(I + 8, Siblings.size()));
        std::vector<std::pair<std::string, std::string>> Missing;
        auto Cmds = kernelCompileCommands(D->Kopts, D->BuildDir, Some, Missing);
        if (!Cmds)
          return Cmds.takeError();
        if (Cmds->empty())
          continue;
        const tooling::CompileCommand &Sibling = *llvm::min_element(
            *Cmds, [](const auto &A, const auto &B) { return A.Filename < B.Filename; });
        std::string Config;
        (void)readSourceText(D->BuildDir + "/.config", Config);
        std::vector<std::string> Defines;
        for (const std::string &S : Needs.Symbols)
          if (Config.find("\n" + S + "=") == std::string::npos)
            Defines.push_back(S);
        Commands.push_back(standInCommand(Sibling, Abs, Defines));
        return "parsed with " + D->Name + " " + D->Kopts.Config + "'s flags for " +
               llvm::sys::path::parent_path(Siblings.front()).str() + "/ (those of " +
               llvm::sys::path::filename(Sibling.Filename).str() + ")" + Note +
               (Defines.empty() ? std::string() : " and " + llvm::join(Defines, ", ") + " defined");
      }
    }
    return "";
  }

  /// The .c file of \p File's directory that #includes it by its bare
  /// name, "" if none or more than one (whose configuration to use is not
  /// ours to pick): kbuild compiles such a file only inside the other.
  std::string includerOf(const std::string &File) {
    std::string Dir = llvm::sys::path::parent_path(File).str();
    auto Listed = IncludesByDir.find(Dir);
    if (Listed == IncludesByDir.end())
      Listed = IncludesByDir.emplace(Dir, includesIn(Dir)).first;
    auto It = Listed->second.find(llvm::sys::path::filename(File).str());
    if (It == Listed->second.end())
      return "";
    std::vector<std::string> Others;
    for (const std::string &F : It->second)
      if (F != File && !llvm::is_contained(Others, F))
        Others.push_back(F);
    return Others.size() == 1 ? Others.front() : "";
  }

  bool hasCommand(llvm::StringRef File) const {
    return llvm::any_of(Commands, [&](const tooling::CompileCommand &C) {
      return C.Filename == File;
    });
  }

  /// Files no configuration builds, each with the built file that
  /// #includes it.
  std::map<std::string, std::string> IncludedBy;
  /// Files no configuration builds, parsed with borrowed flags.
  std::map<std::string, Inputs::Borrowed> BorrowedFlags;

  std::vector<tooling::CompileCommand> Commands; ///< Every one fetched so far.
  std::vector<NotAnalysed> NotBuilt;

private:
  std::vector<ArchDir> Arches;
  std::string Tree;
  std::string Configs;  ///< "x86_64 or arm64 allmodconfig", for reasons.
  std::string Unusable; ///< "; s390 allmodconfig could not be set up", likewise.
  bool Borrow; ///< --borrow-flags
  std::set<std::string> Asked; ///< Includers looked up, so that a cycle ends.
  /// includesIn() of each directory asked about.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> IncludesByDir;
};

/// True if \p Dir is under one of \p Paths or holds one of them.
bool concernsAny(llvm::StringRef Dir, const std::vector<std::string> &Paths) {
  return underAny(Dir, Paths) ||
         llvm::any_of(Paths, [&](const std::string &P) { return isUnder(P, Dir); });
}

/// The text pass over the whole tree: the files under \p Paths that may
/// hold a slot (files named in \p Paths are kept whatever their text).
/// Sets every count of In.Counts but Parsed; files it cannot read, and
/// directories it cannot list, go to In.NotAnalysedInputs.
std::vector<std::string> kernelCandidates(const ScanOptions &Opts, const std::string &Tree,
                                          const std::vector<std::string> &Paths,
                                          unsigned TextJobs, Inputs &In,
                                          llvm::function_ref<void(const char *)> Took) {
  std::vector<ListingProblem> Unlisted;
  std::vector<std::string> Sources = listSourceFiles(Tree, "", true, &Unlisted);
  for (const ListingProblem &L : Unlisted)
    if (concernsAny(L.Path, Paths)) {
      In.NotAnalysedInputs.push_back(
          {L.Path, 0, "directory could not be listed: " + L.Why + "; no file under it was read"});
      ++In.Counts.UnlistedDirs;
    }
  std::vector<std::string> All;
  for (const std::string &F : Sources)
    if (llvm::StringRef(F).ends_with(".c"))
      All.push_back(F);
  In.Memo = std::make_shared<TextPassMemo>(reuseDir(Opts), Tree, Sources, Opts.Log);
  In.MemoCoversTree = true; // Sources is every source and header of the tree.
  In.TextFiles = Sources;
  In.Universe = All;
  Took("listing sources");
  std::vector<std::string> Wanted;
  for (const std::string &F : All)
    if (underAny(F, Paths))
      Wanted.push_back(F);
  std::set<std::string> Macros = fopsMacrosMemo(*In.Memo, Sources, TextJobs);
  Took("fops macros");
  std::set<std::string> Named;
  for (const std::string &P : Paths)
    if (!llvm::sys::fs::is_directory(P))
      Named.insert(P);
  std::vector<std::string> Filtered;
  for (const std::string &F : Wanted)
    if (!Named.count(F))
      Filtered.push_back(F);
  std::vector<std::string> Candidates = takeTextPicks(
      prefilterMemo(*In.Memo, Filtered, Macros,
                    [&] { return slotListsMemo(*In.Memo, Sources, Macros, TextJobs); },
                    TextJobs, /*SettleByText=*/!Opts.ParseAll),
      Filtered.size() + Named.size(), In);
  Took("text pre-filter");
  Candidates.insert(Candidates.end(), Named.begin(), Named.end());
  return Candidates;
}

} // namespace

llvm::Expected<Inputs> kernelInputs(const ScanOptions &Opts,
                                    const std::vector<std::string> &Paths) {
  Inputs In;
  if (!llvm::sys::fs::is_directory(Opts.KernelTree))
    return usageError("no such directory: " + Opts.KernelTree);
  std::string Tree = realPath(Opts.KernelTree);
  if (!isKernelTree(Tree))
    return usageError("not a Linux source tree (no Makefile, Kconfig, include/linux): " + Tree);
  In.Root = Tree;
  // kbuild cannot build in a path with a space (make splits words on it):
  // say so now, not after the text pass and a failed make.
  std::string CacheRoot = Opts.CacheRoot.empty() ? defaultCacheRoot() : Opts.CacheRoot;
  for (const auto &[What, Path] : {std::pair<const char *, std::string>{"tree", Tree},
                                   {"cache dir", CacheRoot}})
    if (llvm::StringRef(Path).find_first_of(" \t\n") != llvm::StringRef::npos)
      return usageError(std::string("the ") + What + " path '" + Path +
                        "' holds white space, where kbuild cannot build; use a path without");
  // A cache dir that cannot be used fails here, before the text pass.
  std::error_code EC = llvm::sys::fs::create_directories(CacheRoot);
  if (!EC)
    EC = llvm::sys::fs::access(CacheRoot, llvm::sys::fs::AccessMode::Write);
  if (EC)
    return llvm::createStringError(EC, "cannot use the cache dir " + CacheRoot + ": " +
                                           EC.message());

  auto Lap = std::chrono::steady_clock::now();
  auto Took = [&](const char *What) {
    if (Opts.Log.verbose())
      Opts.Log.note(llvm::formatv("{0}: {1:f2} s", What, secondsSince(Lap)));
    Lap = std::chrono::steady_clock::now();
  };
  for (const std::string &P : Paths) {
    if (!isUnder(P, Tree))
      return usageError(P + " is outside the tree " + Tree);
    if (!llvm::sys::fs::is_directory(P) && !llvm::StringRef(P).ends_with(".c"))
      return usageError("not a C source file: " + P);
  }

  const unsigned Jobs = Opts.Jobs ? Opts.Jobs : std::max(1u, std::thread::hardware_concurrency());
  auto Listed = archDirs(Opts, Tree, Jobs);
  if (!Listed)
    return Listed.takeError();
  auto Arches = std::make_shared<std::vector<ArchDir>>(std::move(*Listed));
  // Configuring and preparing the build dirs needs nothing from the text
  // pass: run it meanwhile. Which objects kbuild builds is asked later,
  // only for the candidates the text pass keeps. Configuring is mostly one
  // process at a time and is the longer of the two: while it runs, the
  // text pass leaves it a core (with both, config took 11 to 14 s, not 7).
  unsigned TextJobs = Jobs;
  if (llvm::any_of(*Arches, [](const ArchDir &D) { return !kernelBuildDirPrepared(D.Kopts); }))
    TextJobs = std::max(1u, TextJobs - 1);
  std::future<void> SetUp = std::async(std::launch::async, [Arches] { setUpArchDirs(*Arches); });
  // Nothing returns between here and SetUp.get() below.
  std::vector<std::string> Candidates = kernelCandidates(Opts, Tree, Paths, TextJobs, In, Took);
  SetUp.get();

  std::string Configs, Unusable;
  for (const ArchDir &D : *Arches)
    if (D.Failed.empty())
      Configs += (Configs.empty() ? "" : " or ") + D.Name;
  if (Configs.empty()) // No architecture to analyse with: the first one's error.
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Arches->front().Failed);
  Configs += " " + Opts.Config;
  for (const ArchDir &D : *Arches)
    if (!D.Failed.empty()) {
      Opts.Log.say("warning: --arch " + D.Name + " left out: " + D.Failed);
      Unusable += "; " + D.Name + " " + Opts.Config + " could not be set up";
    }
  llvm::erase_if(*Arches, [](const ArchDir &D) { return !D.Failed.empty(); });
  Took("build dir");

  auto Commands = std::make_shared<KernelCommands>(std::move(*Arches), Tree, Configs, Unusable,
                                                   Opts.BorrowFlags);
  if (llvm::Error E = Commands->fetch(Candidates))
    return E;
  Took("compile commands");
  In.DB = makeCommandListDb(Commands->Commands);
  In.NotAnalysedInputs.insert(In.NotAnalysedInputs.end(), Commands->NotBuilt.begin(),
                              Commands->NotBuilt.end());
  In.FirstPass = withCommands(*In.DB, Candidates);
  In.Counts.Parsed = In.FirstPass.size();
  In.BorrowedFlags = Commands->BorrowedFlags;
  In.Counts.BorrowedFlags = In.BorrowedFlags.size();
  // What another .c #includes is parsed as part of it; the includer is one
  // TU more when the text pass did not pick it itself.
  for (const std::string &F : Candidates)
    if (auto It = Commands->IncludedBy.find(F); It != Commands->IncludedBy.end()) {
      Opts.Log.note(F + ": analysed through " + It->second + ", which #includes it");
      ++In.Counts.Parsed;
      ++In.Counts.ThroughIncluder;
      if (!llvm::is_contained(In.FirstPass, It->second))
        In.FirstPass.push_back(It->second);
    }
  In.Counts.NotAnalysed += Commands->NotBuilt.size();
  // Later fetches grow the shared command list; the DB is rebuilt from it.
  In.IncluderOf = [Commands](const std::string &F) -> std::string {
    auto It = Commands->IncludedBy.find(F);
    return It == Commands->IncludedBy.end() ? "" : It->second;
  };
  In.Extend = [Commands](const std::vector<std::string> &Files, Inputs &Self) -> llvm::Error {
    size_t Before = Commands->NotBuilt.size();
    if (llvm::Error E = Commands->fetch(Files))
      return E;
    Self.NotAnalysedInputs.insert(Self.NotAnalysedInputs.end(),
                                  Commands->NotBuilt.begin() + Before, Commands->NotBuilt.end());
    Self.DB = makeCommandListDb(Commands->Commands);
    Self.BorrowedFlags = Commands->BorrowedFlags;
    return llvm::Error::success();
  };
  return In;
}

llvm::Expected<Inputs> chooseInputs(const ScanOptions &Opts,
                                    const std::vector<std::string> &Paths) {
  if (Opts.HaveFixedFlags)
    return fixedFlagInputs(Opts, Paths);
  if (!Opts.KernelTree.empty())
    return kernelInputs(Opts, Paths);
  std::string BuildDir = Opts.BuildDir;
  if (BuildDir.empty())
    BuildDir = findBuildDirUpwards(Paths);
  if (BuildDir.empty())
    return usageError("no compilation database: use --kernel TREE, -p BUILD_DIR, "
                      "or give compiler flags after '--'");
  if (!llvm::sys::fs::is_directory(BuildDir))
    return usageError("no such directory: " + BuildDir);
  return buildDirInputs(Opts, BuildDir, Paths);
}

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

} // namespace mmapmigrate
