//===- CompileDbTest.cpp - Compile commands for kernel trees --------------===//
//
// Fast tests only: no kernel tree, no make. The make -n text below is our own
// shortened rendering of the shapes kbuild 6.12 prints with O= and LLVM=-19.
//
//===----------------------------------------------------------------------===//
#include "tool/kbuild/CompileDb.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace mmapmigrate;
using clang::tooling::CompileCommand;
using Args = std::vector<std::string>;

namespace {

/// A fresh temp dir, removed when the test ends. Its real path, so that it
/// compares equal to the canonical names the code under test produces.
class TempDir {
public:
  TempDir() {
    llvm::SmallString<128> Dir, Real;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("compiledb", Dir));
    EXPECT_FALSE(llvm::sys::fs::real_path(Dir, Real));
    Path = std::string(Real);
  }
  ~TempDir() { llvm::sys::fs::remove_directories(Path); }
  std::string Path;
};

std::string join(llvm::StringRef A, llvm::StringRef B) {
  llvm::SmallString<128> P(A);
  llvm::sys::path::append(P, B);
  return std::string(P);
}

void writeFile(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  ASSERT_FALSE(EC) << Path.str();
  OS << Text;
}

bool contains(const Args &A, llvm::StringRef S) {
  return llvm::is_contained(A, S.str());
}

Args clean(Args In) { return cleanKernelFlags(In, "/b"); }

//===----------------------------------------------------------------------===//
// cleanKernelFlags
//===----------------------------------------------------------------------===//

TEST(CleanKernelFlags, DropsDependencyFileFlags) {
  EXPECT_EQ(clean({"clang-19", "-Wp,-MMD,drivers/char/.mem.o.d", "-MD", "-MMD",
                   "-MF", "x.d", "-MFy.d", "-MT", "t.o", "-MQ", "q.o", "-MP",
                   "-c", "/t/mem.c"}),
            Args({"clang-19", "-c", "/t/mem.c", "-w", "-Wno-error"}));
  // Only the dependency part of a -Wp list goes.
  EXPECT_EQ(clean({"clang-19", "-Wp,-MD,a/.x.o.d,-D_FORTIFY_SOURCE=2", "-c",
                   "/t/x.c"}),
            Args({"clang-19", "-Wp,-D_FORTIFY_SOURCE=2", "-c", "/t/x.c", "-w",
                  "-Wno-error"}));
}

TEST(CleanKernelFlags, DropsOutput) {
  EXPECT_EQ(clean({"clang-19", "-c", "-o", "drivers/char/mem.o", "/t/mem.c"}),
            Args({"clang-19", "-c", "/t/mem.c", "-w", "-Wno-error"}));
  EXPECT_EQ(clean({"clang-19", "-c", "-omem.o", "/t/mem.c"}),
            Args({"clang-19", "-c", "/t/mem.c", "-w", "-Wno-error"}));
}

TEST(CleanKernelFlags, DropsWerrorButKeepsOtherWarnings) {
  Args Out = clean({"clang-19", "-Werror", "-Werror=implicit-int", "-Wall",
                    "-Wno-error=unused", "-Wno-gnu", "-c", "/t/x.c"});
  EXPECT_EQ(Out, Args({"clang-19", "-Wall", "-Wno-error=unused", "-Wno-gnu",
                       "-c", "/t/x.c", "-w", "-Wno-error"}));
}

TEST(CleanKernelFlags, DropsPlugins) {
  Args Out =
      clean({"gcc", "-fplugin=./scripts/gcc-plugins/randomize_layout_plugin.so",
             "-fplugin-arg-randomize_layout_plugin-performance-mode", "-c",
             "/t/x.c"});
  EXPECT_EQ(Out, Args({"gcc", "-c", "/t/x.c", "-w", "-Wno-error"}));
}

