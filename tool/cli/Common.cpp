//===- Common.cpp - What every subcommand shares --------------------------===//
#include "tool/cli/Common.h"
#include "tool/cli/Options.h"
#include "tool/kbuild/CompileDb.h"
#include "tool/support/AtomicFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace llvm;

namespace mmapmigrate::cli {

void error(const Twine &Msg) {
  std::string Text = Msg.str();
  // Library errors may already carry the tool's name.
  StringRef Body = StringRef(Text).trim();
  Body.consume_front("mmap-migrate: ");
  Body.consume_front("error: ");
  errs() << "mmap-migrate: error: " << Body.split('\n').first << "\n";
}

bool writeAtomically(StringRef Path, StringRef Text) {
  if (Error E = writeOutputFile(Path, Text)) {
    error(toString(std::move(E)));
    return false;
  }
  return true;
}

std::string cacheRootOf(StringRef Given) {
  SmallString<256> Root(Given.empty() ? StringRef(defaultCacheRoot()) : Given);
  (void)sys::fs::make_absolute(Root);
  return std::string(Root);
}

int checkedStdout(int RC) {
  llvm::outs().flush();
  if (!llvm::outs().has_error())
    return RC;
  error("cannot write to standard output: " + llvm::outs().error().message());
  llvm::outs().clear_error(); // Else its destructor reports a fatal error.
  return ExitFailure;
}

namespace {
void brokenPipe() {
  // In a signal handler: write(2) and _exit only.
  static const char Msg[] = "mmap-migrate: error: cannot write to standard output: Broken pipe\n";
  ssize_t Ignored = ::write(2, Msg, sizeof(Msg) - 1);
  (void)Ignored;
  ::_exit(ExitFailure);
}
} // namespace

void exitOnBrokenPipe() { llvm::sys::SetOneShotPipeSignalFunction(brokenPipe); }

bool standardStreamsUsable() {
  auto Closed = [](int FD) { return ::fcntl(FD, F_GETFD) == -1 && errno == EBADF; };
  for (int FD : {0, 2})
    if (Closed(FD)) {
      int Null = ::open("/dev/null", FD == 0 ? O_RDONLY : O_WRONLY);
      if (Null >= 0 && Null != FD) {
        ::dup2(Null, FD);
        ::close(Null);
      }
    }
  if (!Closed(1))
    return true;
  error("cannot write to standard output: Bad file descriptor (it is closed)");
  return false;
}

int failWith(Error E) {
  int Code = ExitFailure;
  handleAllErrors(
      std::move(E),
      [&](const UsageError &U) {
        Code = ExitUsage;
        error(toString(make_error<UsageError>(U)));
      },
      [&](const ErrorInfoBase &EI) { error(EI.message()); });
  return Code;
}

std::string treeRootOption() {
  return !Root.empty() ? std::string(Root) : std::string(KernelTree);
}

RunLog runLog() {
  RunLog Log;
  // One write per line, so that threads do not cut each other's lines.
  auto Line = [](const std::string &Msg) { errs() << ("mmap-migrate: " + Msg + "\n"); };
  Log.Say = Line;
  if (Verbose)
    Log.Note = Line;
  // A progress line only where a person watches, and -v lines are not
  // interleaved with it.
  if (!Quiet && !Verbose && sys::Process::StandardErrIsDisplayed())
    Log.Progress = [](size_t Done, size_t Total, double Left) {
      errs() << formatv("\rmmap-migrate: {0}/{1} TUs parsed, about {2} s left\x1b[K", Done,
                        Total, (unsigned)(Left + 0.5));
      if (Done == Total)
        errs() << "\r\x1b[K"; // The line goes once the work is done.
    };
  return Log;
}

ScanOptions scanOptions(std::vector<std::string> FixedFlags, bool HaveFixedFlags) {
  ScanOptions Opts;
  Opts.KernelTree = KernelTree;
  Opts.BuildDir = BuildPath;
  Opts.Paths.assign(Paths.begin(), Paths.end());
  Opts.HaveFixedFlags = HaveFixedFlags;
  Opts.FixedFlags = std::move(FixedFlags);
  Opts.ExtraArgs.assign(ExtraArg.begin(), ExtraArg.end());
  Opts.ExtraArgsBefore.assign(ExtraArgBefore.begin(), ExtraArgBefore.end());
  Opts.Root = Root;
  Opts.CacheRoot = cacheRootOf(CacheDir);
  Opts.Arch = Arch;
  Opts.Config = Config;
  Opts.Jobs = Jobs;
  Opts.Log = runLog();
  Opts.ParseAll = ParseAll;
  Opts.BorrowFlags = BorrowFlags || llvm::StringRef(Arch).trim() == "all";
  Opts.Tu.SkipBodyText = !PreprocessSkipped;
  Opts.NoCache = NoCache;
  return Opts;
}

} // namespace mmapmigrate::cli
