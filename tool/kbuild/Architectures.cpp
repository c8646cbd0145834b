//===- Architectures.cpp - The architectures clang builds a tree for ------===//
#include "tool/kbuild/Architectures.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace mmapmigrate {

bool isArchName(llvm::StringRef Name) {
  return !Name.empty() &&
         llvm::all_of(Name, [](char C) { return llvm::isAlnum(C) || C == '_' || C == '-'; });
}

std::string archDirName(llvm::StringRef Arch) {
  return Arch == "x86_64" || Arch == "i386" ? "x86" : Arch.str();
}

std::vector<std::string> clangArchitecturesFromRst(llvm::StringRef Rst) {
  size_t Section = Rst.find("\nSupported Architectures\n");
  if (Section == llvm::StringRef::npos)
    return {};
  llvm::StringRef Rest = Rst.substr(Section + 1);
  Rest = Rest.drop_front(Rest.find('\n') + 1); // The title itself.
  // The table's rows: `   * - arm` opens one, its first cell is the name;
  // the header row's is "Architecture". Everything in the table is
  // indented: the first line that is not (the next heading) ends it.
  std::vector<std::string> Out;
  bool InTable = false;
  while (!Rest.empty()) {
    auto [Line, Next] = Rest.split('\n');
    Rest = Next;
    llvm::StringRef T = Line.trim();
    if (T.starts_with(".. list-table::")) {
      InTable = true;
      continue;
    }
    if (!InTable)
      continue;
    if (!Line.empty() && !llvm::isSpace(Line.front()))
      break;
    if (!T.consume_front("* -"))
      continue;
    // "um (User Mode)" is ARCH=um; kbuild's x86 is x86_64 (or i386).
    std::string Name = T.trim().split(' ').first.str();
    if (Name == "x86")
      Name = "x86_64";
    if (!isArchName(Name) || Name == "Architecture" || llvm::is_contained(Out, Name))
      continue;
    Out.push_back(Name);
  }
  auto X86 = llvm::find(Out, "x86_64");
  if (X86 != Out.end())
    std::rotate(Out.begin(), X86, X86 + 1);
  return Out;
}

namespace {

// arch/sparc/Makefile: register reservations (-ffixed-g4, -ffixed-g5,
// -fcall-used-g7), -mno-fpu and an assembler option; none changes what a
// parse sees (prepare compiles asm-offsets and modpost's tables with them).
const llvm::StringRef SparcGccOnly[] = {"-ffixed-g4", "-ffixed-g5", "-fcall-used-g7", "-mno-fpu",
                                        "-Wa,--undeclared-regs"};

const ParseOnlyArch ParseOnly[] = {
    {"sparc", "sparc64-linux-gnu", SparcGccOnly},
};

} // namespace

const ParseOnlyArch *parseOnlyArch(llvm::StringRef Arch) {
  for (const ParseOnlyArch &A : ParseOnly)
    if (A.Arch == Arch)
      return &A;
  return nullptr;
}

std::string compilerWrapperScript(const ParseOnlyArch &A, llvm::StringRef Clang) {
  std::string Cases = llvm::join(A.GccOnlyFlags, "|");
  return "#!/bin/sh\n"
         "# Written by mmap-migrate: ARCH=" +
         A.Arch.str() +
         " passes flags only GCC knows; clang is run without them.\n"
         "for a; do\n"
         "  shift\n"
         "  case $a in " +
         Cases +
         ") ;;\n"
         "  *) set -- \"$@\" \"$a\" ;;\n"
         "  esac\n"
         "done\n"
         "exec " +
         Clang.str() + " \"$@\"\n";
}

std::vector<std::string> clangArchitectures(const std::string &Tree) {
  std::vector<std::string> Arches;
  if (auto Buf = llvm::MemoryBuffer::getFile(Tree + "/Documentation/kbuild/llvm.rst"))
    Arches = clangArchitecturesFromRst((*Buf)->getBuffer());
  if (Arches.empty())
    Arches = {"x86_64",  "arm",   "arm64", "hexagon", "loongarch",
              "mips",    "powerpc", "riscv", "s390",  "um"};
  llvm::erase_if(Arches, [&](const std::string &A) {
    return !llvm::sys::fs::is_directory(Tree + "/arch/" + archDirName(A));
  });
  for (const ParseOnlyArch &A : ParseOnly)
    if (!llvm::is_contained(Arches, A.Arch) &&
        llvm::sys::fs::is_directory(Tree + "/arch/" + A.Arch.str()))
      Arches.push_back(A.Arch.str());
  // Last, for the files only a kernel without an MMU builds (mm/nommu.c,
  // fs/ramfs/file-nommu.c): riscv lets allmodconfig turn MMU off.
  if (llvm::is_contained(Arches, "riscv"))
    Arches.push_back("riscv-nommu");
  return Arches;
}

} // namespace mmapmigrate
