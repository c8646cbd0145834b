//===- TextSlots.h - Other ops tables' mmap slots, read from the text -*- C++ -*-===//
//
// The text-only finder: files whose only mmap members sit in other ops
// tables (proto_ops, fb_ops, ...) are reported from their text, without a
// parse, when the text alone proves that no file_operations is involved.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_TEXTSLOTS_H
#define MMAP_MIGRATE_MATCHERS_FIND_TEXTSLOTS_H

#include "matchers/find/Prefilter.h"

#include <optional>

namespace mmapmigrate {

/// An mmap member of another ops table, read from the text.
struct TextSlot {
  std::string Type;    ///< "struct proto_ops"
  std::string Field;   ///< "mmap"
  std::string Table;   ///< The variable.
  std::string Handler; ///< The function named, or "NULL".
  unsigned Line = 0, Col = 0; ///< Of the handler, 1-based.
};

/// The mmap members of \p Text when the text alone proves none of them is
/// in a struct file_operations: the file never names file_operations, no
/// mmap member is assigned at run time, and each sits in a top-level
/// `struct T name = { ... }` outside any #if, written out or as a use of
/// one of \p Lists (the slot is then where the macro is used). None when
/// the file must be parsed to tell (the caller also checks that no other
/// fops-building macro is used). \p Why, if given, says why.
std::optional<std::vector<TextSlot>> otherTableSlotsByText(llvm::StringRef Text,
                                                          std::string *Why = nullptr,
                                                          const SlotListMacros *Lists = nullptr);

} // namespace mmapmigrate

#endif
