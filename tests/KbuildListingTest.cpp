//===- KbuildListingTest.cpp - Which directories a kbuild listing visits --===//
#include "tool/kbuild/KbuildListing.h"
#include "tests/TestFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;
using Dirs = std::set<std::string>;

namespace {

/// Runs \p Script with sh and \p Args; what it printed.
std::string runScript(const TempDir &T, const std::string &Script,
                      std::vector<llvm::StringRef> Args) {
  std::string ScriptPath = T.write("make.sh", Script);
  std::string Out = T.write("out.txt", "");
  llvm::ErrorOr<std::string> Sh = llvm::sys::findProgramByName("sh");
  EXPECT_TRUE(bool(Sh));
  std::vector<llvm::StringRef> Argv = {"sh", ScriptPath};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(Out), std::nullopt};
  EXPECT_EQ(llvm::sys::ExecuteAndWait(*Sh, Argv, std::nullopt, Redirects), 0);
  auto Buf = llvm::MemoryBuffer::getFile(Out);
  return Buf ? (*Buf)->getBuffer().str() : "";
}

} // namespace

TEST(MayBuildElsewhere, ParentPathsAndIncludedMakefiles) {
  EXPECT_TRUE(mayBuildElsewhere("obj-y += ../../lib/x.o\n"));
  EXPECT_TRUE(mayBuildElsewhere("include $(srctree)/virt/kvm/Makefile.kvm\n"));
  EXPECT_TRUE(mayBuildElsewhere("ifdef X\n\t-include $(src)/Makefile.extra\nendif\n"));
  EXPECT_TRUE(mayBuildElsewhere("sinclude other.mk\n"));
  EXPECT_FALSE(mayBuildElsewhere("obj-$(CONFIG_HPET) += hpet.o\nobj-y += sub/\n"));
  // Words that merely start with "include".
  EXPECT_FALSE(mayBuildElsewhere("includes-y := a.o\nccflags-y += -I$(srctree)/include\n"));
}

TEST(DirsBuildingElsewhere, FindsMakefilesAndKbuildFilesThatReachOut) {
  TempDir T;
  T.write("Makefile", "obj-y += drivers/\n");
  T.write("drivers/Makefile", "obj-y += char/ gpu/\n");
  T.write("drivers/char/Makefile", "obj-y += mem.o\n");
  T.write("drivers/gpu/Kbuild", "obj-y += ../../lib/shared.o\n");
  T.write("arch/x86/kvm/Makefile", "include $(srctree)/virt/kvm/Makefile.kvm\n");
  T.write("tools/objtool/Makefile", "include ../scripts/Makefile.include\n");
  T.write(".git/Makefile", "include x\n");
  T.write("drivers/char/notes.txt", "see ../README\n");
  EXPECT_EQ(dirsBuildingElsewhere(T.Path), (Dirs{"arch/x86/kvm", "drivers/gpu"}));
}

TEST(DirsToList, SourceDirsElsewhereDirsAndTheirParents) {
  EXPECT_EQ(dirsToList({"drivers/char/mem.c", "drivers/char/hpet.c", "init/main.c"},
                       {"arch/x86/kvm"}),
            (Dirs{".", "arch", "arch/x86", "arch/x86/kvm", "drivers", "drivers/char", "init"}));
  EXPECT_EQ(dirsToList({"top.c"}, {}), (Dirs{"."}));
}

TEST(ListingSettles, NeedsTheSourceDirAndEveryParent) {
  Dirs Listed = dirsToList({"drivers/char/mem.c"}, {});
  EXPECT_TRUE(listingSettles(Listed, "drivers/char/mem.c"));
  EXPECT_TRUE(listingSettles(Listed, "drivers/x.c"));
  EXPECT_FALSE(listingSettles(Listed, "drivers/char/agp/generic.c"));
  EXPECT_FALSE(listingSettles(Listed, "fs/proc/inode.c"));
  EXPECT_FALSE(listingSettles(Dirs{"drivers", "drivers/char"}, "drivers/char/mem.c"));
}

TEST(PruningMakeScript, RunsMakeOnlyForListedDescents) {
  TempDir T;
  std::string Script = pruningMakeScript({".", "drivers", "drivers/char"}, "/bin/echo");
  ASSERT_FALSE(Script.empty());
  EXPECT_EQ(runScript(T, Script, {"-f", "Makefile.build", "obj=drivers/char", "need-builtin=1"}),
            "-f Makefile.build obj=drivers/char need-builtin=1\n");
  EXPECT_EQ(runScript(T, Script, {"-f", "Makefile.build", "obj=drivers/char/"}),
            "-f Makefile.build obj=drivers/char/\n");
  EXPECT_EQ(runScript(T, Script, {"-f", "Makefile.build", "obj=."}), "-f Makefile.build obj=.\n");
  // Not listed, or only a prefix of a listed name: skipped.
  EXPECT_EQ(runScript(T, Script, {"-f", "Makefile.build", "obj=fs"}), "");
  EXPECT_EQ(runScript(T, Script, {"-f", "Makefile.build", "obj=drivers/cha"}), "");
  EXPECT_EQ(runScript(T, Script, {"-f", "Makefile.build", "obj=drivers/char/agp"}), "");
  // Everything that is not a descent runs.
  EXPECT_EQ(runScript(T, Script, {"-C", "/tmp", "-f", "Makefile", "all"}),
            "-C /tmp -f Makefile all\n");
}

TEST(PruningMakeScript, RefusesNamesItCannotMatchLiterally) {
  EXPECT_EQ(pruningMakeScript({".", "drivers/we*ird"}, "/usr/bin/make"), "");
  EXPECT_EQ(pruningMakeScript({"."}, "/opt/my make/make"), "");
  EXPECT_NE(pruningMakeScript({".", "drivers/net/wireless/ath/ath10k", "a+b,c-d"}, "/usr/bin/make"),
            "");
}
