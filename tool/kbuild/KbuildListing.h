//===- KbuildListing.h - Which directories a kbuild listing visits --------===//
//
// The object index comes from a dry run of the whole build. Most of its
// cost is kbuild starting one make per directory (about 2,000 for x86_64
// allmodconfig), while a scan needs the objects of a few hundred. These
// helpers restrict a listing to the directories that can compile the
// sources asked about, and say which sources a restricted listing settles.
//
//===----------------------------------------------------------------------===//

#ifndef MMAP_MIGRATE_TOOL_KBUILD_KBUILDLISTING_H
#define MMAP_MIGRATE_TOOL_KBUILD_KBUILDLISTING_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>

namespace mmapmigrate {

/// Directories (relative to \p Tree, "." for the top) whose Makefile or
/// Kbuild may compile a source outside their own subtree: the file mentions
/// `..` (arch/x86/purgatory builds lib/crypto/sha256.c) or includes another
/// makefile (arch/x86/kvm includes virt/kvm/Makefile.kvm, which builds
/// virt/kvm/kvm_main.c). Every restricted listing visits these.
std::set<std::string> dirsBuildingElsewhere(llvm::StringRef Tree);

/// True if makefile text \p Text may name objects outside its directory.
bool mayBuildElsewhere(llvm::StringRef Text);

/// The directories a listing must visit to settle \p Sources (relative to
/// the tree): each source's directory, \p Elsewhere, and every parent of
/// those, up to ".". kbuild reaches a directory only through its parents.
std::set<std::string> dirsToList(llvm::ArrayRef<std::string> Sources,
                                 const std::set<std::string> &Elsewhere);

/// True if a listing that visited \p Listed settles \p Source: it visited
/// the source's directory and all its parents (and, by dirsToList, every
/// directory that builds elsewhere), so kbuild compiles the source exactly
/// if the listing printed it.
bool listingSettles(const std::set<std::string> &Listed, llvm::StringRef Source);

/// A shell script to pass to kbuild as MAKE: it runs \p RealMake except for
/// a descent (`obj=DIR`) into a directory not in \p Dirs, which it skips.
/// Empty if a directory name has characters the script cannot match
/// literally; the listing must then visit everything.
std::string pruningMakeScript(const std::set<std::string> &Dirs, llvm::StringRef RealMake);

} // namespace mmapmigrate

#endif