TEST(CleanKernelFlags, DropsGccOnlyFlagsClangRejects) {
  const Args GccOnly = {
      "-fconserve-stack", "-fno-var-tracking-assignments", "-mrecord-mcount",
      "-fno-allow-store-data-races", "-mindirect-branch=thunk-extern",
      "-mindirect-branch-register", "-mpreferred-stack-boundary=3",
      "-fmin-function-alignment=16", "-mabi=lp64",
      "--param=allow-store-data-races=0", "-fno-ipa-sra",
      "-fsanitize=bounds-strict",
      // Not in our list: the driver's option table knows
      // it is not a clang flag.
      "-fsome-future-gcc-flag"};
  Args In = {"x86_64-linux-gnu-gcc"};
  In.insert(In.end(), GccOnly.begin(), GccOnly.end());
  In.insert(In.end(), {"--param", "min-pagesize=0", "-c", "/t/x.c"});
  EXPECT_EQ(clean(In),
            Args({"x86_64-linux-gnu-gcc", "-c", "/t/x.c", "-w", "-Wno-error"}));
}

TEST(CleanKernelFlags, KeepsKernelFlagsClang19Accepts) {
  // clang-19 takes these (checked with clang-19 -fsyntax-only), and they
  // change what the code means, so they stay.
  Args In = {"clang-19",
             "-mskip-rax-setup",
             "-fzero-call-used-regs=used-gpr",
             "-mstack-protector-guard-reg=gs",
             "-mstack-protector-guard-symbol=__stack_chk_guard",
             "-mfunction-return=thunk-extern",
             "-fpatchable-function-entry=59,59",
             "-fsanitize=kernel-address",
             "-D__KERNEL__",
             "-DKBUILD_MODNAME=\"mem\"",
             "-D",
             "MODULE",
             "-std=gnu11",
             "-c",
             "/t/x.c"};
  Args Want = In;
  Want.insert(Want.end(), {"-w", "-Wno-error"});
  EXPECT_EQ(clean(In), Want);
}

TEST(CleanKernelFlags, DropsBackendOptions) {
  EXPECT_EQ(clean({"clang-19", "-O2", "-mllvm", "-asan-stack=0", "-c", "/t/x.c"}),
            Args({"clang-19", "-O2", "-c", "/t/x.c", "-w", "-Wno-error"}));
}

TEST(CleanKernelFlags, MakesPathArgumentsAbsolute) {
  Args Out = clean({"clang-19",
                    "-I./arch/x86/include/generated",
                    "-Idrivers/char",
                    "-I",
                    "./scripts/mod",
                    "-I/t/include",
                    "-I=sysroot-relative",
                    "-isystem",
                    "inc/sys",
                    "-include",
                    "./include/linux/kconfig.h",
                    "-iquote",
                    "q",
                    "-idirafter",
                    "after",
                    "-imacros",
                    "m.h",
                    "-frandomize-layout-seed-file=./scripts/basic/"
                    "randstruct.seed",
                    "-fprofile-use=prof.profdata",
                    "-fprofile-update=atomic",
                    "--sysroot=sys",
                    "-c",
                    "drivers/char/mem.c"});
  EXPECT_EQ(Out, Args({"clang-19",
                       "-I/b/arch/x86/include/generated",
                       "-I/b/drivers/char",
                       "-I",
                       "/b/scripts/mod",
                       "-I/t/include",
                       "-I=sysroot-relative",
                       "-isystem",
                       "/b/inc/sys",
                       "-include",
                       "/b/include/linux/kconfig.h",
                       "-iquote",
                       "/b/q",
                       "-idirafter",
                       "/b/after",
                       "-imacros",
                       "/b/m.h",
                       "-frandomize-layout-seed-file=/b/scripts/basic/"
                       "randstruct.seed",
                       "-fprofile-use=/b/prof.profdata",
                       "-fprofile-update=atomic",
                       "--sysroot=/b/sys",
                       "-c",
                       "/b/drivers/char/mem.c",
                       "-w",
                       "-Wno-error"}));
}

TEST(CleanKernelFlags, IsIdempotentAndHandlesEmpty) {
  Args Once = clean({"clang-19", "-Werror", "-Iinc", "-c", "x.c"});
  EXPECT_EQ(clean(Once), Once);
  EXPECT_TRUE(cleanKernelFlags({}, "/b").empty());
}

//===----------------------------------------------------------------------===//
// parseMakeDryRun
//===----------------------------------------------------------------------===//

