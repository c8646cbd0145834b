//===- ArchitecturesTest.cpp - --arch all from the tree's llvm.rst --------===//
#include "tool/kbuild/Architectures.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

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
  llvm::sys::fs::remove_directories(Tree);
}

} // namespace
