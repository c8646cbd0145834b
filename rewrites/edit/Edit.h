//===- Edit.h - Edits as data ----------------------------------*- C++ -*-===//
//
// Analysis never writes files: a rewrite is a list of replacements (file,
// byte offset, length, text) until the one applier (EditApplier) writes or
// prints them.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_EDIT_H
#define MMAP_MIGRATE_REWRITES_EDIT_EDIT_H

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace mmapmigrate {

/// Replace Length bytes at Offset of File (absolute real path) with Text.
struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;

  bool operator<(const Edit &O) const {
    return std::tie(File, Offset, Length, Text) < std::tie(O.File, O.Offset, O.Length, O.Text);
  }
  bool operator==(const Edit &O) const {
    return File == O.File && Offset == O.Offset && Length == O.Length && Text == O.Text;
  }
};

/// The edits of one unit of change (a handler, a slot), all or nothing:
/// when Refusal is set there are no edits, only the reason.
struct EditPlan {
  std::vector<Edit> Edits;
  std::string Refusal;
  /// Things the patch text must say (e.g. an error code that changes).
  std::vector<std::string> Notes;
  /// file_operations members the unit needs next to its slot (the RFC's
  /// mmap_complete); each slot's own plan adds them.
  std::vector<std::string> AddedSlots;
  /// Content hash of every file the edits touch, as parsed; the applier
  /// refuses a file that changed since.
  std::vector<std::pair<std::string, uint64_t>> FileHashes;

  bool refused() const { return !Refusal.empty(); }
};

} // namespace mmapmigrate

#endif
