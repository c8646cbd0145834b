//===- SourceTextTest.cpp - Listing and reading the tree as text ----------===//
//
// The listing is what a --kernel scan is asked for: a file it loses is a
// handler the census never mentions, so every case here is one that once
// lost files in silence or never ended. Tests that need permissions to
// hold run as an unprivileged user (ctest unit_unprivileged); as root they
// skip, since root reads anything.
//
//===----------------------------------------------------------------------===//
#include "matchers/core/SourceText.h"
#include "tests/TestFiles.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mmapmigrate {
namespace {

namespace fs = llvm::sys::fs;

std::vector<std::string> relative(const std::vector<std::string> &Files, llvm::StringRef Root) {
  std::vector<std::string> Out;
  for (const std::string &F : Files)
    Out.push_back(relativePath(F, Root));
  return Out;
}

void makeLink(const TempDir &T, llvm::StringRef Target, llvm::StringRef Name) {
  ASSERT_FALSE(fs::create_link(Target, T.file(Name))) << Name.str();
}

TEST(SourceListing, DoesNotFollowDirectorySymlinks) {
  TempDir T, Outside;
  T.write("drivers/char/a.c", "int a;\n");
  T.write("drivers/char/a.h", "int h;\n");
  T.write("fs/b.c", "int b;\n");
  Outside.write("elsewhere.c", "int e;\n");
  makeLink(T, "..", "drivers/char/loop");             // back up into the tree: a loop
  makeLink(T, "../drivers", "fs/drivers");            // into the tree, elsewhere
  makeLink(T, Outside.Path, "fs/outside");            // out of the tree
  makeLink(T, "../drivers/char/a.c", "fs/alias.c");   // a file link is a file
  makeLink(T, "nowhere.c", "fs/dangling.c");
  std::vector<ListingProblem> Problems;
  std::vector<std::string> Files = listSourceFiles(T.Path, "", /*Headers=*/true, &Problems);
  EXPECT_EQ(relative(Files, T.Path),
            (std::vector<std::string>{"drivers/char/a.c", "drivers/char/a.h", "fs/alias.c",
                                      "fs/b.c"}));
  EXPECT_TRUE(Problems.empty());
  // Without headers, and below a subdirectory.
  EXPECT_EQ(relative(listSourceFiles(T.Path, "drivers", false), T.Path),
            (std::vector<std::string>{"drivers/char/a.c"}));
}

TEST(SourceListing, SkipsToolsAndHiddenDirectoriesAtTheirPlace) {
  TempDir T;
  T.write("tools/x/t.c", "");
  T.write("drivers/tools/d.c", "");
  T.write(".git/g.c", "");
  EXPECT_EQ(relative(listSourceFiles(T.Path, "", false), T.Path),
            (std::vector<std::string>{"drivers/tools/d.c"}));
}

TEST(SourceListing, UnreadableDirectoryIsSaidAndItsSiblingsListed) {
  if (geteuid() == 0)
    GTEST_SKIP() << "root reads any directory; ctest unit_unprivileged runs this";
  TempDir T;
  T.write("a/x.c", "");
  T.write("b/locked/y.c", "");
  T.write("b/z.c", "");
  T.write("c/w.c", "");
  ASSERT_EQ(chmod(T.file("b/locked").c_str(), 0), 0);
  std::vector<ListingProblem> Problems;
  std::vector<std::string> Files = listSourceFiles(T.Path, "", false, &Problems);
  (void)chmod(T.file("b/locked").c_str(), 0755); // so that TempDir can remove it
  EXPECT_EQ(relative(Files, T.Path), (std::vector<std::string>{"a/x.c", "b/z.c", "c/w.c"}));
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_EQ(relativePath(Problems[0].Path, T.Path), "b/locked");
  EXPECT_EQ(Problems[0].Why, "Permission denied");
}

TEST(SourceRead, SaysWhyAFileIsNotSourceText) {
  TempDir T;
  std::string Text;
  EXPECT_EQ(readSourceTextOrWhy(T.write("ok.c", "int x;\n"), Text), "");
  EXPECT_EQ(Text, "int x;\n");
  EXPECT_EQ(readSourceTextOrWhy(T.file("missing.c"), Text),
            "could not be read: No such file or directory");
  // A NUL byte far past the first page counts too.
  std::string Late(20000, ' ');
  Late[12345] = '\0';
  EXPECT_EQ(readSourceTextOrWhy(T.write("late.c", Late), Text),
            "not source text: a NUL byte at offset 12345");
  EXPECT_FALSE(readSourceText(T.file("late.c"), Text));
}

TEST(SourceRead, UnreadableFileSaysPermissionDenied) {
  if (geteuid() == 0)
    GTEST_SKIP() << "root reads any file; ctest unit_unprivileged runs this";
  TempDir T;
  std::string P = T.write("secret.c", "int s;\n");
  ASSERT_EQ(chmod(P.c_str(), 0), 0);
  std::string Text;
  EXPECT_EQ(readSourceTextOrWhy(P, Text), "could not be read: Permission denied");
}

} // namespace
} // namespace mmapmigrate
