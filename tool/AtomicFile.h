//===- AtomicFile.h - Whole files or nothing ---------------------*- C++ -*-===//
#ifndef MMAP_MIGRATE_TOOL_ATOMICFILE_H
#define MMAP_MIGRATE_TOOL_ATOMICFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace mmapmigrate {

/// Writes \p Text to \p Path through a uniquely named temporary next to it
/// and a rename: readers, and other runs writing the same file, never see
/// half of it. The error is one line ("cannot write PATH: why").
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

/// Writes a report the user named (-o, --sarif, --html, ...). A regular
/// file, or a new one, is written atomically; a symlink is followed and
/// its target written (the link stays; a dangling link is refused); an
/// existing file that is not regular (a device, a FIFO, /dev/stdout) is
/// written directly, never replaced. Every write error (ENOSPC on
/// /dev/full) is reported.
llvm::Error writeOutputFile(llvm::StringRef Path, llvm::StringRef Text);

/// The whole of \p Path, bytes as they are; none when it cannot be read.
/// (Source text for analysis goes through readSourceText, which also
/// refuses binary files.)
std::optional<std::string> readWholeFile(llvm::StringRef Path);

} // namespace mmapmigrate

#endif
