//===- AtomicFile.cpp - Whole files or nothing ----------------------------===//
#include "tool/support/AtomicFile.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Signals.h"
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
  // An interrupt before the rename takes the half-written file with it.
  llvm::sys::RemoveFileOnSignal(Tmp);
  auto Done = llvm::make_scope_exit([&] { llvm::sys::DontRemoveFileOnSignal(Tmp); });
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

namespace {
constexpr llvm::StringLiteral ChecksumTag = "#xxh3 ";
}

std::string withChecksum(llvm::StringRef Text) {
  std::string Out = Text.str();
  if (!Out.empty() && Out.back() != '\n')
    Out += '\n';
  Out += (ChecksumTag + llvm::utohexstr(llvm::xxh3_64bits(Out)) + "\n").str();
  return Out;
}

llvm::Error writeChecksummedFile(llvm::StringRef Path, llvm::StringRef Text) {
  return writeFileAtomically(Path, withChecksum(Text));
}

std::optional<std::string> readChecksummedFile(llvm::StringRef Path, std::string *WhyNot) {
  std::optional<std::string> Text = readWholeFile(Path);
  if (!Text)
    return std::nullopt;
  auto Refuse = [&](const char *Why) -> std::optional<std::string> {
    if (WhyNot)
      *WhyNot = Why;
    return std::nullopt;
  };
  llvm::StringRef T(*Text);
  if (!T.consume_back("\n"))
    return Refuse("it does not end in its checksum line");
  size_t LastLine = T.rfind('\n');
  size_t Start = LastLine == llvm::StringRef::npos ? 0 : LastLine + 1;
  llvm::StringRef Body = T.take_front(Start), Tag = T.drop_front(Start);
  uint64_t Want;
  if (!Tag.consume_front(ChecksumTag) || Tag.getAsInteger(16, Want))
    return Refuse("it does not end in its checksum line");
  if (llvm::xxh3_64bits(Body) != Want)
    return Refuse("its checksum does not match its content");
  return Body.str();
}

llvm::Error writeOutputFile(llvm::StringRef Path, llvm::StringRef Text) {
  namespace fs = llvm::sys::fs;
  auto Fail = [&](const std::string &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write " + Path.str() + ": " + Why);
  };
  fs::file_status Link, Target;
  bool IsLink = !fs::status(Path, Link, /*follow=*/false) && fs::is_symlink_file(Link);
  bool Exists = !fs::status(Path, Target, /*follow=*/true);
  if (IsLink && !Exists)
    return Fail("it is a symbolic link to nothing");
  if (Exists && fs::is_directory(Target))
    return Fail("it is a directory");
  if (Exists && !fs::is_regular_file(Target)) {
    // A device or a pipe: write into it; renaming over it would replace it.
    int FD;
    if (std::error_code EC =
            fs::openFileForWrite(Path, FD, fs::CD_OpenExisting, fs::OF_None))
      return Fail(EC.message());
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true, /*unbuffered=*/false);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::string Why = OS.error().message();
      OS.clear_error();
      return Fail(Why);
    }
    return llvm::Error::success();
  }
  if (IsLink) {
    llvm::SmallString<256> Real;
    if (std::error_code EC = fs::real_path(Path, Real))
      return Fail(EC.message());
    return writeFileAtomically(Real, Text);
  }
  return writeFileAtomically(Path, Text);
}

} // namespace mmapmigrate
