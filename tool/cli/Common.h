//===- Common.h - What every subcommand shares -------------------*- C++ -*-===//
//
// Exit codes (docs/cli.md), one-line errors, output files, the scan options
// from the command line and the one place that prints what the library
// says as it goes (RunLog).
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_CLI_COMMON_H
#define MMAP_MIGRATE_TOOL_CLI_COMMON_H

#include "tool/driver/ScanDriver.h"
#include "tool/support/RunLog.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmapmigrate::cli {

enum ExitCode { ExitOk = 0, ExitUsage = 1, ExitFailure = 2 };

/// "mmap-migrate: error: MSG" on stderr, first line only.
void error(const llvm::Twine &Msg);

/// Writes \p Text to \p Path whole or not at all (a reader never sees half
/// a report); says why on failure.
bool writeAtomically(llvm::StringRef Path, llvm::StringRef Text);

/// The cache root, absolute: compile commands name paths in it and run
/// in other directories.
std::string cacheRootOf(llvm::StringRef Given);

/// \p RC, unless what went to stdout did not all get there (a full disk, a
/// closed pipe): then one line and ExitFailure, which for lint is not
/// "findings".
int checkedStdout(int RC);

/// Makes a write to a closed pipe one line and ExitFailure, not LLVM's
/// silent exit 74.
void exitOnBrokenPipe();

/// False (after one line) when stdout is closed: the first file the run
/// opens would get its descriptor, and the report would go into it. A
/// closed stdin or stderr gets /dev/null.
bool standardStreamsUsable();

/// Reports an error from the library with the right exit code.
int failWith(llvm::Error E);

/// The tree --root names, else --kernel's ("" with neither).
std::string treeRootOption();

/// stderr, as -v and -q ask: notes under -v, a progress line on a terminal.
RunLog runLog();

/// The scan options the command line gives.
ScanOptions scanOptions(std::vector<std::string> FixedFlags, bool HaveFixedFlags);

int runScanCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags);
/// merge: the census of `scan --shard` files (Shards.h).
int runMergeCommand();
int runRewriteCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags);
int runSeriesCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags);
int runLintCommand(std::vector<std::string> FixedFlags, bool HaveFixedFlags);
/// \p Args: what kbuild gives its checker, after `check` (own options first).
int runCheckCommand(llvm::ArrayRef<std::string> Args);

} // namespace mmapmigrate::cli

#endif