/// Shapes seen in `make -k -n O=BUILD LLVM=-19 dir/x.o` on 6.12: sub-make
/// lines with continuations, the clean-tree check, executed sub-make output
/// (including a stray apostrophe), quiet echo + trap + compile + fixdep
/// with the whole command again in one quoted word, filechk, -S for
/// asm-offsets, host compiles with "-I dir", objtool, backticks.
constexpr const char *DryRun = R"MAKE(make: Entering directory '/t'
make  -C /b \
-f /t/Makefile drivers/char/mem.o
if [ -f /t/.config -o \
	 -d /t/include/config ]; then \
	echo >&2 "***"; \
	echo >&2 "*** tree in use, run 'make mrproper'"; \
	false; \
fi
set -e;  echo '  GEN     Makefile';  { echo "# made by /t/Makefile: don't edit"; echo "include /t/Makefile"; } > Makefile
  GEN     Makefile: don't look
:
set -e; mkdir -p include/generated/; trap "rm -f include/generated/.tmp_bounds.h" EXIT; { echo x; } > include/generated/.tmp_bounds.h
set -e; if [ `echo -n "6.12.117" | wc -c ` -gt 64 ]; then echo '"6.12.117" exceeds 64 characters' >&2; exit 1; fi
set -e;  echo '  CC      arch/x86/kernel/asm-offsets.s';   trap 'rm -f arch/x86/kernel/asm-offsets.s; trap - HUP; kill -s HUP $$' HUP; clang-19 -Wp,-MMD,arch/x86/kernel/.asm-offsets.s.d -nostdinc -fverbose-asm -S -o arch/x86/kernel/asm-offsets.s /t/arch/x86/kernel/asm-offsets.c  ; scripts/basic/fixdep arch/x86/kernel/.asm-offsets.s.d arch/x86/kernel/asm-offsets.s 'clang-19 -S -o arch/x86/kernel/asm-offsets.s /t/arch/x86/kernel/asm-offsets.c' > arch/x86/kernel/.asm-offsets.s.cmd
set -e;  echo '  HOSTCC  scripts/mod/modpost.o';   trap 'rm -f scripts/mod/modpost.o; trap - HUP; kill -s HUP $$' HUP; clang-19 -Wp,-MMD,scripts/mod/.modpost.o.d -Wall -O2   -I /t/scripts/include   -I ./scripts/mod -c -o scripts/mod/modpost.o /t/scripts/mod/modpost.c   ; scripts/basic/fixdep scripts/mod/.modpost.o.d scripts/mod/modpost.o 'clang-19 -c -o scripts/mod/modpost.o /t/scripts/mod/modpost.c' > scripts/mod/.modpost.o.cmd; rm -f scripts/mod/.modpost.o.d
make -f /t/scripts/Makefile.build obj=security/selinux \
need-builtin=1 \
need-modorder=1 \
security/selinux/hooks.o
set -e;  echo '  GEN     security/selinux/flask.h security/selinux/av_permissions.h';   trap 'rm -f security/selinux/flask.h; trap - HUP; kill -s HUP $$' HUP; scripts/selinux/genheaders/genheaders security/selinux/flask.h security/selinux/av_permissions.h
set -e;  echo '  CC      drivers/char/mem.o';   trap 'rm -f drivers/char/mem.o; trap - HUP; kill -s HUP $$' HUP;  trap 'rm -f drivers/char/mem.o; trap - INT; kill -s INT $$' INT; clang-19 -Wp,-MMD,drivers/char/.mem.o.d -nostdinc -I./include -include /t/include/linux/kconfig.h -D__KERNEL__ -Werror -O2 -mllvm -asan-stack=0 -I/t/drivers/char -Idrivers/char    -DKBUILD_MODFILE='"drivers/char/mem"' -DKBUILD_BASENAME='"mem"' -DKBUILD_MODNAME='"mem"' -D__KBUILD_MODNAME=kmod_mem -c -o drivers/char/mem.o /t/drivers/char/mem.c  ; scripts/basic/fixdep drivers/char/.mem.o.d drivers/char/mem.o 'clang-19 -Wp,-MMD,drivers/char/.mem.o.d -nostdinc -DKBUILD_MODNAME='\''"mem"'\'' -c -o drivers/char/mem.o /t/drivers/char/mem.c  ' > drivers/char/.mem.o.cmd; rm -f drivers/char/.mem.o.d
./tools/objtool/objtool --hacks=jump_label --orc --retpoline drivers/char/mem.o
echo 'clang-19 -c -o not/a/command.o not/a/command.c'
printf '%s\n' "clang -c x.c" | clang-19 -x c -c -o stdin.o -
set -e;  echo '  CC [M]  fs/x.o'; trap 'rm -f fs/x.o; trap - HUP; kill -s HUP $$' HUP; x86_64-linux-gnu-gcc-12 -fconserve-stack "-DSTR=\"a b\"" -D"SP=1 2" -c -o fs/x.o ../tree/fs/x.c 2>&1 >/dev/null
make[1]: Leaving directory '/b'
)MAKE";

