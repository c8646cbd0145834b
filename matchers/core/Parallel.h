//===- Parallel.h - One loop over many items on many threads ----*- C++ -*-===//
#ifndef MMAP_MIGRATE_MATCHERS_CORE_PARALLEL_H
#define MMAP_MIGRATE_MATCHERS_CORE_PARALLEL_H

#include <cstddef>
#include <functional>

namespace mmapmigrate {

/// Calls \p Work(I) for I in [0, N) on \p Jobs threads (0: one per core).
void runInParallel(size_t N, unsigned Jobs, const std::function<void(size_t)> &Work);

} // namespace mmapmigrate

#endif
