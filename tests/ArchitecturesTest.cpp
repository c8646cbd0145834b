//===- ArchitecturesTest.cpp - --arch all from the tree's llvm.rst --------===//
#include "tool/kbuild/Architectures.h"
#include "tests/TestFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace mmapmigrate;
using Names = std::vector<std::string>;

namespace {

// The shape of Documentation/kbuild/llvm.rst (6.12): a list-table whose
// rows open with `* - <arch>`, after a header row, then the next section.
const char *Rst = R"(Building Linux with Clang/LLVM
==============================

Supported Architectures
-----------------------

LLVM does not target all of the architectures that Linux supports.

.. list-table::
   :widths: 10 10 10
   :header-rows: 1

   * - Architecture
     - Level of support
     - ``make`` command
   * - arm
     - Supported
     - ``LLVM=1``
   * - s390
     - Maintained
     - ``LLVM=1`` (LLVM >= 18.1.0), ``CC=clang`` (LLVM < 18.1.0)
   * - um (User Mode)
     - Maintained
     - ``LLVM=1``
   * - x86
     - Supported
     - ``LLVM=1``

Getting Help
------------

   * - notanarch
)";

TEST(Architectures, TableRowsInOrderWithX86First) {
  EXPECT_EQ(clangArchitecturesFromRst(Rst), (Names{"x86_64", "arm", "s390", "um"}));
}

TEST(Architectures, NoTableNoList) {
  EXPECT_TRUE(clangArchitecturesFromRst("Supported Architectures\n---\n\nnone yet\n").empty());
  EXPECT_TRUE(clangArchitecturesFromRst("").empty());
}

TEST(Architectures, OnlyThoseTheTreeHas) {
  llvm::SmallString<128> Tree;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("arches", Tree));
  auto Make = [&](llvm::StringRef Rel) {
    llvm::SmallString<128> P(Tree);
    llvm::sys::path::append(P, Rel);
    ASSERT_FALSE(llvm::sys::fs::create_directories(P));
  };
  Make("arch/x86");
  Make("arch/s390");
  Make("Documentation/kbuild");
  // Without llvm.rst: 6.12's list, less what the tree lacks.
  EXPECT_EQ(clangArchitectures(std::string(Tree)), (Names{"x86_64", "s390"}));
  {
    std::error_code EC;
    llvm::raw_fd_ostream(std::string(Tree) + "/Documentation/kbuild/llvm.rst", EC) << Rst;
    ASSERT_FALSE(EC);
  }
  Make("arch/um");
  EXPECT_EQ(clangArchitectures(std::string(Tree)), (Names{"x86_64", "s390", "um"}));
  // riscv brings its nommu build, last.
  {
    std::error_code EC;
    llvm::raw_fd_ostream(std::string(Tree) + "/Documentation/kbuild/llvm.rst", EC)
        << llvm::StringRef(Rst).str().replace(std::string(Rst).find("   * - s390"), 0,
                                              "   * - riscv\n     - Supported\n");
    ASSERT_FALSE(EC);
  }
  Make("arch/riscv");
  EXPECT_EQ(clangArchitectures(std::string(Tree)),
            (Names{"x86_64", "riscv", "s390", "um", "riscv-nommu"}));
  // sparc, which llvm.rst does not list, is parsed for, before the nommu build.
  Make("arch/sparc");
  EXPECT_EQ(clangArchitectures(std::string(Tree)),
            (Names{"x86_64", "riscv", "s390", "um", "sparc", "riscv-nommu"}));
  llvm::sys::fs::remove_directories(Tree);
}

TEST(Architectures, ParseOnlyOnlyWhereKbuildHasNoTarget) {
  ASSERT_NE(parseOnlyArch("sparc"), nullptr);
  EXPECT_EQ(parseOnlyArch("sparc")->Triple, "sparc64-linux-gnu");
  EXPECT_EQ(parseOnlyArch("x86_64"), nullptr);
  EXPECT_EQ(parseOnlyArch("riscv"), nullptr);
}

// The wrapper is run by sh: with `echo` for clang it prints what clang
// would get, the GCC-only flags gone and every other argument kept whole.
TEST(Architectures, WrapperDropsOnlyTheGccOnlyFlags) {
  const ParseOnlyArch *Sparc = parseOnlyArch("sparc");
  ASSERT_NE(Sparc, nullptr);
  TempDir T;
  std::string Script = T.write("kbuild-clang", compilerWrapperScript(*Sparc, "echo"));
  std::string Out = T.file("out");
  std::string Cmd = "sh " + Script +
                    " -ffixed-g4 -O2 -ffixed-g5 '-DX=a b' -fcall-used-g7 -mno-fpu "
                    "-Wa,--undeclared-regs -c x.c > " + Out;
  ASSERT_EQ(std::system(Cmd.c_str()), 0);
  auto Buf = llvm::MemoryBuffer::getFile(Out);
  ASSERT_TRUE(bool(Buf));
  EXPECT_EQ((*Buf)->getBuffer(), "-O2 -DX=a b -c x.c\n");
}

} // namespace
