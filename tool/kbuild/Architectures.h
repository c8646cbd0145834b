//===- Architectures.h - The architectures clang builds a tree for -*- C++ -*-===//
//
// `--arch all` means every architecture the tree itself says clang can
// build it for: the table of Documentation/kbuild/llvm.rst ("Supported
// Architectures"), which each kernel release keeps up to date. A tree
// without it gets the list of 6.12's. Then the architectures clang can
// target for parsing although kbuild does not list them (sparc), and last a
// nommu build.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_KBUILD_ARCHITECTURES_H
#define MMAP_MIGRATE_TOOL_KBUILD_ARCHITECTURES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// Letters, digits, '_' and '-' only: an --arch name reaches make and a
/// path, so `../x86` must not be one.
bool isArchName(llvm::StringRef Name);

/// The arch/ directory of kbuild ARCH \p Arch: x86_64 and i386 are arch/x86.
std::string archDirName(llvm::StringRef Arch);

/// The kbuild ARCH names of the architectures of llvm.rst's table in
/// \p Rst, in its order, with x86 spelled x86_64 and put first (the
/// default architecture analyses what it builds; the others what it
/// does not). Empty when \p Rst has no such table.
std::vector<std::string> clangArchitecturesFromRst(llvm::StringRef Rst);

/// An architecture kbuild has no clang target for (scripts/Makefile.clang)
/// but clang can parse for: make gets the target triple on its command line,
/// and a compiler wrapper drops the flags the arch Makefile passes that only
/// GCC knows, for prepare's few compiles (asm-offsets). The scan only
/// parses; no object of it is built.
struct ParseOnlyArch {
  llvm::StringRef Arch;   ///< kbuild's ARCH.
  llvm::StringRef Triple; ///< For CLANG_TARGET_FLAGS.
  llvm::ArrayRef<llvm::StringRef> GccOnlyFlags;
};

/// The entry for \p Arch, or null when kbuild has its own target for it.
const ParseOnlyArch *parseOnlyArch(llvm::StringRef Arch);

/// The wrapper script make runs as CC for \p A: it drops \p A's GCC-only
/// flags and runs \p Clang with the rest.
std::string compilerWrapperScript(const ParseOnlyArch &A, llvm::StringRef Clang);

/// The architectures of \p Tree (its llvm.rst, else 6.12's list) that the
/// tree has an arch/ directory for, then the parse-only ones it has, then
/// riscv-nommu (riscv allmodconfig with CONFIG_MMU off) when riscv is one.
std::vector<std::string> clangArchitectures(const std::string &Tree);

} // namespace mmapmigrate

#endif
