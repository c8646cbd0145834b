//===- MentionIndex.cpp - Where the tree's code names a word --------------===//
#include "rewrites/plan/MentionIndex.h"
#include "matchers/core/SourceText.h"

#include <algorithm>
#include <mutex>

namespace mmapmigrate {

MentionIndex::MentionIndex(const std::vector<std::string> &Files,
                           const std::set<std::string> &Words) {
  for (const std::string &F : Files) {
    std::string Text;
    if (!readSourceText(F, Text) ||
        std::none_of(Words.begin(), Words.end(),
                     [&](const std::string &W) { return Text.find(W) != std::string::npos; }))
      continue;
    Code.emplace(F, blankComments(Text));
  }
}

std::string MentionIndex::find(
    const std::string &Word,
    llvm::function_ref<std::string(const std::string &, llvm::StringRef, size_t, unsigned)> Each)
    const {
  // Many handlers ask about the same words (a barrier's places, the
  // tables): each word is looked for once.
  std::vector<std::pair<const std::string *, size_t>> Where;
  {
    std::lock_guard<std::mutex> G(HitsLock);
    auto It = Hits.find(Word);
    if (It == Hits.end()) {
      std::vector<std::pair<const std::string *, size_t>> Found;
      for (const auto &[F, Text] : Code)
        for (size_t At : wordOffsets(Text, Word))
          Found.push_back({&F, At});
      It = Hits.emplace(Word, std::move(Found)).first;
    }
    Where = It->second;
  }
  for (const auto &[F, At] : Where) {
    const std::string &Text = Code.at(*F);
    unsigned Line = 1 + std::count(Text.begin(), Text.begin() + At, '\n');
    std::string Answer = Each(*F, Text, At, Line);
    if (!Answer.empty())
      return Answer;
  }
  return "";
}

} // namespace mmapmigrate
