//===- TextQuestions.h - The text pass's questions, memoised -----*- C++ -*-===//
//
// What the scan asks of the tree's text before it parses anything (which
// macros build fops, which files may hold a slot, which define a handler),
// each answered from the TextPassMemo while the files it read are
// unchanged, else computed and remembered.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_DRIVER_TEXTQUESTIONS_H
#define MMAP_MIGRATE_TOOL_DRIVER_TEXTQUESTIONS_H

#include "matchers/core/Census.h"
#include "matchers/find/Prefilter.h"
#include "tool/driver/TextPassMemo.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// The strings of a JSON array of strings; none if it is not one.
std::optional<std::vector<std::string>> stringsOf(const llvm::json::Value &V);

template <typename Range> llvm::json::Value stringArray(const Range &Strings) {
  llvm::json::Array A;
  for (const std::string &S : Strings)
    A.push_back(S);
  return A;
}

/// A text-pass question: what is asked, about which names and files.
std::string question(llvm::StringRef What, const std::set<std::string> &Names,
                     const std::vector<std::string> &Files);

/// findFopsMacros over \p Files.
std::set<std::string> fopsMacrosMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                                     unsigned Jobs);

/// findSlotListMacros over \p Sources.
SlotListMacros slotListsMemo(TextPassMemo &Memo, const std::vector<std::string> &Sources,
                             const std::set<std::string> &Macros, unsigned Jobs);

/// What the text pass makes of the files it is given: each file is in
/// exactly one of these.
struct TextPicks {
  std::vector<std::string> Parse;  ///< The text may hold an mmap slot.
  std::vector<TuResult> ByText;    ///< Settled from the text: other ops tables only.
  std::vector<NotAnalysed> Unread; ///< Not readable as source text, with why.
  size_t NoMmapMember = 0;         ///< No mmap member and no fops macro in the text.
};

/// Sorts \p Files by their text (TextPicks). With \p SettleByText, a file
/// whose text alone proves that its mmap members all belong to other ops
/// tables is not parsed but settled from its text. \p Lists is asked for
/// only when the memo has no answer.
TextPicks prefilterMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                         const std::set<std::string> &Macros,
                         llvm::function_ref<SlotListMacros()> Lists, unsigned Jobs,
                         bool SettleByText);

/// A list of files the text pass worked out (\p Compute), remembered under
/// \p Question.
std::vector<std::string> fileListMemo(TextPassMemo &Memo, const std::string &Question,
                                      llvm::function_ref<std::vector<std::string>()> Compute);

/// filesDefining over \p Files.
std::vector<std::string> filesDefiningMemo(TextPassMemo &Memo,
                                           const std::vector<std::string> &Files,
                                           const std::set<std::string> &Names, unsigned Jobs);

/// filesCalling over \p Files.
std::vector<std::string> filesCallingMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                                          const std::set<std::string> &Places, unsigned Jobs);

} // namespace mmapmigrate

#endif
