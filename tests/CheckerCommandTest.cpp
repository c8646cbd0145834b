//===- CheckerCommandTest.cpp - kbuild's checker command line, for clang ---===//
#include "tool/kbuild/CheckerCommand.h"

#include "llvm/ADT/STLExtras.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

// What the 6.12 Makefile puts in CHECKFLAGS before the arch's own, then
// --arch=, the endianness and the word size.
std::vector<std::string> checkFlags(const char *Arch, const char *Endian, const char *Bits) {
  return {"-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__", "-Wbitwise",
          "-Wno-return-void", "-Wno-unknown-attribute", std::string("--arch=") + Arch,
          Endian, Bits};
}

std::vector<std::string> cat(std::vector<std::string> A, const std::vector<std::string> &B) {
  A.insert(A.end(), B.begin(), B.end());
  return A;
}

size_t count(const std::vector<std::string> &V, llvm::StringRef S) {
  return llvm::count(V, S.str());
}

TEST(CheckerCommand, AnLlvmBuildKeepsItsTargetAndLosesSparsesFlags) {
  std::vector<std::string> Args =
      cat(checkFlags("x86_64", "-mlittle-endian", "-m64"),
          {"-Wp,-MMD,drivers/char/.hpet.o.d", "-nostdinc", "-I./arch/x86/include",
           "--target=x86_64-linux-gnu", "-m64", "-Werror", "-DKBUILD_MODNAME=\"hpet\"", "-c",
           "-o", "drivers/char/hpet.o", "drivers/char/hpet.c"});
  llvm::Expected<CheckerCommand> C = checkerCommand(Args, "/obj");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Source, "drivers/char/hpet.c");
  EXPECT_EQ(C->Target, "x86_64-linux-gnu");
  // Sparse's: clang rejects -mlittle-endian on x86 and -D__STDC__
  // redefines a builtin.
  EXPECT_EQ(count(C->Flags, "-mlittle-endian"), 0u);
  EXPECT_EQ(count(C->Flags, "-D__STDC__"), 0u);
  EXPECT_EQ(count(C->Flags, "--arch=x86_64"), 0u);
  EXPECT_EQ(count(C->Flags, "-Wbitwise"), 0u);
  // The compiler's own stay (the -m64 of c_flags, the macros), paths made
  // absolute against the object tree, nothing written, no source.
  EXPECT_EQ(count(C->Flags, "-m64"), 1u);
  EXPECT_EQ(count(C->Flags, "-D__linux__"), 1u);
  EXPECT_EQ(count(C->Flags, "-I/obj/arch/x86/include"), 1u);
  EXPECT_EQ(count(C->Flags, "-o"), 0u);
  EXPECT_EQ(count(C->Flags, "-Werror"), 0u);
  EXPECT_EQ(count(C->Flags, "drivers/char/hpet.c"), 0u);
  EXPECT_EQ(count(C->Flags, "/obj/drivers/char/hpet.c"), 0u);
}

TEST(CheckerCommand, AGccCrossBuildGetsItsTargetFromSparsesFlags) {
  // arm64's c_flags say -mlittle-endian themselves: that one stays.
  std::vector<std::string> Args =
      cat(checkFlags("arm64", "-mlittle-endian", "-m64"),
          {"-D__AARCH64EL__", "-D__aarch64__", "-mlittle-endian", "-mgeneral-regs-only", "-c",
           "-o", "drivers/misc/open-dice.o", "drivers/misc/open-dice.c"});
  llvm::Expected<CheckerCommand> C = checkerCommand(Args, "/obj");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Target, "aarch64-linux-gnu");
  EXPECT_EQ(count(C->Flags, "--target=aarch64-linux-gnu"), 1u);
  EXPECT_EQ(count(C->Flags, "-mlittle-endian"), 1u);
  EXPECT_EQ(count(C->Flags, "-m64"), 0u);

  llvm::Expected<CheckerCommand> BE =
      checkerCommand(cat(checkFlags("arm64", "-mbig-endian", "-m64"), {"-c", "x.c"}), "/obj");
  ASSERT_TRUE(bool(BE));
  EXPECT_EQ(BE->Target, "aarch64_be-linux-gnu");
  llvm::Expected<CheckerCommand> I386 =
      checkerCommand(cat(checkFlags("x86", "-mlittle-endian", "-m32"), {"-m32", "-c", "x.c"}),
                     "/obj");
  ASSERT_TRUE(bool(I386));
  EXPECT_EQ(I386->Target, "i386-linux-gnu");
}

TEST(CheckerCommand, AnArchClangHasNoTargetForGetsNone) {
  llvm::Expected<CheckerCommand> C =
      checkerCommand(cat(checkFlags("alpha", "-mlittle-endian", "-m64"), {"-c", "x.c"}), "/obj");
  ASSERT_TRUE(bool(C));
  EXPECT_EQ(C->Target, "");
  EXPECT_EQ(llvm::count_if(C->Flags, [](const std::string &F) {
              return llvm::StringRef(F).starts_with("--target");
            }),
            0);
  EXPECT_EQ(tripleForKernelArch("s390", true, true), "s390x-linux-gnu");
  EXPECT_EQ(tripleForKernelArch("sparc64", true, true), "sparc64-linux-gnu"); // ARCH=sparc64
  EXPECT_EQ(tripleForKernelArch("powerpc", true, false), "powerpc64le-linux-gnu");
}

TEST(CheckerCommand, NoSourceIsAnError) {
  llvm::Expected<CheckerCommand> C =
      checkerCommand(cat(checkFlags("x86_64", "-mlittle-endian", "-m64"), {"-c"}), "/obj");
  ASSERT_FALSE(bool(C));
  EXPECT_NE(llvm::toString(C.takeError()).find("no C source file"), std::string::npos);
  // An -o value that ends in .c is not the source.
  llvm::Expected<CheckerCommand> O = checkerCommand({"-c", "-o", "x.c", "real.c"}, "/obj");
  ASSERT_TRUE(bool(O));
  EXPECT_EQ(O->Source, "real.c");
}

} // namespace