TEST(ParseMakeDryRun, ExtractsEachCompileOfACFile) {
  // Real dirs, since file names are made canonical: ROOT/tree holds the
  // source that the gcc line names relative to the build dir.
  TempDir T1;
  std::string Root = T1.Path;
  std::string Build = join(Root, "build");
  std::string Tree = join(Root, "tree");
  writeFile(join(Tree, "fs/x.c"), "int x;\n");
  llvm::sys::fs::create_directories(Build);

  std::vector<CompileCommand> Cmds = parseMakeDryRun(DryRun, Build, Tree);
  ASSERT_EQ(Cmds.size(), 3u);

  // Host compile: "-I dir" kept as two words.
  EXPECT_EQ(Cmds[0].Filename, "/t/scripts/mod/modpost.c");
  EXPECT_EQ(Cmds[0].Output, "scripts/mod/modpost.o");
  EXPECT_EQ(
      Cmds[0].CommandLine,
      Args({"clang-19", "-Wp,-MMD,scripts/mod/.modpost.o.d", "-Wall", "-O2",
            "-I", "/t/scripts/include", "-I", "./scripts/mod", "-c", "-o",
            "scripts/mod/modpost.o", "/t/scripts/mod/modpost.c"}));

  // The kernel compile: stops at the ';' before fixdep, quotes removed.
  const CompileCommand &Mem = Cmds[1];
  EXPECT_EQ(Mem.Directory, Build);
  EXPECT_EQ(Mem.Filename, "/t/drivers/char/mem.c");
  EXPECT_EQ(Mem.Output, "drivers/char/mem.o");
  EXPECT_EQ(Mem.CommandLine.front(), "clang-19");
  EXPECT_EQ(Mem.CommandLine.back(), "/t/drivers/char/mem.c");
  EXPECT_TRUE(contains(Mem.CommandLine, "-DKBUILD_MODNAME=\"mem\""));
  EXPECT_TRUE(
      contains(Mem.CommandLine, "-DKBUILD_MODFILE=\"drivers/char/mem\""));
  EXPECT_TRUE(contains(Mem.CommandLine, "-asan-stack=0"));
  EXPECT_EQ(Mem.CommandLine.size(), 21u);

  // GCC with a version suffix, double quotes with escapes, a relative
  // source resolved against the build dir and made canonical.
  const CompileCommand &Gcc = Cmds[2];
  EXPECT_EQ(Gcc.Filename, join(Tree, "fs/x.c"));
  EXPECT_EQ(
      Gcc.CommandLine,
      Args({"x86_64-linux-gnu-gcc-12", "-fconserve-stack", "-DSTR=\"a b\"",
            "-DSP=1 2", "-c", "-o", "fs/x.o", "../tree/fs/x.c"}));
}

TEST(ParseMakeDryRun, IgnoresTextWithoutCompiles) {
  EXPECT_TRUE(parseMakeDryRun("", "/b", "/t").empty());
  EXPECT_TRUE(
      parseMakeDryRun("make[2]: Nothing to be done for 'x'.\n:\n", "/b", "/t")
          .empty());
  // An unterminated quote swallows only its own line.
  std::vector<CompileCommand> C = parseMakeDryRun(
      "echo 'unterminated\nclang -c -o a.o /t/a.c\n", "/b", "/t");
  ASSERT_EQ(C.size(), 1u);
  EXPECT_EQ(C[0].Filename, "/t/a.c");
}

//===----------------------------------------------------------------------===//
// Databases
//===----------------------------------------------------------------------===//

