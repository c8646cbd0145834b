//===- RawBodySkip.h - Skip a function body without preprocessing it -*- C++ -*-===//
//
// Clang skips an unwanted function body by lexing it through the
// preprocessor, so every macro in it is still expanded: in kernel headers,
// where most bodies are skipped, that is a large part of a TU's parse. When
// the body's text has no directive, its closing brace can be found on the
// raw text and the file lexer moved there; the parser then sees `{ }`.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_RAWBODYSKIP_H
#define MMAP_MIGRATE_MATCHERS_FIND_RAWBODYSKIP_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>

#include "llvm/ADT/DenseMap.h"

namespace clang {
class MacroInfo;
class Preprocessor;
} // namespace clang

namespace mmapmigrate {

/// The offset of the `}` that closes a block whose text starts at \p From
/// (just after its `{`), skipping comments and literals; npos when the text
/// up to it holds anything the preprocessor would act on other than macro
/// expansion (a `#`, a digraph, `_Pragma`) or ends first.
size_t findRawBlockEnd(llvm::StringRef Text, size_t From);

/// Called while the parser is about to skip a function body whose `{` is
/// the last token the current file lexer read: moves that lexer to the
/// body's closing brace when findRawBlockEnd finds it. Returns whether it
/// did; if not, clang skips the body its usual way.
bool skipBodyText(clang::Preprocessor &PP);

/// Skips what skipBodyText cannot (a body made by a macro, or one whose
/// text holds directives) token by token without expanding macros: the
/// preprocessor still runs directives, but the macros a body uses, nested
/// ten deep in kernel headers, are never expanded. Braces are counted as
/// written, on the assumption the text skip makes too: a macro used in a
/// body opens and closes its own braces. A macro whose replacement list
/// does not is expanded. One per TU (it remembers macros).
class BodyTokenSkipper {
public:
  /// Called where skipBodyText is, after it declined: reads up to the
  /// body's closing brace and hands that brace back to the parser. Returns
  /// false, having read nothing, where it cannot know the parser has just
  /// read the body's `{` (backtracking, C++). Reaching the main file means
  /// the count went wrong (a macro's brace hidden one macro deeper): that
  /// is reported as an error, so the TU is marked as parsed with errors.
  bool skip(clang::Preprocessor &PP);

private:
  bool opensOrClosesBraces(const clang::MacroInfo &MI);
  llvm::DenseMap<const clang::MacroInfo *, bool> Unbalanced;
};

} // namespace mmapmigrate

#endif
