//===- ConfigFlip.h - The configuration that compiles a skipped block -*- C++ -*-===//
//
// A handler whose body has `#ifdef CONFIG_MMU ... #else ... #endif` is two
// handlers, one per configuration. The block one parse skips is compiled
// by a parse with its macro set the other way: a header -included after
// the build's own configuration (`#undef X`, or `#define X 1`). The scan
// analyses and plans each arm so, and the verifier compiles each.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CORE_CONFIGFLIP_H
#define MMAP_MIGRATE_MATCHERS_CORE_CONFIGFLIP_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// What makes the preprocessor take the block skipped at \p At of \p Text:
/// a header to -include after the configuration's own, how to say it
/// ("`CONFIG_MMU` unset"), or why it cannot be written.
struct ConfigFlip {
  std::string Header, Says, Why;
};

/// \p At: the offset of the skipped block's directive line (`#else`,
/// `#ifdef X`), as clang's SourceRangeSkipped gives it.
ConfigFlip flipFor(llvm::StringRef Text, unsigned At);

/// One arm of a conditional: from its directive's line to the next
/// directive of the same group.
struct ConditionalArm {
  unsigned Directive = 0; ///< Offset of the `#if`/`#elif`/`#else` line.
  unsigned Begin = 0;     ///< The arm's code: after that line...
  unsigned End = 0;       ///< ...up to the next directive line of the group.
};

/// `#if ... [#elif ...] [#else ...] #endif`, nested ones counted apart.
struct ConditionalGroup {
  std::vector<ConditionalArm> Arms;
  unsigned Endif = 0;
};

/// The conditional groups whose `#if` line starts in [From, To) of \p Text,
/// nested ones too; a group not closed before \p To is left out.
std::vector<ConditionalGroup> conditionalGroups(llvm::StringRef Text, unsigned From, unsigned To);

} // namespace mmapmigrate

#endif
