//===- Classifier.h - Kind and verdict of an ->mmap handler ------*- C++ -*-===//
//
// Turns the findings of a handler into conclusions: its kind (the most
// restrictive finding), every kind seen, and whether the default profile
// (7.1) can convert it. Each kind has one verdict rule that names what blocks
// conversion; when in doubt the verdict is manual.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_CLASSIFIER_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_CLASSIFIER_H

#include "matchers/core/Census.h"

#include <optional>

namespace mmapmigrate {

/// The conclusions about one handler.
struct Classification {
  std::optional<Kind> K;   ///< Unset when the handler was not analysed.
  std::vector<Kind> Kinds; ///< Every kind among the findings, in order.
  Verdict V = Verdict::Manual;
  /// Why the verdict is not `convert` (empty when it is).
  std::string Blocker;
};

Classification classifyHandler(const MmapHandler &H);

/// A handler some fops site names, with its classification and its sites.
struct ClassifiedHandler {
  const MmapHandler *H;
  Classification C;
  std::vector<const FopsSite *> Sites;
};

/// The handlers of \p C that some site names, classified, in source order.
std::vector<ClassifiedHandler> classifyAll(const Census &C);

} // namespace mmapmigrate

#endif
