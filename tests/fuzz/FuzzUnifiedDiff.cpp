// libFuzzer target: the unified-diff reader that `lint` runs on a
// contributor's patch.
#include "tool/lint/ChangedLines.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Change = mmapmigrate::parseUnifiedDiff(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  if (!Change)
    llvm::consumeError(Change.takeError());
  return 0;
}
