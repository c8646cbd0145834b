//===- Prefilter.h - Cheap text pass that picks the TUs to parse -*- C++ -*-===//
//
// Parsing a kernel TU costs about half a second, so the scan first reads
// sources as text and keeps only those that can hold an mmap slot: files
// that assign an `mmap` member, or that use a macro known to build a fops
// table with one (found by reading the headers' #defines), or that define a
// handler a table elsewhere names.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_PREFILTER_H
#define MMAP_MIGRATE_TOOL_PREFILTER_H

#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// Every .c (and, with \p Headers, .h) file under \p Root/\p Sub, sorted,
/// as absolute paths. Skips userspace and build-support trees (tools/,
/// scripts/, Documentation/, usr/) and hidden directories.
std::vector<std::string> listSourceFiles(llvm::StringRef Root, llvm::StringRef Sub,
                                         bool Headers);

/// Names of macros whose definition builds an mmap slot (`.mmap = ...`),
/// directly or through another such macro, found in \p Files (read with
/// \p Jobs threads; 0: one per core).
std::set<std::string> findFopsMacros(const std::vector<std::string> &Files, unsigned Jobs = 0);

/// An mmap slot a macro's expansion sets: `.fb_mmap = fb_io_mmap`.
struct MacroSlot {
  std::string Field;
  std::string Handler;
  bool operator==(const MacroSlot &O) const { return Field == O.Field && Handler == O.Handler; }
};

/// Fops macros that expand to a list of designators and nothing else
/// (fbdev's FB_DEFAULT_IOMEM_OPS), by name: the mmap slots each sets.
using SlotListMacros = std::map<std::string, std::vector<MacroSlot>>;

/// The macros among \p Macros whose uses the text can expand: each is
/// defined once in \p Files, as a comma-separated list whose items are
/// designators, uses of other such macros, or uses of macros that set no
/// mmap member; every mmap slot in it names a function that no file
/// #defines, not a macro parameter.
SlotListMacros findSlotListMacros(const std::vector<std::string> &Files,
                                  const std::set<std::string> &Macros, unsigned Jobs = 0);

/// The slot-list macros of \p Bodies (name -> every definition's text after
/// the name, as `#define NAME` gives it), before the check that no handler
/// is itself a macro. For findSlotListMacros and its tests.
SlotListMacros slotListsOf(const std::map<std::string, std::vector<std::string>> &Bodies,
                           const std::set<std::string> &Macros);

/// True if \p Text uses one of \p Macros.
bool usesFopsMacro(llvm::StringRef Text, const std::set<std::string> &Macros);

/// The macros of \p Macros that \p Text names.
std::set<std::string> fopsMacrosUsed(llvm::StringRef Text, const std::set<std::string> &Macros);

/// True if \p Text may hold an mmap slot or use one of \p Macros.
bool mayHoldMmapSlot(llvm::StringRef Text, const std::set<std::string> &Macros);

/// Files among \p Files whose text starts a line with something that looks
/// like a definition of one of \p Names (`... name(` at column 0).
std::vector<std::string> filesDefining(const std::vector<std::string> &Files,
                                       const std::set<std::string> &Names, unsigned Jobs = 1);

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

/// \p Text with every comment replaced by spaces (newlines kept, so offsets
/// and line numbers stay); string and character literals are left alone.
std::string blankComments(llvm::StringRef Text);

/// Offsets of \p Word in \p Text where it stands as a whole identifier.
std::vector<size_t> wordOffsets(llvm::StringRef Text, llvm::StringRef Word);

/// \p Path with symlinks and dots resolved, or unchanged if it cannot be.
std::string realPath(llvm::StringRef Path);

/// Reads a whole file; false if it cannot be read or looks binary.
bool readSourceText(llvm::StringRef Path, std::string &Out);

} // namespace mmapmigrate

#endif
