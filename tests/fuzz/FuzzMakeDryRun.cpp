// libFuzzer target: the `make -n` output that --kernel turns into compile
// commands.
#include "tool/kbuild/CompileDb.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Cmds = mmapmigrate::parseMakeDryRun(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "/build", "/tree");
  (void)Cmds.size();
  return 0;
}
