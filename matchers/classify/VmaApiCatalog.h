//===- VmaApiCatalog.h - What known kernel calls mean for ->mmap -*- C++ -*-===//
//
// Kernel API knowledge used by the classifier: which callees set up the VMA,
// prepopulate it, cut it, drop the mmap lock, forward it, or have side
// effects that assume the mapping will exist. Kept as one table so adding a
// helper is one line.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_VMAAPICATALOG_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_VMAAPICATALOG_H

#include "matchers/core/Census.h"
#include "llvm/ADT/StringRef.h"

namespace mmapmigrate {

/// The meaning of one known callee.
struct KnownCallee {
  const char *Name;
  Kind K;
  const char *Rule;
  /// Message template; "%s" is replaced by the callee name.
  const char *Message;
  /// For setup helpers: the descriptor API has an equivalent, so a
  /// rewrite can keep the call's meaning.
  bool HasDescForm = false;
};

/// Looks \p Name up in the catalogue; nullptr when unknown.
const KnownCallee *lookupKnownCallee(llvm::StringRef Name);

/// The generic ->mmap implementations a slot can name directly.
bool isGenericMmap(llvm::StringRef Name);

/// Fields of vm_area_struct that vm_area_desc has an equivalent for.
bool vmaFieldHasDescEquivalent(llvm::StringRef Field);

} // namespace mmapmigrate

#endif
