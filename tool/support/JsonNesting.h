//===- JsonNesting.h - Refuse JSON too deep to parse safely ------*- C++ -*-===//
//
// llvm::json::parse and clang's compilation-database loader recurse once
// per nesting level: a file nested a few thousand levels deep (a bad
// compile_commands.json, a hostile baseline) overflows the stack. Real
// inputs nest a handful of levels, so a linear pre-check refuses anything
// deeper than a generous limit before a parser sees it.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SUPPORT_JSONNESTING_H
#define MMAP_MIGRATE_TOOL_SUPPORT_JSONNESTING_H

#include "llvm/ADT/StringRef.h"

namespace mmapmigrate {

/// Deeper than any file this tool reads (SARIF nests about 10 levels).
constexpr unsigned MaxJsonNesting = 200;

/// The deepest nesting of arrays and objects in \p Text (strings skipped),
/// counting no further than \p Limit + 1.
unsigned jsonNestingDepth(llvm::StringRef Text, unsigned Limit = MaxJsonNesting);

/// Whether \p Text nests no deeper than MaxJsonNesting.
inline bool jsonNestingIsSafe(llvm::StringRef Text) {
  return jsonNestingDepth(Text) <= MaxJsonNesting;
}

} // namespace mmapmigrate

#endif
