// libFuzzer target: `lint --baseline` (a SARIF log or a fingerprint list).
#include "tool/lint/LintDriver.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto B = mmapmigrate::parseBaseline(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "baseline");
  if (!B)
    llvm::consumeError(B.takeError());
  return 0;
}
