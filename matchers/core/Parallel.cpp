//===- Parallel.cpp - One loop over many items on many threads ------------===//
#include "matchers/core/Parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace mmapmigrate {

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
