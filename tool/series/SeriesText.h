//===- SeriesText.h - Subjects, commit messages and cover letters -*- C++ -*-===//
//
// The words of a patch series, in the form the kernel's submitting-patches
// document asks for: "subsys: summary" subjects of at most 75 characters,
// bodies wrapped at 75 columns that say what changed and what to watch
// for, a Signed-off-by trailer, and a cover letter with the census.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SERIES_SERIESTEXT_H
#define MMAP_MIGRATE_TOOL_SERIES_SERIESTEXT_H

#include "tool/series/SeriesPlan.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// The summary every converted patch carries after its prefix.
extern const char *const SeriesSummary;

/// "prefix: replace deprecated mmap hook with mmap_prepare", shortened
/// (never the prefix) to fit 75 characters.
std::string patchSubject(llvm::StringRef Prefix, const Profile &P);

/// The subject of \p Patch: patchSubject(), or the core callers' own.
std::string subjectOf(const SeriesPatch &Patch, const Profile &P);

/// \p Text as lines of at most \p Width columns (words longer than that
/// stay whole), the first line starting with \p First, the others with
/// \p Rest.
std::string wrapParagraph(llvm::StringRef Text, unsigned Width = 75, llvm::StringRef First = "",
                          llvm::StringRef Rest = "");

/// The commit message: subject, body, Signed-off-by: \p Signoff.
std::string commitMessage(const SeriesPatch &Patch, const Profile &P, llvm::StringRef Signoff,
                          llvm::StringRef Root = "");

/// What a cover letter says besides git's shortlog and diffstat.
struct CoverFacts {
  size_t Part = 1, Parts = 1;
  size_t Patches = 0;         ///< In this part.
  size_t Handlers = 0;        ///< Converted in this part.
  std::string ProfileWhy;     ///< e.g. "profile 7.1 (detected from the tree's headers)"
  bool TreeHasApi = true;     ///< The base's headers declare the profile's API.
  std::string Config;         ///< e.g. "x86_64 allmodconfig"
};

/// The cover letter's subject (without "[PATCH 0/N]").
std::string coverSubject(const Profile &P, const CoverFacts &F);

/// The cover letter's body: why, what the series does, the census of the
/// tree by kind, and every handler left alone with the reason.
std::string coverBody(const RewritePlan &Plan, const Profile &P, const CoverFacts &F);

} // namespace mmapmigrate

#endif
