//===- ToolRunner.cpp - How the tool runs clang over many TUs -------------===//
#include "matchers/ToolRunner.h"

#include "clang/Tooling/ArgumentsAdjusters.h"

#include <algorithm>
#include <atomic>
#include <thread>

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

void runInParallel(size_t N, unsigned Jobs, const std::function<void(size_t)> &Work) {
  if (!Jobs)
    Jobs = std::max(1u, std::thread::hardware_concurrency());
  Jobs = std::min<size_t>(Jobs, std::max<size_t>(1, N));
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I; (I = Next++) < N;)
      Work(I);
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 1; T < Jobs; ++T)
    Threads.emplace_back(Worker);
  Worker();
  for (std::thread &T : Threads)
    T.join();
}

} // namespace mmapmigrate
