//===- CheckerCommand.h - A kbuild checker's command line, for clang -*- C++ -*-===//
//
// `make C=1 CHECK='mmap-migrate check'` runs `$(CHECK) $(CHECKFLAGS)
// $(c_flags) $<` for each C file, as it runs sparse. CHECKFLAGS are sparse's
// (--arch=ARCH, the endianness and word size, -D__STDC__, sparse's -W
// options); c_flags are the compiler's, GCC's unless the build uses LLVM=.
// This turns that command line into flags a clang tool can parse the file
// with.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_KBUILD_CHECKERCOMMAND_H
#define MMAP_MIGRATE_TOOL_KBUILD_CHECKERCOMMAND_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mmapmigrate {

struct CheckerCommand {
  std::string Source;             ///< The C file, as kbuild names it ($<).
  std::vector<std::string> Flags; ///< For clang: no program name, no source.
  std::string Target;             ///< The --target it was given or derived ("": none).
};

/// \p Args is what follows the checker's name. The source is the last C
/// input. Sparse's own flags go; the target comes from the compiler's
/// --target, else from sparse's --arch, endianness and word size (a GCC
/// cross build names its target only there). Paths are made absolute
/// against \p Cwd, as kbuild's are relative to the object tree it runs in.
llvm::Expected<CheckerCommand> checkerCommand(llvm::ArrayRef<std::string> Args,
                                              llvm::StringRef Cwd);

/// The clang triple for a kernel ARCH, as sparse's flags describe it: ""
/// when clang has no target for it.
std::string tripleForKernelArch(llvm::StringRef Arch, bool Bits64, bool BigEndian);

} // namespace mmapmigrate

#endif
