//===- MentionIndex.h - Where the tree's code names a word ------*- C++ -*-===//
//
// A rename is safe only when every mention moves with it: the checks that
// say so ask this index, read in one pass over the files that may name any
// of the words, however many handlers and macros need checking.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_PLAN_MENTIONINDEX_H
#define MMAP_MIGRATE_REWRITES_PLAN_MENTIONINDEX_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

class MentionIndex {
public:
  /// Keeps the code (comments blanked: a stale comment breaks nothing) of
  /// those of \p Files that hold any of \p Words.
  MentionIndex(const std::vector<std::string> &Files, const std::set<std::string> &Words);

  /// Calls \p Each for every whole-word \p Word with the file, its code, the
  /// offset and the line; the first non-empty answer is returned.
  std::string find(const std::string &Word,
                   llvm::function_ref<std::string(const std::string &File, llvm::StringRef Code,
                                                  size_t At, unsigned Line)>
                       Each) const;

private:
  std::map<std::string, std::string> Code; ///< Sorted: answers do not depend on listing order.
  /// Each word's mentions (file, offset), in Code's order, once asked.
  mutable std::map<std::string, std::vector<std::pair<const std::string *, size_t>>> Hits;
  mutable std::mutex HitsLock;
};

} // namespace mmapmigrate

#endif
