//===- RunLog.h - What a run says as it goes, for the CLI to print -*- C++ -*-===//
//
// Library code returns results and errors. What it has to say on the way
// (timings under -v, a warning, a wait for a lock, parse progress) goes
// here, and only the CLI decides where that goes: stderr, a terminal's
// progress line, nowhere (a test, another program using the library).
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_SUPPORT_RUNLOG_H
#define MMAP_MIGRATE_TOOL_SUPPORT_RUNLOG_H

#include "llvm/ADT/Twine.h"

#include <cstddef>
#include <functional>
#include <string>

namespace mmapmigrate {

/// Each sink may be called from several threads at once, and is called
/// with whole lines (no newline, no tool-name prefix).
struct RunLog {
  /// What -v shows ("first pass: 1.21 s"); unset when not wanted, and then
  /// nothing is formatted for it.
  std::function<void(const std::string &)> Note;
  /// What the user must see whatever the verbosity: warnings ("warning:
  /// --arch s390 left out: ..."), waits for another run.
  std::function<void(const std::string &)> Say;
  /// TUs parsed so far of \p Total, and a guess of the seconds left;
  /// called with Done == Total when the batch is over. Unset: not wanted.
  std::function<void(size_t Done, size_t Total, double SecondsLeft)> Progress;

  bool verbose() const { return bool(Note); }
  void note(const llvm::Twine &Msg) const {
    if (Note)
      Note(Msg.str());
  }
  void say(const llvm::Twine &Msg) const {
    if (Say)
      Say(Msg.str());
  }
};

} // namespace mmapmigrate

#endif
