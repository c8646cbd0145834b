//===- ToolRunner.h - How the tool runs clang over many TUs ------*- C++ -*-===//
//
// The scan and the rewrite's verification both parse TUs in parallel with
// the same compiler set-up; this is that set-up, in one place.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_TOOLRUNNER_H
#define MMAP_MIGRATE_MATCHERS_FIND_TOOLRUNNER_H

#include "clang/Tooling/Tooling.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// Quiets \p Tool and adds the user's flags (\p Before / \p After), clang's
/// resource dir (the tool's binary may live anywhere), and the flag that
/// keeps clang from printing "N errors generated." itself.
void configureTool(clang::tooling::ClangTool &Tool, std::vector<std::string> Before,
                   const std::vector<std::string> &After);

} // namespace mmapmigrate

#endif
