//===- CommandCacheTest.cpp - The kernel build dir's per-file commands -----===//
#include "tool/kbuild/KbuildDetail.h"
#include "tests/TestFiles.h"
#include "tool/support/AtomicFile.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;
using namespace mmapmigrate::kbuild;

namespace {

TEST(CommandCache, AnEditedCommandIsNotBelieved) {
  TempDir D;
  llvm::StringMap<CachedCommand> Saved;
  Saved["drivers/char/mem.c"] = {"drivers/char/mem.o",
                                 {"clang", "-DCONFIG_DEVMEM", "-c", "drivers/char/mem.c"}};
  ASSERT_FALSE(saveCommandCache(D.Path, Saved));
  std::vector<std::string> Notes;
  RunLog Log;
  Log.Note = [&Notes](const std::string &N) { Notes.push_back(N); };
  // Positive control: read back as written, silently.
  llvm::StringMap<CachedCommand> Back = loadCommandCache(D.Path, Log);
  ASSERT_EQ(Back.count("drivers/char/mem.c"), 1u);
  EXPECT_EQ(Back["drivers/char/mem.c"].Args[1], "-DCONFIG_DEVMEM");
  EXPECT_TRUE(Notes.empty());

  // One argument changed by hand, the checksum line kept: still JSON, but
  // believed it would give that file a wrong census on every later run.
  std::string P = D.file(CacheName);
  std::optional<std::string> Text = readWholeFile(P);
  ASSERT_TRUE(Text);
  size_t At = Text->find("-DCONFIG_DEVMEM");
  ASSERT_NE(At, std::string::npos);
  Text->replace(At, 15, "-DCONFIG_DEVMEX");
  D.write(CacheName, *Text);
  EXPECT_TRUE(loadCommandCache(D.Path, Log).empty());
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_EQ(Notes[0], "ignoring damaged " + P +
                          ": its checksum does not match its content; its commands are listed again");

  // A cache that is not ours at all says so too.
  Notes.clear();
  D.write(CacheName, "random bytes\x01\x02");
  EXPECT_TRUE(loadCommandCache(D.Path, Log).empty());
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_NE(Notes[0].find("does not end in its checksum line"), std::string::npos) << Notes[0];
}

} // namespace
