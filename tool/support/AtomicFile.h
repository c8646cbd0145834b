//===- AtomicFile.h - Whole files or nothing ---------------------*- C++ -*-===//
#ifndef MMAP_MIGRATE_TOOL_SUPPORT_ATOMICFILE_H
#define MMAP_MIGRATE_TOOL_SUPPORT_ATOMICFILE_H

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

/// The tool's own files (caches, memos, the rewrite journal) end in a line
/// "#xxh3 HEX" over everything before it: a file garbled, truncated or
/// written by someone else is detected and treated as absent, never
/// believed. Written atomically, like writeFileAtomically.
llvm::Error writeChecksummedFile(llvm::StringRef Path, llvm::StringRef Text);
/// \p Text with its checksum line (for writers with their own durability).
std::string withChecksum(llvm::StringRef Text);
/// The text before the checksum line; none when the file is missing or
/// its checksum does not match. When the file is there but refused,
/// \p WhyNot (if given) says why, for the caller's -v line.
std::optional<std::string> readChecksummedFile(llvm::StringRef Path,
                                               std::string *WhyNot = nullptr);

/// The whole of \p Path, bytes as they are; none when it cannot be read.
/// (Source text for analysis goes through readSourceText, which also
/// refuses binary files.)
std::optional<std::string> readWholeFile(llvm::StringRef Path);

} // namespace mmapmigrate

#endif
