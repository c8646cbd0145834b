//===- ChangedLinesTest.cpp - What a unified diff adds --------------------===//
#include "tool/lint/ChangedLines.h"

#include "gtest/gtest.h"

using namespace mmapmigrate;

namespace {

std::vector<unsigned> addedLines(const ChangeSet &C, const std::string &Path) {
  std::vector<unsigned> Out;
  auto It = C.Files.find(Path);
  if (It != C.Files.end())
    for (const auto &[L, Text] : It->second.Added)
      Out.push_back(L);
  return Out;
}

ChangeSet parse(llvm::StringRef Diff) {
  auto C = parseUnifiedDiff(Diff);
  EXPECT_TRUE(bool(C)) << llvm::toString(C.takeError());
  return C ? std::move(*C) : ChangeSet();
}

TEST(ChangedLinesTest, GitDiffWithZeroContext) {
  ChangeSet C = parse("diff --git a/drivers/x.c b/drivers/x.c\n"
                      "index 1..2 100644\n"
                      "--- a/drivers/x.c\n"
                      "+++ b/drivers/x.c\n"
                      "@@ -3,0 +4,2 @@ static int a;\n"
                      "+static int b;\n"
                      "+static int c;\n"
                      "@@ -10 +12 @@\n"
                      "-old\n"
                      "+new\n");
  EXPECT_EQ(addedLines(C, "drivers/x.c"), (std::vector<unsigned>{4, 5, 12}));
  EXPECT_EQ(C.Files["drivers/x.c"].Added[5], "static int c;");
  EXPECT_TRUE(C.adds("drivers/x.c", 12));
  EXPECT_FALSE(C.adds("drivers/x.c", 6));
}

TEST(ChangedLinesTest, ContextLinesCountButAreNotAdded) {
  ChangeSet C = parse("--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n");
  EXPECT_EQ(addedLines(C, "f.c"), (std::vector<unsigned>{2, 3}));
}

TEST(ChangedLinesTest, NewDeletedRenamedAndBinaryFiles) {
  ChangeSet C = parse("diff --git a/n.c b/n.c\nnew file mode 100644\n--- /dev/null\n+++ b/n.c\n"
                      "@@ -0,0 +1,2 @@\n+one\n+two\n"
                      "diff --git a/d.c b/d.c\ndeleted file mode 100644\n--- a/d.c\n+++ /dev/null\n"
                      "@@ -1 +0,0 @@\n-gone\n"
                      "diff --git a/old.c b/new.c\nsimilarity index 100%\nrename from old.c\n"
                      "rename to new.c\n"
                      "diff --git a/img.bin b/img.bin\nBinary files a/img.bin and b/img.bin differ\n");
  EXPECT_EQ(addedLines(C, "n.c"), (std::vector<unsigned>{1, 2}));
  EXPECT_TRUE(C.Files["d.c"].Deleted);
  EXPECT_TRUE(C.Files.count("new.c"));
  EXPECT_TRUE(addedLines(C, "new.c").empty());
  EXPECT_TRUE(C.Files["img.bin"].Binary);
}

TEST(ChangedLinesTest, PlainDiffKeepsPathsAndDropsTimestamps) {
  ChangeSet C = parse("--- x.c\t2026-01-01 00:00:00\n+++ x.c\t2026-01-02 00:00:00\n"
                      "@@ -1 +1 @@\n-a\n+b\n");
  EXPECT_EQ(addedLines(C, "x.c"), (std::vector<unsigned>{1}));
}

TEST(ChangedLinesTest, QuotedPaths) {
  ChangeSet C = parse("diff --git \"a/sp ace\\303\\251.c\" \"b/sp ace\\303\\251.c\"\n"
                      "--- \"a/sp ace\\303\\251.c\"\n+++ \"b/sp ace\\303\\251.c\"\n"
                      "@@ -1 +1 @@\n-a\n+b\n");
  EXPECT_EQ(addedLines(C, "sp ace\xc3\xa9.c"), (std::vector<unsigned>{1}));
}

TEST(ChangedLinesTest, LaterPatchesMoveAndDropEarlierLines) {
  // Patch 1 adds lines 5-6; patch 2 puts two lines above them and removes
  // line 6: the lines added by both, counted in the final file.
  ChangeSet C = parse("From 1 Mon Sep 17 00:00:00 2001\nSubject: [PATCH 1/2] one\n\n---\n"
                      "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
                      "@@ -4,0 +5,2 @@\n+five\n+six\n"
                      "-- \n2.39.5\n\n"
                      "From 2 Mon Sep 17 00:00:00 2001\nSubject: [PATCH 2/2] two\n\n---\n"
                      "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"
                      "@@ -1,0 +2,2 @@\n+x\n+y\n"
                      "@@ -6 +7,0 @@\n-six\n");
  EXPECT_EQ(addedLines(C, "f.c"), (std::vector<unsigned>{2, 3, 7}));
  EXPECT_EQ(C.Files["f.c"].Added[7], "five");
}

TEST(ChangedLinesTest, EmptyInputIsNoChange) {
  EXPECT_TRUE(parse("").Files.empty());
}

TEST(ChangedLinesTest, Refusals) {
  auto NotDiff = parseUnifiedDiff("hello\nworld\n");
  ASSERT_FALSE(bool(NotDiff));
  EXPECT_NE(llvm::toString(NotDiff.takeError()).find("no unified diff"), std::string::npos);
  auto Short = parseUnifiedDiff("--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,2 @@\n a\n");
  ASSERT_FALSE(bool(Short));
  EXPECT_NE(llvm::toString(Short.takeError()).find("ends inside a hunk"), std::string::npos);
  auto Bad = parseUnifiedDiff("--- a/f.c\n+++ b/f.c\n@@ -x +1 @@\n");
  ASSERT_FALSE(bool(Bad));
  EXPECT_NE(llvm::toString(Bad.takeError()).find("malformed hunk header"), std::string::npos);
}

/// What a CI gate must not pass: a change that may not be the whole change.
TEST(ChangedLinesTest, RefusesADiffCutShortOrLeavingTheTree) {
  auto Cut = parseUnifiedDiff("diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n");
  ASSERT_FALSE(bool(Cut));
  EXPECT_EQ(llvm::toString(Cut.takeError()),
            "the diff of f.c ends after its ---/+++ lines: it was cut short");
  // The second file's header is cut, after a whole first file.
  auto CutLater = parseUnifiedDiff("--- a/g.c\n+++ b/g.c\n@@ -1 +1,2 @@\n g\n+h\n"
                                   "--- a/f.c\n+++ b/f.c\n");
  ASSERT_FALSE(bool(CutLater));
  EXPECT_NE(llvm::toString(CutLater.takeError()).find("the diff of f.c ends"), std::string::npos);
  auto Up = parseUnifiedDiff("--- a/../../x.c\n+++ b/../../x.c\n@@ -1 +1,2 @@\n x\n+y\n");
  ASSERT_FALSE(bool(Up));
  EXPECT_EQ(llvm::toString(Up.takeError()), "the diff names ../../x.c, which leaves the tree");
  auto Abs = parseUnifiedDiff("--- /etc/x.c\n+++ /etc/x.c\n@@ -1 +1,2 @@\n x\n+y\n");
  ASSERT_FALSE(bool(Abs));
  EXPECT_NE(llvm::toString(Abs.takeError()).find("an absolute path"), std::string::npos);
  // Positive controls: a header-only git section (a mode change, an empty
  // new file), a binary patch and a name with dots are whole.
  EXPECT_TRUE(bool(parseUnifiedDiff("diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\n")));
  EXPECT_TRUE(bool(parseUnifiedDiff("diff --git a/e.c b/e.c\nnew file mode 100644\n"
                                    "index 0000000..e69de29\n")));
  EXPECT_TRUE(bool(parseUnifiedDiff("diff --git a/b.bin b/b.bin\n--- a/b.bin\n+++ b/b.bin\n"
                                    "Binary files a/b.bin and b/b.bin differ\n")));
  EXPECT_TRUE(bool(parseUnifiedDiff("--- a/x..y.c\n+++ b/x..y.c\n@@ -1 +1,2 @@\n x\n+y\n")));
}

} // namespace
