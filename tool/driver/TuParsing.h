//===- TuParsing.h - Parse the chosen TUs, through the result cache -*- C++ -*-===//
//
// The scan's parse step: each TU parsed on its own thread with its own file
// system view over one shared stat cache, or taken from the result cache
// while every file it read is unchanged; a crash in clang costs that TU only.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_TUPARSING_H
#define MMAP_MIGRATE_TOOL_DRIVER_TUPARSING_H

#include "tool/driver/ResultCache.h"
#include "tool/driver/ScanDriver.h"

#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// Parses \p Files with \p Opts.Jobs threads; results (and the planner's
/// plans, in \p Plans) in the order of Files.
std::vector<TuResult> parseAll(const clang::tooling::CompilationDatabase &DB,
                               const std::vector<std::string> &Files,
                               const TuScanOptions &ScanOpts, const ScanOptions &Opts,
                               ResultCache &Cache, std::vector<RewritePlans> &Plans);

/// Names of handlers that some site names but no parsed TU defines.
std::set<std::string> handlersWithoutBody(const std::vector<TuResult> &Results);

} // namespace mmapmigrate

#endif