TEST(CommandListDb, LooksUpByAbsolutePathAndCleansWhenWrapped) {
  std::vector<CompileCommand> Cmds;
  Cmds.emplace_back("/b", "/t/drivers/char/mem.c",
                    Args({"clang-19", "-Werror", "-Iinclude", "-c", "-o",
                          "drivers/char/mem.o", "/t/drivers/char/mem.c"}),
                    "drivers/char/mem.o");
  Cmds.emplace_back("/b", "fs/x.c", Args({"clang-19", "-c", "fs/x.c"}), "");
  std::unique_ptr<clang::tooling::CompilationDatabase> Db =
      makeCommandListDb(Cmds);
  EXPECT_EQ(Db->getAllFiles(), Args({"/t/drivers/char/mem.c", "/b/fs/x.c"}));
  EXPECT_EQ(Db->getAllCompileCommands().size(), 2u);
  ASSERT_EQ(Db->getCompileCommands("/t/drivers/char/mem.c").size(), 1u);
  ASSERT_EQ(Db->getCompileCommands("/b/fs/./x.c").size(), 1u);
  EXPECT_TRUE(Db->getCompileCommands("/t/other.c").empty());

  auto Clean = withKernelFlagCleanup(makeCommandListDb(Cmds));
  std::vector<CompileCommand> Got =
      Clean->getCompileCommands("/t/drivers/char/mem.c");
  ASSERT_EQ(Got.size(), 1u);
  EXPECT_EQ(Got[0].CommandLine,
            Args({"clang-19", "-I/b/include", "-c", "/t/drivers/char/mem.c",
                  "-w", "-Wno-error"}));
  EXPECT_EQ(Clean->getAllFiles().size(), 2u);
  for (const CompileCommand &C : Clean->getAllCompileCommands())
    EXPECT_EQ(C.CommandLine.back(), "-Wno-error");
}

TEST(LoadBuildDirDb, MissingDir) {
  TempDir T2;
  std::string Dir = join(T2.Path, "nope");
  llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>> Db =
      loadBuildDirDb(Dir);
  ASSERT_FALSE(Db);
  EXPECT_EQ(llvm::toString(Db.takeError()),
            "mmap-migrate: cannot read " + Dir +
                "/compile_commands.json: No such file or directory");
}

TEST(LoadBuildDirDb, MalformedJson) {
  TempDir T3;
  std::string Dir = T3.Path;
  std::string File = join(Dir, "compile_commands.json");
  for (const char *Text : {"{ not json", "{\"a\": 1}"}) {
    writeFile(File, Text);
    auto Db = loadBuildDirDb(Dir);
    ASSERT_FALSE(Db);
    std::string Msg = llvm::toString(Db.takeError());
    EXPECT_EQ(Msg.rfind("mmap-migrate: " + File +
                            ": not a JSON compilation database: ",
                        0),
              0u)
        << Msg;
    EXPECT_EQ(Msg.find('\n'), std::string::npos) << Msg;
  }
}

TEST(LoadBuildDirDb, EmptyListIsAnError) {
  TempDir T4;
  std::string Dir = T4.Path;
  writeFile(join(Dir, "compile_commands.json"), "[]\n");
  auto Db = loadBuildDirDb(Dir);
  ASSERT_FALSE(Db);
  EXPECT_EQ(llvm::toString(Db.takeError()),
            "mmap-migrate: no compile commands in " + Dir +
                "/compile_commands.json");
}

TEST(LoadBuildDirDb, ValidDbComesBackCleaned) {
  TempDir T5;
  std::string Dir = T5.Path;
  writeFile(join(Dir, "compile_commands.json"),
            "[{\"directory\": \"" + Dir +
                "\", \"file\": \"drivers/a.c\", \"command\": \"clang-19 "
                "-Wp,-MMD,drivers/.a.o.d -Werror -I./include "
                "-DKBUILD_MODNAME='\\\"a\\\"' -c -o drivers/a.o "
                "drivers/a.c\"},\n"
                " {\"directory\": \"" +
                Dir +
                "\", \"file\": \"b.c\", \"arguments\": [\"gcc\", "
                "\"-fconserve-stack\", \"-c\", \"b.c\"]}]\n");
  auto Db = loadBuildDirDb(Dir);
  ASSERT_TRUE(bool(Db)) << llvm::toString(Db.takeError());
  std::vector<CompileCommand> A =
      (*Db)->getCompileCommands(join(Dir, "drivers/a.c"));
  ASSERT_EQ(A.size(), 1u);
  EXPECT_EQ(
      A[0].CommandLine,
      Args({"clang-19", "-I" + join(Dir, "include"), "-DKBUILD_MODNAME=\"a\"",
            "-c", join(Dir, "drivers/a.c"), "-w", "-Wno-error"}));
  std::vector<CompileCommand> B = (*Db)->getCompileCommands(join(Dir, "b.c"));
  ASSERT_EQ(B.size(), 1u);
  EXPECT_EQ(B[0].CommandLine,
            Args({"gcc", "-c", join(Dir, "b.c"), "-w", "-Wno-error"}));
  EXPECT_EQ((*Db)->getAllCompileCommands().size(), 2u);
}

