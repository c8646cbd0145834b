//===- Subprocess.cpp - Run a program and capture what it says -------------===//
#include "tool/support/Subprocess.h"
#include "tool/support/AtomicFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

extern char **environ;

namespace mmapmigrate {
namespace {

/// A temporary file removed when it goes out of scope.
struct ScratchFile {
  llvm::SmallString<128> Path;
  explicit ScratchFile(llvm::StringRef Stem) {
    if (llvm::sys::fs::createTemporaryFile(Stem, "txt", Path))
      Path.clear();
  }
  ~ScratchFile() {
    if (!Path.empty())
      (void)llvm::sys::fs::remove(Path);
  }
  std::string read() const { return readWholeFile(Path).value_or(""); }
};

llvm::Error failure(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

} // namespace

std::string ProcessResult::firstMessageLine() const {
  for (const std::string *Text : {&Err, &Out}) {
    llvm::SmallVector<llvm::StringRef, 8> Lines;
    llvm::StringRef(*Text).split(Lines, '\n');
    for (llvm::StringRef L : Lines)
      if (!L.trim().empty())
        return L.trim().str();
  }
  return "";
}

llvm::Expected<ProcessResult> runProcess(llvm::StringRef Program,
                                         llvm::ArrayRef<std::string> Args,
                                         const ProcessOptions &Opts) {
  llvm::ErrorOr<std::string> Path = llvm::sys::findProgramByName(Program);
  if (!Path)
    return failure("cannot find " + Program + " in PATH");
  // ExecuteAndWait has no working directory: coreutils' env sets it.
  std::vector<std::string> Argv;
  std::string Exe = *Path;
  if (!Opts.Cwd.empty()) {
    llvm::ErrorOr<std::string> Env = llvm::sys::findProgramByName("env");
    if (!Env)
      return failure("cannot find env in PATH");
    Exe = *Env;
    Argv = {"env", "-C", Opts.Cwd, *Path};
  } else {
    Argv = {Program.str()};
  }
  Argv.insert(Argv.end(), Args.begin(), Args.end());

  std::vector<std::string> Env;
  for (char **E = environ; E && *E; ++E) {
    llvm::StringRef Name = llvm::StringRef(*E).split('=').first;
    if (llvm::none_of(Opts.SetEnv, [&](const std::string &S) {
          return llvm::StringRef(S).split('=').first == Name;
        }))
      Env.push_back(*E);
  }
  Env.insert(Env.end(), Opts.SetEnv.begin(), Opts.SetEnv.end());

  ScratchFile In("mmap-migrate-in"), Out("mmap-migrate-out"), Err("mmap-migrate-err");
  if (In.Path.empty() || Out.Path.empty() || Err.Path.empty())
    return failure("cannot create a temporary file to run " + Program);
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(In.Path, EC);
    if (EC)
      return failure("cannot write a temporary file: " + EC.message());
    OS << Opts.Input;
  }
  std::vector<llvm::StringRef> ArgRefs(Argv.begin(), Argv.end());
  std::vector<llvm::StringRef> EnvRefs(Env.begin(), Env.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(In.Path),
                                                llvm::StringRef(Out.Path),
                                                llvm::StringRef(Err.Path)};
  std::string ErrMsg;
  bool Failed = false;
  ProcessResult R;
  R.Status = llvm::sys::ExecuteAndWait(Exe, ArgRefs, EnvRefs, Redirects, 0, 0, &ErrMsg,
                                       &Failed);
  if (Failed)
    return failure("cannot run " + Program + ": " + ErrMsg);
  R.Out = Out.read();
  R.Err = Err.read();
  return R;
}

llvm::Expected<std::string> runGit(llvm::StringRef Repo, llvm::ArrayRef<std::string> Args,
                                   const ProcessOptions &Opts) {
  std::vector<std::string> Argv = {"-C", Repo.str()};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  auto R = runProcess("git", Argv, Opts);
  if (!R)
    return R.takeError();
  if (R->Status != 0)
    return failure("git " + (Args.empty() ? std::string() : Args.front()) + " failed in " +
                   Repo + ": " + R->firstMessageLine());
  return std::move(R->Out);
}

} // namespace mmapmigrate
