//===- BodyConfigPass.h - Check a handler in each configuration of its body -*- C++ -*-===//
//
// A handler whose body skips a block in this configuration (`#else` of
// `#ifdef CONFIG_MMU`) converts only if each configuration does: its TU is
// parsed again with the block's macro set the other way, the handler
// analysed and planned there, and the plans of the two parses merged. Until
// then the analysis's body-conditional finding blocks.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_BODYCONFIGPASS_H
#define MMAP_MIGRATE_TOOL_DRIVER_BODYCONFIGPASS_H

#include "tool/driver/ResultCache.h"
#include "tool/driver/ScanDriver.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// For each handler of \p Results with a body conditional: parses its TU
/// once per flip its skipped blocks need (headers written under \p CacheDir,
/// or to a folder of this run's when it is ""),
/// then either turns its body-conditional finding into a note, with the
/// plans of every configuration merged into \p Plans (beside \p Results),
/// or makes the finding say which configuration blocks and why. Returns
/// the TUs parsed again.
std::vector<std::string> checkBodyConfigurations(const clang::tooling::CompilationDatabase &DB,
                                                 std::vector<TuResult> &Results,
                                                 std::vector<RewritePlans> &Plans,
                                                 const TuScanOptions &ScanOpts,
                                                 const ScanOptions &Opts, ResultCache &Cache,
                                                 const std::string &CacheDir);

} // namespace mmapmigrate

#endif
