//===- CensusMerge.h - One census from many TUs ------------------*- C++ -*-===//
//
// Each TU is scanned alone; the census is their merge, made independent of
// TU order, with calls across files judged on the callees' summaries.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_CENSUSMERGE_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_CENSUSMERGE_H

#include "matchers/core/Census.h"

#include <map>
#include <set>

namespace mmapmigrate {

/// Which of mergeResults' inputs (an index into its argument) each kept
/// handler and site was taken from, so that what a later stage made per TU
/// beside the facts (the rewrite's plans) follows the same choice.
struct MergeOrigins {
  std::map<std::string, size_t> Handlers; ///< By MmapHandler::Key.
  std::map<SiteKey, size_t> Sites;
  std::map<SourcePos, size_t> Uses; ///< By MmapMemberUse::Pos.
};

/// Merges per-TU results into one census, independent of TU order: sites
/// and tables deduplicated by location, each handler kept once (a version
/// with a body wins over a declaration, a clean TU over one with errors).
/// Calls to functions of other files are judged on their summaries.
/// \p Origins, when given, receives which input each kept handler and site
/// came from.
Census mergeResults(std::vector<TuResult> Results, MergeOrigins *Origins = nullptr);

/// Judges each handler's calls to functions of other files on their
/// summaries: a call to a function whose every statement is claimed becomes
/// a claim, one to a function with findings names the first of them. A
/// name with no summary, or two definitions, stays unknown.
void applySummaries(std::vector<MmapHandler *> &Handlers,
                    const std::vector<const FunctionSummary *> &Summaries);

/// \p H without the calls that wait for a summary (Finding::ExternCallee):
/// what it would be if every such function turned out harmless.
MmapHandler withoutExternCallees(const MmapHandler &H);

/// \p H in one configuration: without its body-conditional finding, which
/// the scan judges once every configuration is parsed (BodyConfigPass.h).
MmapHandler withoutBodyConditional(const MmapHandler &H);

/// The externally visible functions that \p H calls with no body in its
/// TU, when nothing else stops it from converting (only those are worth a
/// summary).
std::set<std::string> calleesWorthSummaries(const MmapHandler &H);

} // namespace mmapmigrate

#endif
