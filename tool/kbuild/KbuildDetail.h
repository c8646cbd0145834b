//===- KbuildDetail.h - What the kbuild/ files share -------------*- C++ -*-===//
//
// Internal to tool/kbuild: the helpers, the shell and make-output reading,
// the make runner and the per-file command cache that CompileDb.cpp (the
// kernel set-up and the public API) is built from. Not for other stages.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_KBUILD_KBUILDDETAIL_H
#define MMAP_MIGRATE_TOOL_KBUILD_KBUILDDETAIL_H

#include "tool/kbuild/CompileDb.h"
#include "tool/support/Timing.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Option/Option.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mmapmigrate {
namespace kbuild {

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;

// The files the cache's build dir keeps next to kbuild's own.
/// Source -> kbuild target, for the sources the listings have settled.
constexpr const char *IndexName = "mmap-migrate-objects.tsv";
/// The per-file command cache.
constexpr const char *CacheName = "mmap-migrate-commands.json";
/// The hash of the .config the index and the commands were made with.
constexpr const char *ConfigHashName = "mmap-migrate-config.hash";
/// Directories the object index's listings visited, one per line, next to
/// the index. No such file: the index lists the whole build.
constexpr const char *ListedName = "mmap-migrate-listed-dirs.txt";

/// Every error is one line the CLI can print as is.
inline llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "mmap-migrate: " + Msg);
}

/// \p P made absolute against \p Dir, with "./" components removed but ".."
/// kept: kbuild paths may cross symlinks, where folding ".." would change
/// the meaning.
inline std::string absoluteIn(llvm::StringRef Dir, llvm::StringRef P) {
  llvm::SmallString<256> Out(P);
  if (!llvm::sys::path::is_absolute(Out)) {
    Out = Dir;
    llvm::sys::path::append(Out, P);
  }
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/false);
  return std::string(Out);
}

inline std::string realPathOr(llvm::StringRef P, llvm::StringRef Fallback) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(P, Real))
    return std::string(Fallback);
  return std::string(Real);
}

inline bool isFile(const llvm::Twine &P) { return llvm::sys::fs::is_regular_file(P); }
inline bool isDir(const llvm::Twine &P) { return llvm::sys::fs::is_directory(P); }

// Flag clean-up (FlagCleanup.cpp)

/// One option as clang's driver sees it: tokens [Index, Index + Count).
struct ParsedArg {
  unsigned Index;
  unsigned Count;
  llvm::opt::Option Opt; ///< Never an alias; may be INPUT or UNKNOWN.
  bool Unsupported;
};

/// Splits Args[1..] into options the way clang's driver would, so that a
/// separate value ("-o x", "-include f.h") is never mistaken for an input and
/// GCC-only spellings show up as UNKNOWN.
std::vector<ParsedArg> parseDriverArgs(llvm::ArrayRef<std::string> Args);
bool isCSource(llvm::StringRef P);
/// argv[0] of a C compiler: cc, clang, clang-19, gcc, x86_64-linux-gnu-gcc-12.
bool isCCompilerName(llvm::StringRef Argv0);

// `make -n` output as shell (MakeDryRun.cpp)

struct ShellWord {
  enum KindType {
    Word,
    Redirect,   ///< ">", ">>", "<": the next word is its file.
    DupRedirect ///< ">&2", "2>&1": complete in itself.
  };
  std::string Text;
  KindType Kind = Word;
};

/// A compile command plus the files make would have generated right before
/// it, i.e. (transitively) its prerequisites, in a serial `make -n`.
struct DryRunEntry {
  CompileCommand Cmd;
  std::vector<std::string> Steps;
};

/// Calls \p Fn for every simple command (words between ;, &&, ||, |, &,
/// parentheses and unescaped newlines) of a POSIX shell script. Enough of
/// sh for what make -n prints: quotes, backslash escapes and line
/// continuations, comments, $(...) and `...` kept inside their word. A line
/// that ends inside a quote is not a recipe (it is text some executed
/// sub-make echoed, such as "don't edit"), so it is dropped instead of
/// swallowing the following lines.
void forEachSimpleCommand(
    llvm::StringRef Text,
    llvm::function_ref<void(llvm::ArrayRef<ShellWord>)> Fn);
