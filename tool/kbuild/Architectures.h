//===- Architectures.h - The architectures clang builds a tree for -*- C++ -*-===//
//
// `--arch all` means every architecture the tree itself says clang can
// build it for: the table of Documentation/kbuild/llvm.rst ("Supported
// Architectures"), which each kernel release keeps up to date. A tree
// without it gets the list of 6.12's. A nommu build comes last.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_KBUILD_ARCHITECTURES_H
#define MMAP_MIGRATE_TOOL_KBUILD_ARCHITECTURES_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// Letters, digits, '_' and '-' only: an --arch name reaches make and a
/// path, so `../x86` must not be one.
bool isArchName(llvm::StringRef Name);

/// The kbuild ARCH names of the architectures of llvm.rst's table in
/// \p Rst, in its order, with x86 spelled x86_64 and put first (the
/// default architecture analyses what it builds; the others what it
/// does not). Empty when \p Rst has no such table.
std::vector<std::string> clangArchitecturesFromRst(llvm::StringRef Rst);

/// The architectures of \p Tree (its llvm.rst, else 6.12's list) that the
/// tree has an arch/ directory for, then riscv-nommu (riscv allmodconfig
/// with CONFIG_MMU off) when riscv is one.
std::vector<std::string> clangArchitectures(const std::string &Tree);

} // namespace mmapmigrate

#endif
