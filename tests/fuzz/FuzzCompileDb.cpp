// libFuzzer target: compile_commands.json as -p reads it, and the kernel
// flag clean-up every command goes through.
#include "tool/kbuild/CompileDb.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  auto Db = mmapmigrate::parseCompileDb(
      llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "compile_commands.json");
  if (!Db) {
    llvm::consumeError(Db.takeError());
    return 0;
  }
  for (const auto &Cmd : (*Db)->getAllCompileCommands())
    (void)Cmd.CommandLine.size();
  return 0;
}
