//===- Maintainers.h - Which MAINTAINERS section owns a file -----*- C++ -*-===//
//
// A patch series has one patch per driver or filesystem; the kernel's own
// answer to "which driver is this file" is its MAINTAINERS section. The
// matching follows scripts/get_maintainer.pl: F: patterns are globs
// anchored at the tree root, a pattern naming a directory covers what is
// below it, X: excludes, and the deepest matching pattern wins.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SERIES_MAINTAINERS_H
#define MMAP_MIGRATE_TOOL_SERIES_MAINTAINERS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmapmigrate {

class MaintainersFile {
public:
  /// Parses the text of a MAINTAINERS file. \p IsDir says whether a
  /// tree-relative path is a directory (a pattern naming one gets a '/').
  MaintainersFile(llvm::StringRef Text, llvm::function_ref<bool(llvm::StringRef)> IsDir);

  /// The title of the most specific section whose F: patterns cover
  /// \p RelPath (tree-relative), or "" when none does (other than
  /// catch-alls such as THE REST).
  std::string sectionOf(llvm::StringRef RelPath) const;

  /// The S: status of that section ("Maintained", "Obsolete", ...), or "".
  std::string statusOf(llvm::StringRef RelPath) const;

  size_t size() const { return Sections.size(); }

private:
  struct Section {
    std::string Title, Status;
    std::vector<std::string> Files, Excluded;
  };
  std::vector<Section> Sections;
  const Section *bestSection(llvm::StringRef RelPath) const;
};

/// Whether glob \p Pattern (`*`, `?`) matches a prefix of \p Path and, for a
/// pattern that does not end in '/', \p Path has as many '/' as it does
/// (get_maintainer.pl's file_match_pattern).
bool maintainersPatternMatches(llvm::StringRef Pattern, llvm::StringRef Path);

/// Recipients for one patch: maintainers in To, everyone else (reviewers,
/// supporters, lists) in Cc, as plain addresses git send-email takes.
struct MailRecipients {
  std::vector<std::string> To, Cc;
};

/// Reads get_maintainer.pl's output ("Name <addr> (role:SECTION (X),...)",
/// "list@host (open list:SECTION)"): the address part of each line, its role
/// deciding To or Cc. Lines with no address are dropped.
MailRecipients parseGetMaintainerOutput(llvm::StringRef Out);

/// `local@domain` or `Display Name <local@domain>`, nothing more: what a
/// To:/Cc: entry must be.
bool isPlainMailAddress(llvm::StringRef Entry);

} // namespace mmapmigrate

#endif
