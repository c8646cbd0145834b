//===- ScanInputs.h - What to parse, with which commands ---------*- C++ -*-===//
//
// The scan's first step, one per kind of input: fixed flags after `--`, a
// build dir's compile_commands.json (-p), or a kernel tree (--kernel, with
// build dirs set up per architecture while the text pass runs). Each gives
// the compile commands, the TUs to parse first and the files where handler
// definitions may be.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_SCANINPUTS_H
#define MMAP_MIGRATE_TOOL_DRIVER_SCANINPUTS_H

#include "tool/driver/ScanDriver.h"
#include "tool/driver/TextPassMemo.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mmapmigrate {

/// A source of compile commands and the universe of files it covers.
struct Inputs {
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::vector<std::string> FirstPass;   ///< TUs to parse first.
  std::vector<std::string> Universe;    ///< Where handler definitions may be.
  /// Every source and header whose text the tree-wide checks read.
  std::vector<std::string> TextFiles;
  /// Files asked for that are not analysed (not readable, not source text,
  /// not built) and directories that could not be listed, with why.
  std::vector<NotAnalysed> NotAnalysedInputs;
  InputCounts Counts; ///< Where the files asked for went (AlsoParsed: by the scan).
  /// Files the text pass settled: only other ops tables, no parse needed.
  std::vector<TuResult> ReadAsText;
  std::string Root;
  /// Text-pass answers kept while the tree is unchanged.
  std::shared_ptr<TextPassMemo> Memo;
  bool MemoCoversTree = false;
  /// The TU a file no configuration builds alone is parsed in (the .c that
  /// #includes it), once Extend has looked at it; "" if none.
  std::function<std::string(const std::string &)> IncluderOf;
  /// Files no configuration builds, parsed with a built neighbour's flags
  /// (tool/kbuild/StandIn.h): why none builds it, and with what it was
  /// parsed. Their results are partial.
  struct Borrowed {
    std::string NotBuilt, How;
  };
  std::map<std::string, Borrowed> BorrowedFlags;
  /// Adds commands for extra files (kernel mode makes them on demand).
  std::function<llvm::Error(const std::vector<std::string> &, Inputs &)> Extend;
};

/// A relative PATH that does not exist from the current directory is taken
/// relative to \p TreeRoot (kernel people name files from the tree top).
llvm::Expected<std::vector<std::string>> checkedPaths(const ScanOptions &Opts,
                                                      llvm::StringRef TreeRoot);

/// Where results and text-pass answers are kept; "" with --no-cache.
std::string reuseDir(const ScanOptions &Opts);

/// The files of \p Files that \p DB has a command for.
std::vector<std::string> withCommands(const clang::tooling::CompilationDatabase &DB,
                                      const std::vector<std::string> &Files);

/// Source files given with compiler flags after `--`.
llvm::Expected<Inputs> fixedFlagInputs(const ScanOptions &Opts,
                                       const std::vector<std::string> &Paths);

/// A build dir's compile_commands.json, text-filtered.
llvm::Expected<Inputs> buildDirInputs(const ScanOptions &Opts, llvm::StringRef BuildDir,
                                      const std::vector<std::string> &Paths);

/// A kernel tree: build dirs per architecture, commands fetched on demand.
llvm::Expected<Inputs> kernelInputs(const ScanOptions &Opts,
                                    const std::vector<std::string> &Paths);

/// The inputs the options name: fixed flags, a kernel tree, or a build dir
/// (-p, else the nearest compile_commands.json above the paths).
llvm::Expected<Inputs> chooseInputs(const ScanOptions &Opts,
                                    const std::vector<std::string> &Paths);

/// clang-tidy's habit: without -p, look for compile_commands.json upwards.
std::string findBuildDirUpwards(const std::vector<std::string> &Paths);

} // namespace mmapmigrate

#endif
