//===- MemberProbe.h - Which table an ->mmap in an unbuilt file is -*- C++ -*-===//
//
// A file no configuration of the run builds (omapfb, an alpha driver) may
// still call an ->mmap member, and its text cannot say of which struct:
// `fbdev->ctrl->mmap(info, vma)` is struct lcd_ctrl's. Parsing the file with
// a built neighbour's command, errors allowed, resolves what it can; a
// position is cleared only when the parse shows a member of another struct
// there, and none of file_operations. Nothing else of that parse is used.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_MEMBERPROBE_H
#define MMAP_MIGRATE_MATCHERS_FIND_MEMBERPROBE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mmapmigrate {

/// Line and column of an `mmap` member token.
using MemberPosition = std::pair<unsigned, unsigned>;

/// The positions among \p Wanted of \p File where a parse with \p Borrowed
/// (another file's command; \p Before / \p After as for the scan) shows an
/// `mmap` member of a struct other than file_operations and none of it.
std::set<MemberPosition> otherTableMmapMembers(const clang::tooling::CompileCommand &Borrowed,
                                               llvm::StringRef File,
                                               const std::vector<MemberPosition> &Wanted,
                                               const std::vector<std::string> &Before,
                                               const std::vector<std::string> &After);

} // namespace mmapmigrate

#endif
