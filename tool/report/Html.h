//===- Html.h - The census as one self-contained HTML page --------*- C++ -*-===//
//
// For people who would rather look than read: the totals, the convert /
// manual split, a chart of handlers per subsystem and kind, and a table of
// every handler with its reasons and links to the lines. One file that works
// offline: inline CSS, the charts as inline SVG drawn here (no script needed
// to see anything), a little inline script for sorting and filtering, nothing
// fetched. The same census gives the same bytes: no dates.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_REPORT_HTML_H
#define MMAP_MIGRATE_TOOL_REPORT_HTML_H

#include "matchers/core/Census.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mmapmigrate {

struct HtmlOptions {
  /// Where line links point: {path} (relative to the tree) and {line} are
  /// replaced, e.g. https://elixir.bootlin.com/linux/v6.12/source/{path}#L{line}.
  /// Empty: file:// URLs of the absolute paths, with #L<line>.
  std::string LinkTemplate;
};

/// The page for \p C, paths relative to \p Root.
std::string censusToHtml(const Census &C, llvm::StringRef Root, const HtmlOptions &Opts);

/// The subsystem the page files \p Path (relative to the tree) under: its
/// first directory, and the second too under drivers/ and arch/, where the
/// first says little (drivers/gpu/drm/x.c: drivers/gpu; fs/proc/x.c: fs).
/// A file at the top is "(top)"; an absolute path, "(outside the tree)".
std::string subsystemOf(llvm::StringRef Path);

/// \p S with & < > " ' as character references: safe as text and as a
/// quoted attribute value.
std::string htmlEscape(llvm::StringRef S);

/// The link to \p Line (0: the file) of \p File, an absolute path: the
/// template filled in when \p File is under \p Root, else a file:// URL.
std::string lineUrl(llvm::StringRef File, unsigned Line, llvm::StringRef Root,
                    llvm::StringRef Template);

} // namespace mmapmigrate

#endif