//===----------------------------------------------------------------------===//
// Kernel trees and the cache
//===----------------------------------------------------------------------===//

TEST(IsKernelTree, NeedsMakefileKconfigIncludeLinuxAndScripts) {
  TempDir T6;
  std::string Dir = T6.Path;
  EXPECT_FALSE(isKernelTree(Dir));
  writeFile(join(Dir, "Makefile"), "");
  writeFile(join(Dir, "Kconfig"), "");
  llvm::sys::fs::create_directories(join(Dir, "include/linux"));
  EXPECT_FALSE(isKernelTree(Dir)); // No scripts/ yet.
  llvm::sys::fs::create_directories(join(Dir, "scripts"));
  EXPECT_TRUE(isKernelTree(Dir));
  EXPECT_FALSE(isKernelTree(join(Dir, "missing")));
}

TEST(KernelDb, RejectsNonKernelTreesWithoutRunningMake) {
  KernelDbOptions O;
  TempDir T7;
  O.Tree = T7.Path;
  TempDir T8;
  O.CacheRoot = T8.Path;
  auto B = prepareKernelBuildDir(O);
  ASSERT_FALSE(B);
  EXPECT_EQ(llvm::toString(B.takeError()),
            "mmap-migrate: " + O.Tree +
                " is not a Linux kernel tree (expected Makefile, Kconfig, "
                "include/linux and scripts/)");

  // A tree configured in place cannot serve O= builds.
  writeFile(join(O.Tree, "Makefile"), "");
  writeFile(join(O.Tree, "Kconfig"), "");
  writeFile(join(O.Tree, ".config"), "");
  llvm::sys::fs::create_directories(join(O.Tree, "include/linux"));
  llvm::sys::fs::create_directories(join(O.Tree, "scripts"));
  B = prepareKernelBuildDir(O);
  ASSERT_FALSE(B);
  EXPECT_NE(llvm::toString(B.takeError()).find("make mrproper"),
            std::string::npos);

  std::vector<std::pair<std::string, std::string>> NotBuilt;
  auto C = kernelCompileCommands(O, O.CacheRoot, {"a.c"}, NotBuilt);
  ASSERT_FALSE(C);
  EXPECT_EQ(llvm::toString(C.takeError()),
            "mmap-migrate: " + O.CacheRoot +
                " is not a configured kernel build dir (no .config)");
}

TEST(DefaultCacheRoot, FollowsEnvironment) {
  auto Save = [](const char *N) -> std::optional<std::string> {
    const char *V = std::getenv(N);
    return V ? std::optional<std::string>(V) : std::nullopt;
  };
  std::optional<std::string> Own = Save("MMAP_MIGRATE_CACHE");
  std::optional<std::string> Xdg = Save("XDG_CACHE_HOME");

  setenv("MMAP_MIGRATE_CACHE", "/c/own", 1);
  setenv("XDG_CACHE_HOME", "/c/xdg", 1);
  EXPECT_EQ(defaultCacheRoot(), "/c/own");
  unsetenv("MMAP_MIGRATE_CACHE");
  EXPECT_EQ(defaultCacheRoot(), "/c/xdg/mmap-migrate");
  unsetenv("XDG_CACHE_HOME");
  llvm::SmallString<128> Home;
  if (llvm::sys::path::home_directory(Home)) {
    EXPECT_EQ(defaultCacheRoot(), join(Home, ".cache/mmap-migrate"));
  }

  if (Own)
    setenv("MMAP_MIGRATE_CACHE", Own->c_str(), 1);
  if (Xdg)
    setenv("XDG_CACHE_HOME", Xdg->c_str(), 1);
}

} // namespace
