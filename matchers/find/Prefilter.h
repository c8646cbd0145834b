//===- Prefilter.h - Cheap text pass that picks the TUs to parse -*- C++ -*-===//
//
// Parsing a kernel TU costs about half a second, so the scan first reads
// sources as text and keeps only those that can hold an mmap slot: files
// that assign an `mmap` member, or that use a macro known to build a fops
// table with one (found by reading the headers' #defines), or that define a
// handler a table elsewhere names.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_PREFILTER_H
#define MMAP_MIGRATE_MATCHERS_FIND_PREFILTER_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mmapmigrate {

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

/// Whether \p Text reads an `->mmap` member (of any table: only the parse
/// tells a file_operations), calls call_mmap(), or passes `mmap` as a whole
/// argument (a macro may make it a member access) outside comments: a core
/// caller the rewrite may have to change, or a use that bars tables.
bool usesMmapHook(llvm::StringRef Text);

/// The first line of \p Text that calls call_mmap() or uses an `->mmap`
/// member (of any table, as text cannot tell) other than as a bare test (a call, a copy of the pointer), outside
/// comments; 0 if none. For files no TU parsed: a test left there refuses
/// the file, but such a use may be what a rewritten test lets through.
unsigned firstMmapHookCallLine(llvm::StringRef Text);
/// A use of the slot by text: a call_mmap() call, or an `->mmap` member
/// (at its `mmap` token), 1-based.
struct TextHookUse {
  unsigned Line = 0, Col = 0;
  bool Member = false;
  bool ThroughFop = false; ///< `x->f_op->mmap`: a file's table.
  bool BareTest = false;   ///< Only tested: what firstMmapHookCallLine() skips.
};
/// For a preprocessor block no parse sees: the line of its first use of
/// another table's ->mmap (InactiveTableUseReason), else of its first call
/// of the slot (InactiveHookCallReason); 0 if none.
std::pair<unsigned, const char *> inactiveHookUse(llvm::StringRef Block);
/// Every use firstMmapHookUseLine() looks at, in order, bare tests marked.
std::vector<TextHookUse> mmapHookUsesByText(llvm::StringRef Text);
/// The first line that uses the slot in any way, bare tests included.
unsigned firstMmapHookUseLine(llvm::StringRef Text);

/// Files among \p Files whose text \p Holds (files that cannot be read are
/// left out), in their order, read on \p Jobs threads.
std::vector<std::string> filesWhoseText(const std::vector<std::string> &Files, unsigned Jobs,
                                        llvm::function_ref<bool(llvm::StringRef)> Holds);

/// Files among \p Files whose text starts a line with something that looks
/// like a definition of one of \p Names (`... name(` at column 0).
std::vector<std::string> filesDefining(const std::vector<std::string> &Files,
                                       const std::set<std::string> &Names, unsigned Jobs = 1);

/// Files among \p Files that may call one of \p Places (TableFlow.h): they
/// name the function, or call through a member of that name.
std::vector<std::string> filesCalling(const std::vector<std::string> &Files,
                                      const std::set<std::string> &Places, unsigned Jobs = 1);

} // namespace mmapmigrate

#endif
