//===- EditApplierTest.cpp - The one applier, as clangd tests a tweak -----===//
//
// apply() gives the new text, or "fail: <reason>" when the edits cannot
// all be made: what the rewrite would write is checked as text, the way
// clangd's tweak tests check apply().
//
//===----------------------------------------------------------------------===//
#include "rewrites/apply/EditApplier.h"

#include "tests/TestFiles.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

const char *F = "/t/foo.c";

/// \p Text with \p Edits (of file F) made, normalized as the rewrite does.
std::string apply(llvm::StringRef Text, std::vector<Edit> Edits) {
  auto Sorted = normalizeEdits(std::move(Edits));
  if (!Sorted)
    return "fail: " + llvm::toString(Sorted.takeError());
  return applyEdits(Text, *Sorted);
}

Edit at(unsigned Offset, unsigned Length, std::string Text) {
  return {F, Offset, Length, std::move(Text)};
}

TEST(EditApplier, ReplacesInsertsAndDeletesInAnyOrderGiven) {
  const char *Code = "static int foo_mmap(struct file *file, struct vm_area_struct *vma)\n";
  // Given out of order: the applier sorts them.
  EXPECT_EQ(apply(Code, {at(39, 26, "struct vm_area_desc *desc"), at(11, 8, "foo_mmap_prepare"),
                         at(20, 19, "")}),
            "static int foo_mmap_prepare(struct vm_area_desc *desc)\n");
  // An insertion at an offset, nothing replaced.
  EXPECT_EQ(apply("a;\nb;\n", {at(3, 0, "x;\n")}), "a;\nx;\nb;\n");
  // At the very end.
  EXPECT_EQ(apply("a;\n", {at(3, 0, "b;\n")}), "a;\nb;\n");
  // No edits: the text as it was.
  EXPECT_EQ(apply("a;\n", {}), "a;\n");
}

TEST(EditApplier, TheSameEditTwiceIsMadeOnce) {
  // Two slots of one macro plan the same edit of its #define.
  EXPECT_EQ(apply(".mmap = foo_mmap,", {at(1, 4, "mmap_prepare"), at(1, 4, "mmap_prepare")}),
            ".mmap_prepare = foo_mmap,");
}

TEST(EditApplier, OverlappingEditsFailAndSayWhere) {
  std::string R = apply("abcdef", {at(1, 3, "X"), at(2, 3, "Y")});
  ASSERT_EQ(R.rfind("fail: ", 0), 0u) << R;
  EXPECT_NE(R.find("conflicting edits in /t/foo.c at offsets 1 and 2"), std::string::npos) << R;
  // A replacement and an insertion at one offset conflict too.
  std::string Mixed = apply("abc", {at(1, 1, "X"), at(1, 0, "Y")});
  EXPECT_EQ(Mixed.rfind("fail: ", 0), 0u) << Mixed;
  // Two insertions at one offset are both made, in one order whatever the
  // order given (a function and its comment before the same line).
  EXPECT_EQ(apply("ab", {at(1, 0, "Y"), at(1, 0, "X")}), "aXYb");
  // Touching, not overlapping: both are made.
  EXPECT_EQ(apply("abcdef", {at(0, 2, "X"), at(2, 2, "Y")}), "XYef");
}

TEST(EditApplier, ContentsOfEveryTouchedFileAndItsDiff) {
  TempDir Dir;
  std::string Path = Dir.write("foo.c", "int a;\n\t.mmap = foo_mmap,\nint b;\n");
  auto Contents = rewrittenContents({{Path, 9, 4, "mmap_prepare"}, {Path, 16, 8, "foo_mmap_prepare"}});
  ASSERT_TRUE(bool(Contents)) << llvm::toString(Contents.takeError());
  ASSERT_EQ(Contents->size(), 1u);
  EXPECT_EQ(Contents->at(Path).first, "int a;\n\t.mmap = foo_mmap,\nint b;\n");
  EXPECT_EQ(Contents->at(Path).second, "int a;\n\t.mmap_prepare = foo_mmap_prepare,\nint b;\n");
  std::string Diff = unifiedDiff(Contents->at(Path).first, Contents->at(Path).second, "foo.c");
  EXPECT_NE(Diff.find("--- a/foo.c\n+++ b/foo.c\n"), std::string::npos) << Diff;
  EXPECT_NE(Diff.find("-\t.mmap = foo_mmap,\n+\t.mmap_prepare = foo_mmap_prepare,\n"),
            std::string::npos)
      << Diff;
  // An edit past the end of the file is refused, not clamped.
  auto Past = rewrittenContents({{Path, 1000, 1, "x"}});
  EXPECT_FALSE(bool(Past));
  llvm::consumeError(Past.takeError());
  // A file that is not there is an error too.
  auto Gone = rewrittenContents({{Dir.file("gone.c"), 0, 0, "x"}});
  EXPECT_FALSE(bool(Gone));
  llvm::consumeError(Gone.takeError());
}

} // namespace
