//===- Prefilter.h - Cheap text pass that picks the TUs to parse -*- C++ -*-===//
//
// Parsing a kernel TU costs about half a second, so the scan first reads
// sources as text and keeps only those that can hold an mmap slot: files
// that assign an `mmap` member, or that use a macro known to build a fops
// table with one (found by reading the headers' #defines), or that define a
// handler a table elsewhere names.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_PREFILTER_H
#define MMAP_MIGRATE_TOOL_PREFILTER_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// Every .c (and, with \p Headers, .h) file under \p Root/\p Sub, sorted,
/// as absolute paths. Skips userspace and build-support trees (tools/,
/// scripts/, Documentation/, usr/) and hidden directories.
std::vector<std::string> listSourceFiles(llvm::StringRef Root, llvm::StringRef Sub,
                                         bool Headers);

/// Names of macros whose definition builds an mmap slot (`.mmap = ...`),
/// directly or through another such macro, found in \p Files (read with
/// \p Jobs threads; 0: one per core).
std::set<std::string> findFopsMacros(const std::vector<std::string> &Files, unsigned Jobs = 0);

/// True if \p Text uses one of \p Macros.
bool usesFopsMacro(llvm::StringRef Text, const std::set<std::string> &Macros);

/// True if \p Text may hold an mmap slot or use one of \p Macros.
bool mayHoldMmapSlot(llvm::StringRef Text, const std::set<std::string> &Macros);

/// Files among \p Files whose text starts a line with something that looks
/// like a definition of one of \p Names (`... name(` at column 0).
std::vector<std::string> filesDefining(const std::vector<std::string> &Files,
                                       const std::set<std::string> &Names);

/// An mmap member of another ops table, read from the text.
struct TextSlot {
  std::string Type;    ///< "struct proto_ops"
  std::string Field;   ///< "mmap"
  std::string Table;   ///< The variable.
  std::string Handler; ///< The function named, or "NULL".
  unsigned Line = 0, Col = 0; ///< Of the handler, 1-based.
};

/// The mmap members of \p Text when the text alone proves none of them is
/// in a struct file_operations: the file never names file_operations, no
/// mmap member is assigned at run time, and each sits in a top-level
/// `struct T name = { ... }` outside any #if. None when the file must be
/// parsed to tell (the caller also checks the fops-building macros).
/// \p Why, if given, says why the file must be parsed.
std::optional<std::vector<TextSlot>> otherTableSlotsByText(llvm::StringRef Text,
                                                          std::string *Why = nullptr);

/// \p Text with every comment replaced by spaces (newlines kept, so offsets
/// and line numbers stay); string and character literals are left alone.
std::string blankComments(llvm::StringRef Text);

/// Offsets of \p Word in \p Text where it stands as a whole identifier.
std::vector<size_t> wordOffsets(llvm::StringRef Text, llvm::StringRef Word);

/// \p Path with symlinks and dots resolved, or unchanged if it cannot be.
std::string realPath(llvm::StringRef Path);

/// Reads a whole file; false if it cannot be read or looks binary.
bool readSourceText(llvm::StringRef Path, std::string &Out);

} // namespace mmapmigrate

#endif
