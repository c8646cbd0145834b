//===- TextPassMemo.h - Text-pass answers kept while the tree is unchanged ===//
//
// Before any parse, the scan reads every source of the tree as text (fops
// macros, the pre-filter, the files that define handlers named elsewhere):
// about 4 s of a warm run. Its answers depend only on those files, so they
// are kept with a fingerprint of the stat data (path, size, mtime, inode)
// of every file the pass reads, and reused while it matches. Any change to
// the tree drops them all: the text pass is cheap next to parsing, which
// the result cache keeps per TU.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_TEXTPASSMEMO_H
#define MMAP_MIGRATE_TOOL_TEXTPASSMEMO_H

#include "llvm/Support/JSON.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mmapmigrate {

class TextPassMemo {
public:
  /// \p CacheDir: "" for no memo (every question is computed). \p Files:
  /// every file whose text the answers may depend on. \p Tree names the
  /// memo (one per tree).
  TextPassMemo(std::string CacheDir, llvm::StringRef Tree, const std::vector<std::string> &Files);
  ~TextPassMemo();

  /// The answer to \p Question, computed by \p Compute if not known.
  llvm::json::Value answer(llvm::StringRef Question,
                           const std::function<llvm::json::Value()> &Compute);

  unsigned Reused = 0;

private:
  void save();
  std::string Path;        ///< "" when disabled.
  std::string Fingerprint; ///< "" when a file changed too recently to trust.
  llvm::json::Object Answers;
  bool Dirty = false;
};

} // namespace mmapmigrate

#endif
