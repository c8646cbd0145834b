//===- JsonNesting.cpp - Refuse JSON too deep to parse safely -------------===//
#include "tool/support/JsonNesting.h"

namespace mmapmigrate {

unsigned jsonNestingDepth(llvm::StringRef Text, unsigned Limit) {
  unsigned Depth = 0, Deepest = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I; // The escaped character cannot end the string.
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > Deepest && (Deepest = Depth) > Limit)
        return Deepest;
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return Deepest;
}

} // namespace mmapmigrate
