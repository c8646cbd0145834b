//===- FileLock.h - One run at a time where it matters -----------*- C++ -*-===//
#ifndef MMAP_MIGRATE_TOOL_SUPPORT_FILELOCK_H
#define MMAP_MIGRATE_TOOL_SUPPORT_FILELOCK_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "tool/support/RunLog.h"

#include <string>

namespace mmapmigrate {

/// An exclusive lock held for the object's lifetime: a lock file (created
/// if missing), or a directory itself (flock on it, so a tree that is not
/// ours to write in can still be locked). A run that finds the lock taken
/// for more than a second says so once through \p Log, naming \p What,
/// and waits.
class FileLock {
public:
  static llvm::Expected<FileLock> lockFile(llvm::StringRef LockPath, llvm::StringRef What,
                                           const RunLog &Log);
  static llvm::Expected<FileLock> lockDirectory(llvm::StringRef Dir, llvm::StringRef What,
                                                const RunLog &Log);
  FileLock(FileLock &&O) : FD(O.FD) { O.FD = -1; }
  FileLock &operator=(FileLock &&) = delete;
  FileLock(const FileLock &) = delete;
  ~FileLock();

private:
  explicit FileLock(int FD) : FD(FD) {}
  static llvm::Expected<FileLock> take(int FD, llvm::StringRef Path, llvm::StringRef What,
                                       const RunLog &Log);
  int FD = -1;
};

} // namespace mmapmigrate

#endif
