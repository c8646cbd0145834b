//===- SourceText.h - Reading kernel sources as text ------------*- C++ -*-===//
//
// What every stage needs to read the tree as text and name places in it:
// listing sources, reading a file (refusing binary ones), blanking comments,
// finding whole identifiers, and the path forms the reports print.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CORE_SOURCETEXT_H
#define MMAP_MIGRATE_MATCHERS_CORE_SOURCETEXT_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// A directory a listing could not read.
struct ListingProblem {
  std::string Path;
  std::string Why; ///< "Permission denied"
};

/// Every .c (and, with \p Headers, .h) file under \p Root/\p Sub, sorted,
/// as absolute paths. Skips userspace and build-support trees (tools/,
/// scripts/, Documentation/, usr/) and hidden directories, and does not
/// follow symlinks to directories. Directories that cannot be read go to
/// \p Problems; the rest is still listed.
std::vector<std::string> listSourceFiles(llvm::StringRef Root, llvm::StringRef Sub,
                                         bool Headers,
                                         std::vector<ListingProblem> *Problems = nullptr);

/// Reads a whole file as source text into \p Out: "" when it could, else
/// why not ("could not be read: Permission denied", "not source text: a NUL
/// byte at offset 12").
std::string readSourceTextOrWhy(llvm::StringRef Path, std::string &Out);

/// readSourceTextOrWhy() for callers that need no reason.
bool readSourceText(llvm::StringRef Path, std::string &Out);

/// \p Text with every comment replaced by spaces (newlines kept, so offsets
/// and line numbers stay); string and character literals are left alone.
std::string blankComments(llvm::StringRef Text);

/// A character of a C identifier.
inline bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// glibc's memmem: 3 to 8 times faster over the tree than StringRef::find or
/// std::string::find, which stop at every `_` of `__FB_...`.
bool containsText(llvm::StringRef Text, llvm::StringRef Needle);

/// The first offset >= \p From where \p Word stands as a whole identifier
/// (memmem, like containsText()); npos if none.
size_t findWord(llvm::StringRef Text, llvm::StringRef Word, size_t From = 0);

/// True if \p Word occurs in \p Text as a whole identifier.
bool containsWord(llvm::StringRef Text, llvm::StringRef Word);

/// Offsets of \p Word in \p Text where it stands as a whole identifier.
std::vector<size_t> wordOffsets(llvm::StringRef Text, llvm::StringRef Word);

/// Whether the \p Length characters at \p At of \p Text are called as a
/// member: `.get_fd(`, `-> get_fd (`.
bool isMemberCallAt(llvm::StringRef Text, size_t At, size_t Length);

/// \p Path with symlinks and dots resolved, or unchanged if it cannot be.
std::string realPath(llvm::StringRef Path);

/// True if \p Path is \p Dir or lies under it, by text (give both as real
/// paths). An empty \p Dir holds everything.
bool isUnder(llvm::StringRef Path, llvm::StringRef Dir);

/// \p Path relative to \p Root when it is under it, else unchanged.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Root);

} // namespace mmapmigrate

#endif
