//===- SlotText.cpp - mmap slot assignments found in raw text -------------===//

#include "SlotText.h"
#include "matchers/core/SourceText.h"

#include "llvm/ADT/StringExtras.h"

#include <cstring>

namespace mmapmigrate {

namespace {
bool isBlank(char C) { return C == ' ' || C == '\t'; }
bool isIdentStart(char C) { return llvm::isAlpha(C) || C == '_'; }
} // namespace

std::vector<SlotAssignment> findSlotAssignments(llvm::StringRef Text) {
  std::vector<SlotAssignment> Out;
  const char *Base = Text.data();
  size_t Pos = 0;
  // memmem, not a regex: most skipped ranges are long and hold no "mmap".
  while (Pos < Text.size()) {
    const void *Hit = memmem(Base + Pos, Text.size() - Pos, "mmap", 4);
    if (!Hit)
      break;
    size_t M = static_cast<const char *>(Hit) - Base;
    Pos = M + 4;
    // After: blanks, '=', blanks, an identifier.
    size_t I = M + 4;
    while (I < Text.size() && isBlank(Text[I]))
      ++I;
    if (I >= Text.size() || Text[I] != '=')
      continue;
    ++I;
    while (I < Text.size() && isBlank(Text[I]))
      ++I;
    if (I >= Text.size() || !isIdentStart(Text[I]))
      continue;
    size_t NameStart = I;
    while (I < Text.size() && isIdentChar(Text[I]))
      ++I;
    // Before: an optional "proc_", blanks, then '.' or "->".
    size_t B = M;
    bool Proc = B >= 5 && Text.substr(B - 5, 5) == "proc_";
    if (Proc)
      B -= 5;
    while (B > 0 && isBlank(Text[B - 1]))
      --B;
    size_t Start;
    if (B >= 1 && Text[B - 1] == '.')
      Start = B - 1;
    else if (B >= 2 && Text[B - 1] == '>' && Text[B - 2] == '-')
      Start = B - 2;
    else
      continue;
    Out.push_back({Start, Text.slice(NameStart, I), Proc});
    Pos = I;
  }
  return Out;
}

} // namespace mmapmigrate
