//===- MakeRunner.cpp - Running make in the cache's build dir ---------------===//
#include "tool/kbuild/KbuildDetail.h"
#include "tool/kbuild/Architectures.h"

#include "tool/support/AtomicFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

extern char **environ;

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace mmapmigrate {
namespace kbuild {

//===----------------------------------------------------------------------===//
// Running make
//===----------------------------------------------------------------------===//

/// The environment for make: ours minus variables through which a parent make
/// (when we run under one) would leak jobserver fds or -n/-k flags, and with
/// LC_ALL=C so that we can read its error messages.
std::vector<std::string> makeEnvironment() {
  static const char *const Drop[] = {
      "MAKEFLAGS",    "MFLAGS",    "MAKELEVEL", "MAKEOVERRIDES",
      "GNUMAKEFLAGS", "MAKEFILES", "LC_ALL"};
  std::vector<std::string> Env;
  for (char **E = environ; E && *E; ++E) {
    llvm::StringRef KV(*E);
    llvm::StringRef Name = KV.split('=').first;
    if (llvm::is_contained(Drop, Name))
      continue;
    Env.push_back(KV.str());
  }
  Env.push_back("LC_ALL=C");
  return Env;
}

std::vector<std::string> kbuildArgs(const KernelDbOptions &Opts,
                                    llvm::StringRef Tree,
                                    llvm::StringRef BuildDir) {
  std::vector<std::string> Args = {"-C", Tree.str(), "O=" + BuildDir.str(),
          "LLVM=" +
              (Opts.LlvmSuffix.empty() ? std::string("1") : Opts.LlvmSuffix),
          "ARCH=" + Opts.Arch,
          // Parsing needs prepare's generated headers, not the tools it
          // builds for later steps: objtool, dtc and the 1,000 installed
          // uapi headers were half of prepare's time. Only make sees these
          // (autoconf.h, which the sources read, comes from .config), and
          // no compiler flag depends on them.
          "CONFIG_OBJTOOL=", "CONFIG_DTC=", "CONFIG_HEADERS_INSTALL="};
  if (const ParseOnlyArch *P = parseOnlyArch(Opts.Arch)) {
    // Every step, config included: Kconfig runs $(CC) to learn its features.
    Args.push_back("CLANG_TARGET_FLAGS=" + P->Triple.str());
    Args.push_back("CC=" + compilerWrapperPath(BuildDir));
  }
  return Args;
}

std::string compilerWrapperPath(llvm::StringRef BuildDir) {
  // Its name ends in "clang": the listing and LibTooling take it for one.
  return inDir(stateDirOf(BuildDir), "kbuild-clang");
}

llvm::Expected<int> runMake(const std::vector<std::string> &Args,
                            llvm::StringRef OutPath, llvm::StringRef ErrPath) {
  llvm::ErrorOr<std::string> Make = llvm::sys::findProgramByName("make");
  if (!Make)
    return fail("cannot find make in PATH");
  std::vector<llvm::StringRef> Argv = {"make"};
  for (const std::string &A : Args)
    Argv.push_back(A);
  // ExecuteAndWait opens redirect files without O_TRUNC: an older, longer
  // log would leave its tail behind.
  (void)fs::remove(OutPath);
  (void)fs::remove(ErrPath);
  std::vector<std::string> Env = makeEnvironment();
  std::vector<llvm::StringRef> EnvRefs(Env.begin(), Env.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), OutPath,
                                                ErrPath};
  std::string ErrMsg;
  bool Failed = false;
  int RC = llvm::sys::ExecuteAndWait(*Make, Argv, EnvRefs, Redirects, 0, 0,
                                     &ErrMsg, &Failed);
  if (Failed)
    return fail("cannot run make: " + ErrMsg);
  return RC;
}

std::string slurp(llvm::StringRef Path) { return readWholeFile(Path).value_or(""); }

std::string stateDirOf(llvm::StringRef BuildDir) {
  return std::string(path::parent_path(BuildDir));
}

std::string logPath(llvm::StringRef BuildDir, llvm::StringRef Name) {
  llvm::SmallString<256> P(stateDirOf(BuildDir));
  path::append(P, "logs");
  (void)fs::create_directories(P);
  path::append(P, Name);
  return std::string(P);
}

std::string inDir(llvm::StringRef Dir, llvm::StringRef Name) {
  llvm::SmallString<256> P(Dir);
  path::append(P, Name);
  return std::string(P);
}

std::string relativeToTree(llvm::StringRef File, llvm::StringRef TreeReal) {
  llvm::StringRef F(File);
  if (!F.consume_front(TreeReal) || !F.consume_front("/"))
    return "";
  return F.str();
}

} // namespace kbuild
} // namespace mmapmigrate
