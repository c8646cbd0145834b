//===- ToolRunner.cpp - How the tool runs clang over many TUs -------------===//
#include "matchers/find/ToolRunner.h"

#include "clang/Tooling/ArgumentsAdjusters.h"

namespace mmapmigrate {

void configureTool(clang::tooling::ClangTool &Tool, std::vector<std::string> Before,
                   const std::vector<std::string> &After) {
  Tool.setPrintErrorMessage(false);
  Before.push_back("-resource-dir=" MMAP_MIGRATE_CLANG_RESOURCE_DIR);
  Before.push_back("-fno-caret-diagnostics");
  Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      Before, clang::tooling::ArgumentInsertPosition::BEGIN));
  Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      After, clang::tooling::ArgumentInsertPosition::END));
}

} // namespace mmapmigrate
