//===- AtomicFile.cpp - Whole files or nothing ----------------------------===//
#include "tool/AtomicFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace mmapmigrate {

std::optional<std::string> readWholeFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return std::nullopt;
  return (*Buf)->getBuffer().str();
}

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  auto Fail = [&](const std::string &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write " + Path.str() + ": " + Why);
  };
  llvm::SmallString<256> Tmp;
  int FD;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%", FD, Tmp))
    return Fail(EC.message());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::string Why = OS.error().message();
      OS.clear_error();
      (void)llvm::sys::fs::remove(Tmp);
      return Fail(Why);
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, Path)) {
    (void)llvm::sys::fs::remove(Tmp);
    return Fail(EC.message());
  }
  return llvm::Error::success();
}

} // namespace mmapmigrate
