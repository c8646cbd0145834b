//===- SeriesPlan.h - Which conversion goes into which patch ------*- C++ -*-===//
//
// Turns a rewrite plan into the patches of a series, the way the upstream
// conversions were posted: identical trivial conversions (slots naming the
// core's generic_file_mmap) in one patch, every other driver or filesystem
// in its own, patches that change a header first, at most 15 per series.
// The core callers go before all of them (calls to vfs_mmap(), then tests
// to can_mmap_file()), as upstream's 6.17 series did.
// No git and no text here: what goes where, and in which order.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SERIES_SERIESPLAN_H
#define MMAP_MIGRATE_TOOL_SERIES_SERIESPLAN_H

#include "tool/driver/RewriteDriver.h"

#include <functional>
#include <string>
#include <vector>

namespace mmapmigrate {

/// One patch: a logical change with its handlers and edits.
struct SeriesPatch {
  std::string Unit;   ///< The driver or filesystem (MAINTAINERS section or folder).
  std::string Prefix; ///< Subject prefix, e.g. "drm/foo" or "char: hpet".
  std::vector<const HandlerOutcome *> Handlers; ///< Source order.
  std::vector<Edit> Edits;        ///< Sorted; none repeated from an earlier patch.
  std::vector<std::string> Files; ///< Absolute paths the edits touch, sorted.
  /// It holds the identical conversion of slots that name the core's
  /// generic helper (alone, unless a unit has the same prefix).
  bool Trivial = false;
  /// It changes a header (an exported handler's prototype): others may
  /// build on it, so it goes first.
  bool ChangesHeader = false;
  /// The core callers' edits (CoreCallsOwner or CoreTestsOwner), with the
  /// uses they rewrite; no handlers then.
  std::string CoreOwner;
  std::vector<const CoreUseOutcome *> CoreUses;
};

struct SeriesGrouping {
  /// The driver or filesystem a source file belongs to.
  std::function<std::string(const std::string &AbsFile)> UnitOf;
  /// The subject prefix for a patch whose handlers are defined in \p Files.
  std::function<std::string(const std::vector<std::string> &AbsFiles)> PrefixOf;
};

/// The patches for the converted handlers of \p Plan, in series order.
/// Patches whose prefixes come out equal are one patch (subjects must be
/// unique within a series).
std::vector<SeriesPatch> planPatches(const RewritePlan &Plan, const SeriesGrouping &G);

/// [begin, end) index ranges of \p Count patches cut into series of at
/// most \p Max, as even as possible (14 + 13, not 15 + 12).
std::vector<std::pair<size_t, size_t>> splitIntoSeries(size_t Count, size_t Max = 15);

/// The prefix most of \p Subjects (newest first, from `git log`) use:
/// the text before the last ": " ("drm/i915: fix x" -> "drm/i915"). Reverts,
/// merges and tree-wide changes do not count; "" when no prefix recurs or
/// only one commit has one.
std::string prefixFromSubjects(const std::vector<std::string> &Subjects);

/// A prefix from the path alone, for trees without history:
/// fs/ext4/file.c -> "ext4", drivers/char/hpet.c -> "char: hpet",
/// drivers/gpu/drm/tiny/x.c -> "drm/tiny", drivers/misc/foo/bar.c -> "misc: foo".
/// A path ending in '/' is a folder: drivers/char/ -> "char".
std::string prefixFromPath(llvm::StringRef RelPath);

/// The prefix for a patch whose handlers live in \p RelPaths: the path's
/// when there is one file, else that of the folder they share.
std::string prefixFromPaths(const std::vector<std::string> &RelPaths);

} // namespace mmapmigrate

#endif
