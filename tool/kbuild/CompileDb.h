//===- CompileDb.h - Compile commands for kernel trees -----------*- C++ -*-===//
//
// Where compile commands come from: a build dir with compile_commands.json
// (-p), or a pristine kernel tree that we configure in a cache folder
// (--kernel). Either way the flags are cleaned so that clang tools can parse
// the TUs from any working directory without writing anything.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_KBUILD_COMPILEDB_H
#define MMAP_MIGRATE_TOOL_KBUILD_COMPILEDB_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "tool/support/RunLog.h"

#include <memory>
#include <string>
#include <vector>

namespace mmapmigrate {

/// Rewrites one compiler command line (argv[0] first) so a clang tool can
/// parse it: drops dependency-file flags (-Wp,-MMD,..., -MD, -MF x), -Werror*,
/// GCC-only flags clang rejects, plugin flags; makes relative path arguments
/// absolute against \p Directory; appends -w -Wno-error.
std::vector<std::string> cleanKernelFlags(llvm::ArrayRef<std::string> Args,
                                          llvm::StringRef Directory);

/// Wraps \p Inner so every command it returns went through cleanKernelFlags.
std::unique_ptr<clang::tooling::CompilationDatabase>
withKernelFlagCleanup(std::unique_ptr<clang::tooling::CompilationDatabase> Inner);

/// A compilation database over a fixed list of commands.
std::unique_ptr<clang::tooling::CompilationDatabase>
makeCommandListDb(std::vector<clang::tooling::CompileCommand> Commands);

/// Loads BUILD_DIR/compile_commands.json with a one-line error on failure
/// (missing, unreadable, not JSON, not a list of commands).
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadBuildDirDb(llvm::StringRef BuildDir);
/// The same for the database's text (\p File names it in errors).
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
parseCompileDb(llvm::StringRef Text, llvm::StringRef File);

/// True if \p Dir looks like the top of a Linux source tree.
bool isKernelTree(llvm::StringRef Dir);

/// How to configure a pristine tree for the tool's own compile commands.
struct KernelDbOptions {
  std::string Tree;       ///< Absolute path of the source tree (read only).
  std::string CacheRoot;  ///< Where build dirs live; default: user cache.
  std::string Arch = "x86_64";
  std::string Config = "allmodconfig";
  /// Configure with CONFIG_MMU off (KCONFIG_ALLCONFIG for an all*config
  /// target): the nommu-only files (mm/nommu.c, fs/ramfs/file-nommu.c).
  bool NoMmu = false;
  std::string LlvmSuffix = "-19"; ///< make LLVM=<suffix>
  unsigned Jobs = 2;
  /// -v notes (set-up steps and their times), warnings, lock waits.
  RunLog Log;
};

/// Turns the output of `make -n` in a kbuild build dir into compile commands:
/// one per C compiler invocation that has `-c` and a .c input; the directory
/// is \p BuildDir, the file absolute. Exposed for unit tests.
std::vector<clang::tooling::CompileCommand>
parseMakeDryRun(llvm::StringRef Output, llvm::StringRef BuildDir,
                llvm::StringRef Tree);

/// Default cache root: $MMAP_MIGRATE_CACHE, else $XDG_CACHE_HOME/mmap-migrate,
/// else ~/.cache/mmap-migrate.
std::string defaultCacheRoot();

/// Configures and prepares a build dir for \p Opts.Tree under the cache root
/// (make O=... allmodconfig prepare), once; later calls reuse it. Returns
/// the build dir. Never writes into the tree.
llvm::Expected<std::string> prepareKernelBuildDir(const KernelDbOptions &Opts);

/// Whether prepareKernelBuildDir has nothing left to do for \p Opts.
bool kernelBuildDirPrepared(const KernelDbOptions &Opts);

/// Compile commands for \p Sources (paths relative to the tree) from
/// `make -n` in the prepared build dir, cached per file. Files that kbuild
/// does not build in this config are returned in \p NotBuilt with a reason.
llvm::Expected<std::vector<clang::tooling::CompileCommand>>
kernelCompileCommands(const KernelDbOptions &Opts, llvm::StringRef BuildDir,
                      llvm::ArrayRef<std::string> Sources,
                      std::vector<std::pair<std::string, std::string>> &NotBuilt);

} // namespace mmapmigrate

#endif
