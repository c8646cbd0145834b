//===- EffectData.h - Kernel API whose effect in prepare is known -*- C++ -*-===//
//
// The effect check's knowledge of kernel functions it does not follow into
// (extern, or bodies the scan skips): matchers/data/kernel-effects.yaml,
// compiled into the tool so that a cached result always matches the data
// that produced it (the tool's identity keys the cache).
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_EFFECTDATA_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_EFFECTDATA_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mmapmigrate {

/// What calling a known kernel function does, as far as prepare cares.
enum class KnownEffectKind { Reads, Harmless, Lock, Unlock, Identity, State };

struct KnownEffect {
  std::string Name;
  KnownEffectKind Effect = KnownEffectKind::State;
  std::string Family; ///< Locks: unlock pairs with a lock of the same family.
  unsigned LockArg = 0; ///< Locks: the argument that names the lock; state: the state.
  std::string Why;    ///< The line a reviewer reads.
  /// State: what the call does to the state argument `arg` names, so that
  /// an undo in vm_ops->close can be paired with it (StateLifetime.h).
  enum class Change { None, Up, Down, Set, Clear, Assign } StateChange = Change::None;
  int BitArg = -1;   ///< Bitops: the argument holding the bit number.
  int ValueArg = -1; ///< Assign (atomic_set): the argument holding the value.
  bool Allocates = false; ///< State: returns memory it allocated.
};

/// The entry for function \p Name, or nullptr.
const KnownEffect *lookupKnownEffect(llvm::StringRef Name);

/// True for the logging macros (printk, dev_err, WARN_ON, ...).
bool isLoggingMacro(llvm::StringRef Name);

/// True when \p Path ends with one of the headers the logging macros are
/// written in.
bool isLoggingHeader(llvm::StringRef Path);

/// Parses the compiled-in data; a message when it is malformed (a build
/// bug, checked by the unit tests), empty when it is fine.
std::string effectDataError();

} // namespace mmapmigrate

#endif
