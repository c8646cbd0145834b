//===- HalfConversion.h - Signs of a rename that stopped half-way -*- C++ -*-===//
//
// A conversion renames foo_mmap to foo_mmap_prepare in three places: the
// definition, its prototypes and the slots. A hand conversion that stopped,
// a partly applied patch or an interrupted tool run leaves some renamed and
// some not. The compiler sees one file at a time and each may still build,
// so these checks read the tree's text for the names the slots give.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_HALFCONVERSION_H
#define MMAP_MIGRATE_MATCHERS_FIND_HALFCONVERSION_H

#include "matchers/core/Census.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// How a file's text uses a name.
enum class NameUseKind {
  Definition, ///< At file scope, with a body.
  Prototype,  ///< At file scope, ending in ';'.
  Slot,       ///< The value of an assignment or designator: `= name`.
  Other,      ///< Anything else (a call, a macro argument, a #define).
};

struct NameUse {
  NameUseKind K;
  unsigned Line = 0;
};

/// Every use of \p Name in \p Code (comments already blanked).
std::vector<NameUse> usesOf(llvm::StringRef Code, llvm::StringRef Name);

/// The `.mmap_prepare = name` (or `->mmap_prepare = name`) of \p Code
/// (comments blanked): each name with its line.
std::vector<std::pair<std::string, unsigned>> prepareSlotsOf(llvm::StringRef Code);

/// True for an entry findHalfConversions made.
bool isHalfConversion(const NotAnalysed &N);

/// The files among the tree's that mention any of the words.
using FilesMentioningFn =
    llvm::function_ref<std::vector<std::string>(const std::set<std::string> &)>;

/// The half-conversions of a tree, as not-analysed entries whose reason
/// starts "half-converted:":
///  - a .mmap_prepare slot naming a function no file defines, while its
///    ->mmap form (the name without _prepare) is still defined;
///  - a .mmap slot naming a handler no file defines, while its _prepare
///    form is defined;
///  - a prototype of such a handler, which nothing defines any more.
/// Reported only on that evidence: a name some file uses in another way (a
/// macro may define it) is not judged. Paths in reasons are relative to
/// \p Root.
std::vector<NotAnalysed> findHalfConversions(const Census &C, llvm::StringRef Root,
                                             FilesMentioningFn Mentioning);

} // namespace mmapmigrate

#endif
