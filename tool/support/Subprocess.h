//===- Subprocess.h - Run a program and capture what it says -----*- C++ -*-===//
//
// For the external tools a patch series needs (git, perl scripts of the
// kernel tree): run one program to completion with text on stdin, capture
// stdout and stderr whole. No shell: arguments are passed as they are.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SUPPORT_SUBPROCESS_H
#define MMAP_MIGRATE_TOOL_SUPPORT_SUBPROCESS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmapmigrate {

struct ProcessResult {
  int Status = 0;
  std::string Out, Err;

  /// The first non-empty line of stderr (else stdout), for one-line errors.
  std::string firstMessageLine() const;
};

struct ProcessOptions {
  std::string Cwd;                   ///< "" for ours.
  std::string Input;                 ///< Text on stdin.
  std::vector<std::string> SetEnv;   ///< NAME=VALUE, added to ours.
};

/// Runs \p Program (looked up in PATH) with \p Args. Fails only when the
/// program cannot be started; its exit status is in the result.
llvm::Expected<ProcessResult> runProcess(llvm::StringRef Program,
                                         llvm::ArrayRef<std::string> Args,
                                         const ProcessOptions &Opts = {});

/// `git -C Repo Args...`: stdout on success; an error naming the git
/// command and git's first line of complaint otherwise.
llvm::Expected<std::string> runGit(llvm::StringRef Repo, llvm::ArrayRef<std::string> Args,
                                   const ProcessOptions &Opts = {});

} // namespace mmapmigrate

#endif
