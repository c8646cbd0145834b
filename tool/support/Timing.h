//===- Timing.h - Seconds since a moment, for -v lines and estimates -*- C++ -*-===//
#ifndef MMAP_MIGRATE_TOOL_SUPPORT_TIMING_H
#define MMAP_MIGRATE_TOOL_SUPPORT_TIMING_H

#include <chrono>

namespace mmapmigrate {

inline double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
}

} // namespace mmapmigrate

#endif
