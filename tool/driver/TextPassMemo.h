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
#ifndef MMAP_MIGRATE_TOOL_DRIVER_TEXTPASSMEMO_H
#define MMAP_MIGRATE_TOOL_DRIVER_TEXTPASSMEMO_H

#include "tool/support/RunLog.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace mmapmigrate {

class TextPassMemo {
public:
  /// \p CacheDir: "" for no memo (every question is computed). \p Files:
  /// every file whose text the answers may depend on. \p Tree names the
  /// memo (one per tree). A memo found damaged (checksum, shape) is
  /// dropped with a note to \p Log; its answers are computed again.
  TextPassMemo(std::string CacheDir, llvm::StringRef Tree, const std::vector<std::string> &Files,
               const RunLog &Log = RunLog());
  ~TextPassMemo();

  /// The answer to \p Question: the remembered one if \p Decode accepts it,
  /// else \p Compute's, which is remembered (through \p Encode).
  template <typename T>
  T answer(llvm::StringRef Question, llvm::function_ref<T()> Compute,
           llvm::function_ref<llvm::json::Value(const T &)> Encode,
           llvm::function_ref<std::optional<T>(const llvm::json::Value &)> Decode) {
    if (const llvm::json::Value *Known = known(Question))
      if (std::optional<T> V = Decode(*Known)) {
        ++Reused;
        return std::move(*V);
      }
    T V = Compute();
    remember(Question, Encode(V));
    return V;
  }

  /// The same for answers that are JSON already.
  llvm::json::Value answer(llvm::StringRef Question,
                           llvm::function_ref<llvm::json::Value()> Compute);

  unsigned Reused = 0;

private:
  const llvm::json::Value *known(llvm::StringRef Question) const;
  void remember(llvm::StringRef Question, llvm::json::Value Answer);
  void save();
  std::string Path;        ///< "" when disabled.
  std::string Fingerprint; ///< "" when a file changed too recently to trust.
  llvm::json::Object Answers;
  bool Dirty = false;
};

} // namespace mmapmigrate

#endif
