//===- RawBodySkip.h - Skip a function body without preprocessing it -*- C++ -*-===//
//
// Clang skips an unwanted function body by lexing it through the
// preprocessor, so every macro in it is still expanded: in kernel headers,
// where most bodies are skipped, that is a large part of a TU's parse. When
// the body's text has no directive, its closing brace can be found on the
// raw text and the file lexer moved there; the parser then sees `{ }`.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_RAWBODYSKIP_H
#define MMAP_MIGRATE_MATCHERS_RAWBODYSKIP_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>

namespace clang {
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

} // namespace mmapmigrate

#endif
