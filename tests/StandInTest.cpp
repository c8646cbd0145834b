//===- StandInTest.cpp - Flags for a file no configuration builds ---------===//
#include "tool/kbuild/StandIn.h"
#include "tests/TestFiles.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;
using Strings = std::vector<std::string>;

namespace {

class StandInTree : public ::testing::Test {
protected:
  void write(llvm::StringRef Rel, llvm::StringRef Text) { T.write(Rel, Text); }
  std::string dir(llvm::StringRef Rel) { return T.file(Rel); }

  TempDir T;
  const std::string &Tree = T.Path;
};

// A composite object's part in a nommu block: its own symbol, the
// module's, and the block; Kconfig depends followed to the architecture.
TEST_F(StandInTree, MakefileLineCompositeAndNommuBlock) {
  write("fs/rom/Makefile", "obj-$(CONFIG_ROM_FS) += rom.o\n"
                           "rom-y := super.o \\\n  storage.o\n"
                           "ifneq ($(CONFIG_MMU),y)\n"
                           "rom-$(CONFIG_ROM_ON_MTD) += mmap-nommu.o\n"
                           "endif\n");
  write("fs/rom/Kconfig", "config ROM_FS\n\ttristate \"rom\"\n\tdepends on BLOCK || MTD\n"
                          "config ROM_ON_MTD\n\tbool\n\tdepends on ROM_FS\n");
  BuildNeeds N = buildNeeds(Tree, dir("fs/rom"), "mmap-nommu.o");
  EXPECT_TRUE(N.Found);
  EXPECT_TRUE(N.NoMmu);
  EXPECT_EQ(N.Symbols, (Strings{"CONFIG_ROM_ON_MTD", "CONFIG_ROM_FS"}));
  EXPECT_EQ(N.DependsWords, (Strings{"ROM_FS", "BLOCK", "MTD"}));

  // A part outside the block, after a continued line: not nommu.
  BuildNeeds S = buildNeeds(Tree, dir("fs/rom"), "storage.o");
  EXPECT_TRUE(S.Found);
  EXPECT_FALSE(S.NoMmu);
  EXPECT_EQ(S.Symbols, (Strings{"CONFIG_ROM_FS"}));
}

// The Kconfig entry may be a directory up, and name the architecture only
// through another symbol (FB_TCX -> FB_SBUS -> SPARC); `!MMU` is nommu too.
TEST_F(StandInTree, KconfigDependsFollowedUpward) {
  write("drivers/video/fb/Makefile", "obj-$(CONFIG_FB_TCX)\t+= tcx.o\n"
                                     "obj-$(CONFIG_FB_NOMMU) += flat.o\n");
  write("drivers/video/Kconfig", "config FB_SBUS\n\tbool \"sbus\"\n\tdepends on (FB = y) && SPARC\n"
                                 "\nconfig FB_TCX\n\tbool \"tcx\"\n\tdepends on FB_SBUS\n"
                                 "\thelp\n\t  depends on NOT_THIS\n"
                                 "config FB_NOMMU\n\ttristate \"flat\"\n\tdepends on FB && !MMU\n");
  BuildNeeds T = buildNeeds(Tree, dir("drivers/video/fb"), "tcx.o");
  EXPECT_EQ(T.Symbols, (Strings{"CONFIG_FB_TCX"}));
  EXPECT_FALSE(T.NoMmu);
  EXPECT_EQ(T.DependsWords, (Strings{"FB_SBUS", "FB", "SPARC"}));
  EXPECT_TRUE(buildNeeds(Tree, dir("drivers/video/fb"), "flat.o").NoMmu);
  // A file no line names.
  BuildNeeds None = buildNeeds(Tree, dir("drivers/video/fb"), "other.o");
  EXPECT_FALSE(None.Found);
  EXPECT_TRUE(None.Symbols.empty());
}

TEST(StandIn, ArchKconfigWords) {
  EXPECT_EQ(archKconfigWord("x86_64"), "X86");
  EXPECT_EQ(archKconfigWord("powerpc"), "PPC");
  EXPECT_EQ(archKconfigWord("um"), "UML");
  EXPECT_EQ(archKconfigWord("riscv-nommu"), "RISCV");
  EXPECT_EQ(archKconfigWord("sparc"), "SPARC");
}

// The sibling's input, object and module names become the file's; the
// symbols are defined before the input; every other flag is kept.
TEST(StandIn, CommandMadeOverForTheFile) {
  clang::tooling::CompileCommand Sib;
  Sib.Directory = "/b";
  Sib.Filename = "/t/drivers/video/fb/arcfb.c";
  Sib.CommandLine = {"clang-19", "-Wp,-MMD,drivers/video/fb/.arcfb.o.d", "-nostdinc",
                     "-DKBUILD_MODFILE=\"drivers/video/fb/arcfb\"", "-DKBUILD_BASENAME=\"arcfb\"",
                     "-DKBUILD_MODNAME=\"arcfb\"", "-D__KBUILD_MODNAME=kmod_arcfb", "-c", "-o",
                     "drivers/video/fb/arcfb.o", "/t/drivers/video/fb/arcfb.c"};
  clang::tooling::CompileCommand C =
      standInCommand(Sib, "/t/drivers/video/fb/tcx.c", {"CONFIG_FB_TCX"});
  EXPECT_EQ(C.Filename, "/t/drivers/video/fb/tcx.c");
  EXPECT_EQ(C.Directory, "/b");
  EXPECT_EQ(C.CommandLine,
            (Strings{"clang-19", "-Wp,-MMD,drivers/video/fb/.arcfb.o.d", "-nostdinc",
                     "-DKBUILD_MODFILE=\"drivers/video/fb/arcfb\"", "-DKBUILD_BASENAME=\"tcx\"",
                     "-DKBUILD_MODNAME=\"tcx\"", "-D__KBUILD_MODNAME=kmod_tcx", "-c", "-o",
                     "drivers/video/fb/tcx.o", "-DCONFIG_FB_TCX=1",
                     "/t/drivers/video/fb/tcx.c"}));
}

} // namespace
