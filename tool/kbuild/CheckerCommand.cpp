//===- CheckerCommand.cpp - A kbuild checker's command line, for clang ----===//
#include "tool/kbuild/CheckerCommand.h"
#include "tool/kbuild/KbuildDetail.h"

#include "clang/Driver/Options.h"

namespace opts = clang::driver::options;

namespace mmapmigrate {

std::string tripleForKernelArch(llvm::StringRef Arch, bool Bits64, bool BigEndian) {
  auto Pick = [&](const char *B64L, const char *B64B, const char *B32L, const char *B32B) {
    const char *T = Bits64 ? (BigEndian ? B64B : B64L) : (BigEndian ? B32B : B32L);
    return std::string(T ? T : "");
  };
  if (Arch == "x86" || Arch == "x86_64" || Arch == "i386" || Arch == "um")
    return Pick("x86_64-linux-gnu", nullptr, "i386-linux-gnu", nullptr);
  if (Arch == "arm64")
    return Pick("aarch64-linux-gnu", "aarch64_be-linux-gnu", nullptr, nullptr);
  if (Arch == "arm")
    return Pick(nullptr, nullptr, "arm-linux-gnueabi", "armeb-linux-gnueabi");
  if (Arch == "riscv")
    return Pick("riscv64-linux-gnu", nullptr, "riscv32-linux-gnu", nullptr);
  if (Arch == "powerpc")
    return Pick("powerpc64le-linux-gnu", "powerpc64-linux-gnu", nullptr, "powerpc-linux-gnu");
  if (Arch == "s390")
    return Pick(nullptr, "s390x-linux-gnu", nullptr, nullptr);
  if (Arch == "mips")
    return Pick("mips64el-linux-gnuabi64", "mips64-linux-gnuabi64", "mipsel-linux-gnu",
                "mips-linux-gnu");
  if (Arch == "loongarch")
    return Pick("loongarch64-linux-gnu", nullptr, nullptr, nullptr);
  if (Arch == "sparc" || Arch == "sparc64") // make ARCH=sparc64 is a spelling of sparc
    return Pick(nullptr, "sparc64-linux-gnu", nullptr, "sparc-linux-gnu");
  if (Arch == "hexagon")
    return Pick(nullptr, nullptr, "hexagon-linux-musl", nullptr);
  if (Arch == "m68k")
    return Pick(nullptr, nullptr, nullptr, "m68k-linux-gnu");
  return "";
}

namespace {

/// Sparse's options in CHECKFLAGS that clang would misread: -D__STDC__
/// redefines a builtin, and sparse's -W names mean nothing to clang (they
/// are dropped only for tidiness: -w silences them anyway).
bool isSparseOnly(llvm::StringRef A) {
  return A == "-D__STDC__" || A == "-Wbitwise" || A == "-Wno-return-void" ||
         A == "-Wno-unknown-attribute" || A.starts_with("-Wsparse-");
}

} // namespace

llvm::Expected<CheckerCommand> checkerCommand(llvm::ArrayRef<std::string> Args,
                                              llvm::StringRef Cwd) {
  CheckerCommand Out;
  std::string Arch;
  bool Bits64 = true, BigEndian = false;
  // argv[0] for clang's option parser; the flags follow.
  std::vector<std::string> Argv{"clang"};
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A.starts_with("--arch=")) {
      Arch = A.drop_front(strlen("--arch=")).str();
      // The Makefile adds the endianness and the word size right after
      // --arch=: those two are sparse's, not the compiler's.
      for (unsigned K = 0; K < 2 && I + 1 < Args.size(); ++K) {
        llvm::StringRef Next = Args[I + 1];
        if (Next == "-mbig-endian" || Next == "-mlittle-endian")
          BigEndian = Next == "-mbig-endian";
        else if (Next == "-m64" || Next == "-m32")
          Bits64 = Next == "-m64";
        else
          break;
        ++I;
      }
      continue;
    }
    if (isSparseOnly(A))
      continue;
    Argv.push_back(A.str());
  }
  // The source is the last C input: kbuild puts $< last.
  std::vector<kbuild::ParsedArg> Parsed = kbuild::parseDriverArgs(Argv);
  size_t SourceAt = 0;
  for (const kbuild::ParsedArg &P : Parsed) {
    unsigned Id = P.Opt.getID();
    if (Id == opts::OPT_INPUT && kbuild::isCSource(Argv[P.Index]))
      SourceAt = P.Index;
    if (Id == opts::OPT_target) {
      llvm::StringRef T = Argv[P.Index];
      Out.Target = T.consume_front("--target=") ? T.str() : Argv[P.Index + P.Count - 1];
    }
  }
  if (!SourceAt)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "check: no C source file in the command line "
                                   "(kbuild gives it last: $(CHECK) $(CHECKFLAGS) $(c_flags) $<)");
  Out.Source = Argv[SourceAt];
  Argv.erase(Argv.begin() + SourceAt);
  if (Out.Target.empty()) {
    Out.Target = tripleForKernelArch(Arch, Bits64, BigEndian);
    if (!Out.Target.empty()) {
      // The triple says the word size; a GCC -m32/-m64 could contradict it
      // on targets without one.
      llvm::erase_if(Argv, [](const std::string &A) { return A == "-m32" || A == "-m64"; });
      Argv.insert(Argv.begin() + 1, "--target=" + Out.Target);
    }
  }
  std::vector<std::string> Clean = cleanKernelFlags(Argv, Cwd);
  Out.Flags.assign(Clean.begin() + 1, Clean.end());
  return Out;
}

} // namespace mmapmigrate