/// The argv of a simple command: reserved words, NAME=value prefixes and
/// redirections removed.
std::vector<std::string> commandArgv(llvm::ArrayRef<ShellWord> Words);
/// The file a make recipe names as \p Input: relative to the build dir, or
/// failing that to the tree; symlinks and dots resolved.
std::string sourceOf(llvm::StringRef Input, llvm::StringRef BuildDir, llvm::StringRef Tree);
/// If \p Argv compiles one .c file with -c, returns its command.
std::optional<CompileCommand> asCompile(std::vector<std::string> Argv,
                                        llvm::StringRef BuildDir,
                                        llvm::StringRef Tree);
void scanDryRun(llvm::StringRef Output, llvm::StringRef BuildDir,
                llvm::StringRef Tree,
                llvm::function_ref<void(DryRunEntry &&)> Fn);

// Running make in the cache's build dir (MakeRunner.cpp)

/// Common make arguments for the build dir (without the program name); for a
/// parse-only architecture (Architectures.h), its target and compiler wrapper.
std::vector<std::string> kbuildArgs(const KernelDbOptions &Opts,
                                    llvm::StringRef Tree,
                                    llvm::StringRef BuildDir);
/// Where a parse-only architecture's compiler wrapper lies for \p BuildDir.
std::string compilerWrapperPath(llvm::StringRef BuildDir);
/// Runs make with \p Args; stdout to \p OutPath, stderr to \p ErrPath (which
/// may be the same file). Returns make's exit status.
llvm::Expected<int> runMake(const std::vector<std::string> &Args,
                            llvm::StringRef OutPath, llvm::StringRef ErrPath);
/// Every reader here treats a missing file as empty.
std::string slurp(llvm::StringRef Path);
/// The dir that holds build/, logs and stamps for one configured tree.
std::string stateDirOf(llvm::StringRef BuildDir);
std::string logPath(llvm::StringRef BuildDir, llvm::StringRef Name);
std::string inDir(llvm::StringRef Dir, llvm::StringRef Name);
/// "dir/x.c" relative to \p TreeReal, or "" if \p File is outside the tree.
std::string relativeToTree(llvm::StringRef File, llvm::StringRef TreeReal);

// The per-file command cache (CommandCache.cpp)

struct CachedCommand {
  std::string Output;
  std::vector<std::string> Args;
};

/// Where the build dir for \p Opts lives, and what its stamp says once it
/// is prepared.
struct BuildDirPlace {
  std::string State, Build, Stamp, Identity;
};

llvm::StringMap<CachedCommand> loadCommandCache(llvm::StringRef BuildDir,
                                                const RunLog &Log);
llvm::Error saveCommandCache(llvm::StringRef BuildDir,
                             const llvm::StringMap<CachedCommand> &Cache);
/// kbuild's record of how it last compiled \p Target (dir/.x.o.cmd), for
/// objects that are already built: `make -n` prints nothing for those.
std::optional<std::vector<std::string>> savedCommand(llvm::StringRef BuildDir,
                                                     llvm::StringRef Target);
/// Normalizes a requested source to a path relative to the tree.
std::string requestedRel(llvm::StringRef Source, llvm::StringRef Tree,
                         llvm::StringRef TreeReal);
/// Forgets what listings and make -n said about \p BuildDir.
void removeListings(llvm::StringRef BuildDir);
/// The object index and the commands hold for the .config they were listed
/// with. kbuild rewrites .config whenever a make in the build dir finds
/// Kconfig's inputs changed (another ARCH= spelling, a new compiler): then
/// they go, and the next listing starts afresh.
void dropListingsOfAnotherConfig(llvm::StringRef BuildDir, const RunLog &Log);
BuildDirPlace buildDirPlace(const KernelDbOptions &Opts);

} // namespace kbuild
} // namespace mmapmigrate

#endif
