//===- StandIn.h - Flags for a file no configuration builds -----*- C++ -*-===//
//
// A file that none of the scan's configurations compiles (sparc's SBUS
// framebuffers want CONFIG_FB=y, pxa3xx-gcu an ARM board, romfs's
// mmap-nommu.c a kernel without an MMU) can still be parsed: with the
// command of a file of its directory that one of them does build, and the
// CONFIG_ symbols its Makefile line names defined. That is not a
// configuration kbuild would make, so what the parse finds is partial: it
// is reported, never rewritten.
//
// Read here: the Makefile lines that build the file's object (through the
// composite objects that hold it), the Kconfig `depends on` of their
// symbols (which architecture, whether an MMU), and the sibling's command.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_KBUILD_STANDIN_H
#define MMAP_MIGRATE_TOOL_KBUILD_STANDIN_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mmapmigrate {

/// What a file's Makefile and Kconfig ask of a configuration.
struct BuildNeeds {
  bool Found = false;               ///< A Makefile line names its object.
  std::vector<std::string> Symbols; ///< "CONFIG_FB_BW2", in the order met.
  bool NoMmu = false;               ///< In an `ifneq ($(CONFIG_MMU),y)` block, or !MMU.
  /// Kconfig words of the symbols' `depends on` lines ("SPARC", "FB_SBUS").
  std::vector<std::string> DependsWords;
};

/// Reads \p Dir's Makefile (or Kbuild) for \p Object ("bw2.o") and the
/// Kconfig files from \p Dir up to \p Tree for the symbols found.
BuildNeeds buildNeeds(llvm::StringRef Tree, llvm::StringRef Dir, llvm::StringRef Object);

/// The Kconfig word that names kbuild architecture \p Arch ("x86_64" ->
/// "X86", "powerpc" -> "PPC", "um" -> "UML", "sparc" -> "SPARC").
std::string archKconfigWord(llvm::StringRef Arch);

/// \p Sibling's command made over for \p File (absolute): the input, the
/// object, KBUILD_BASENAME, and -D\p Defines=1 before the input.
clang::tooling::CompileCommand standInCommand(const clang::tooling::CompileCommand &Sibling,
                                              llvm::StringRef File,
                                              llvm::ArrayRef<std::string> Defines);

} // namespace mmapmigrate

#endif
