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

/// The whole of \p Path, bytes as they are; none when it cannot be read.
/// (Source text for analysis goes through readSourceText, which also
/// refuses binary files.)
std::optional<std::string> readWholeFile(llvm::StringRef Path);

} // namespace mmapmigrate

#endif
