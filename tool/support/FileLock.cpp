//===- FileLock.cpp - One run at a time where it matters ------------------===//
#include "tool/support/FileLock.h"

#include "llvm/Support/FileSystem.h"

#include <cerrno>
#include <chrono>
#include <thread>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace mmapmigrate {

namespace {

llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

} // namespace

llvm::Expected<FileLock> FileLock::take(int FD, llvm::StringRef Path, llvm::StringRef What,
                                       const RunLog &Log) {
  // flock, not fcntl: it locks a directory opened read-only, and threads
  // of one run share it.
  // Most holders are done within a second (a commit, a cache write): wait
  // that long quietly, then say who is waited for.
  for (int Try = 0; Try < 100; ++Try) {
    if (::flock(FD, LOCK_EX | LOCK_NB) == 0)
      return FileLock(FD);
    if (errno != EWOULDBLOCK)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (errno == EWOULDBLOCK) {
    Log.say("waiting for another run that holds " + What + " (" + Path + ")");
    int RC;
    do
      RC = ::flock(FD, LOCK_EX);
    while (RC != 0 && errno == EINTR);
    if (RC == 0)
      return FileLock(FD);
  }
  std::string Why = std::strerror(errno);
  ::close(FD);
  return fail("cannot lock " + Path + ": " + Why);
}

llvm::Expected<FileLock> FileLock::lockFile(llvm::StringRef LockPath, llvm::StringRef What,
                                           const RunLog &Log) {
  int FD;
  if (std::error_code EC = llvm::sys::fs::openFileForWrite(
          LockPath, FD, llvm::sys::fs::CD_OpenAlways, llvm::sys::fs::OF_None))
    return fail("cannot lock " + LockPath + ": " + EC.message());
  return take(FD, LockPath, What, Log);
}

llvm::Expected<FileLock> FileLock::lockDirectory(llvm::StringRef Dir, llvm::StringRef What,
                                                const RunLog &Log) {
  std::string D = Dir.str();
  int FD = ::open(D.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (FD < 0)
    return fail("cannot lock " + Dir + ": " + std::strerror(errno));
  return take(FD, Dir, What, Log);
}

FileLock::~FileLock() {
  if (FD >= 0)
    ::close(FD); // Closing the last descriptor releases the flock.
}

} // namespace mmapmigrate
