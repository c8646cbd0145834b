//===- SlotText.h - mmap slot assignments found in raw text -----*- C++ -*-===//
//
// Code the preprocessor skipped (an inactive #if arm) is never parsed, yet a
// `.mmap = foo` in it is an implementation some configuration builds. This
// finds such assignments in raw text. It runs on every skipped range of
// every TU, headers included, so it looks only where "mmap" occurs.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_SLOTTEXT_H
#define MMAP_MIGRATE_MATCHERS_FIND_SLOTTEXT_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <vector>

namespace mmapmigrate {

/// One `.mmap = NAME` or `->mmap = NAME` (blanks allowed around `=` and
/// after the `.`/`->`) in some text.
struct SlotAssignment {
  size_t Offset;        ///< Of the `.` or `->`.
  llvm::StringRef Name; ///< The identifier assigned.
  bool Proc;            ///< The member is `proc_mmap` (proc_ops), not `mmap`.
};

/// Every slot assignment in \p Text, in order. Same matches as the regex
/// `(\.|->)[ \t]*(proc_)?mmap[ \t]*=[ \t]*([A-Za-z_][A-Za-z0-9_]*)`.
std::vector<SlotAssignment> findSlotAssignments(llvm::StringRef Text);

} // namespace mmapmigrate

#endif
