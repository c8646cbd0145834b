//===- TestFiles.h - A temporary folder for tests that read files -*- C++ -*-===//
#ifndef MMAP_MIGRATE_TESTS_TESTFILES_H
#define MMAP_MIGRATE_TESTS_TESTFILES_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <string>

namespace mmapmigrate {

/// A new folder, removed with everything in it when the test ends (even
/// when an assertion fails).
class TempDir {
public:
  TempDir() {
    llvm::SmallString<128> P;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("mmap-migrate-test", P));
    Path = std::string(P);
  }
  ~TempDir() { (void)llvm::sys::fs::remove_directories(Path); }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  /// The path of \p Name in the folder.
  std::string file(llvm::StringRef Name) const {
    llvm::SmallString<128> P(Path);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  /// Writes \p Text to \p Name in the folder, making the folders on its
  /// way; returns its path.
  std::string write(llvm::StringRef Name, llvm::StringRef Text) const {
    std::string P = file(Name);
    std::error_code EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
    EXPECT_FALSE(EC) << P << ": " << EC.message();
    llvm::raw_fd_ostream OS(P, EC);
    EXPECT_FALSE(EC) << P << ": " << EC.message();
    OS << Text;
    return P;
  }

  std::string Path;
};

} // namespace mmapmigrate

#endif
