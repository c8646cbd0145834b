// libFuzzer target: a target-API profile (rewrites/profiles/*.yaml).
#include "rewrites/profiles/Profile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto P = mmapmigrate::parseProfile(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "fuzz.yaml");
  if (!P)
    llvm::consumeError(P.takeError());
  return 0;
}
