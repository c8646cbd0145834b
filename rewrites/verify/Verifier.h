//===- Verifier.h - Re-parse rewritten TUs before trusting them --*- C++ -*-===//
//
// The safety net of a rewrite: every edited TU is parsed again, in memory,
// with the edits applied (an overlay file system, never the user's files),
// against headers that declare the target profile's API. On a tree that
// predates ->mmap_prepare the API comes from our shim, layered over the
// tree's own include/linux/mm.h and fs.h in the overlay.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_VERIFY_VERIFIER_H
#define MMAP_MIGRATE_REWRITES_VERIFY_VERIFIER_H

#include "rewrites/edit/Edit.h"
#include "rewrites/profiles/Profile.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <map>
#include <string>
#include <vector>

namespace mmapmigrate {

struct VerifyOptions {
  std::string TreeRoot;       ///< For include/linux/{mm,fs}.h.
  std::vector<std::string> ExtraArgsBefore, ExtraArgs;
  unsigned Jobs = 0; ///< 0: one per core
};

/// Parses each of \p MainFiles with \p NewContents (path -> text) overlaid.
/// With \p Edits, an edit in a block the preprocessor skipped is checked in
/// the configuration that compiles it too (the block's macro flipped).
/// Returns, for each TU that now has errors, its first error.
std::map<std::string, std::string>
verifyRewrittenTus(const clang::tooling::CompilationDatabase &DB,
                   const std::vector<std::string> &MainFiles,
                   const std::map<std::string, std::string> &NewContents,
                   const Profile &P, const VerifyOptions &Opts,
                   const std::vector<Edit> *Edits = nullptr);

/// The text of the tree's \p Header (mm.h or fs.h) with the shim for \p P
/// spliced in; empty when the tree declares the API itself or the header
/// does not look as expected.
std::string shimmedHeader(llvm::StringRef HeaderText, llvm::StringRef Which,
                          const Profile &P, const std::vector<std::string> &BitsUsed);

} // namespace mmapmigrate

#endif
