//===- PrefilterTest.cpp - The text pre-filter that picks TUs -------------===//
#include <algorithm>
#include "tool/Prefilter.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

std::string writeTemp(llvm::StringRef Name, llvm::StringRef Text) {
  llvm::SmallString<128> Dir;
  llvm::sys::fs::createUniqueDirectory("prefilter", Dir);
  llvm::sys::path::append(Dir, Name);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Dir, EC);
  OS << Text;
  return std::string(Dir);
}

TEST(Prefilter, MmapAssignmentIsACandidate) {
  EXPECT_TRUE(mayHoldMmapSlot("\t.mmap\t\t= foo_mmap,\n", {}));
  EXPECT_TRUE(mayHoldMmapSlot("fops->mmap = foo_mmap;", {}));
  EXPECT_TRUE(mayHoldMmapSlot(".proc_mmap = foo", {}));
}

TEST(Prefilter, ComparisonAndMentionsAreNot) {
  EXPECT_FALSE(mayHoldMmapSlot("if (file->f_op->mmap == NULL)", {}));
  EXPECT_FALSE(mayHoldMmapSlot("/* mmap support */ int x;", {}));
}

TEST(Prefilter, FopsMacroUseIsACandidate) {
  std::set<std::string> Macros = {"DEFINE_DRM_GEM_FOPS"};
  EXPECT_TRUE(mayHoldMmapSlot("DEFINE_DRM_GEM_FOPS(foo_fops);", Macros));
  // Only whole identifiers count.
  EXPECT_FALSE(mayHoldMmapSlot("MY_DEFINE_DRM_GEM_FOPS_X(foo_fops);", Macros));
}

TEST(Prefilter, FindsMacrosThatBuildMmapSlotsTransitively) {
  std::string H = writeTemp("gem.h", "#define INNER_FOPS \\\n"
                                     "\t.open = foo_open, \\\n"
                                     "\t.mmap = foo_mmap\n"
                                     "#define OUTER_FOPS(name) \\\n"
                                     "\tstatic const struct file_operations name = { \\\n"
                                     "\t\tINNER_FOPS, \\\n"
                                     "\t}\n"
                                     "#define UNRELATED(x) ((x) + 1)\n");
  std::set<std::string> Macros = findFopsMacros({H});
  EXPECT_EQ(Macros, (std::set<std::string>{"INNER_FOPS", "OUTER_FOPS"}));
}

TEST(Prefilter, FilesDefiningNamedHandlers) {
  std::string Def = writeTemp("def.c", "int foo_mmap(struct file *f, struct vm_area_struct *v)\n{\n}\n");
  std::string Use = writeTemp("use.c", "static const struct file_operations x = {\n\t.mmap = foo_mmap,\n};\n");
  std::vector<std::string> Out = filesDefining({Def, Use}, {"foo_mmap"});
  ASSERT_EQ(Out.size(), 1u);
  EXPECT_EQ(Out[0], Def);
}

TEST(Prefilter, BinaryFilesAreNotRead) {
  std::string Bin = writeTemp("blob.c", llvm::StringRef("\x7f" "ELF\0\0.mmap = x", 14));
  std::string Text;
  EXPECT_FALSE(readSourceText(Bin, Text));
}

TEST(Prefilter, BlankCommentsKeepsCodeStringsAndLines) {
  std::string In = "a(); /* foo_mmap */ b();\n"
                   "// foo_mmap\n"
                   "s = \"/* not a comment */\"; c = '\\''; /* x\n y */ d;\n";
  std::string Out = blankComments(In);
  ASSERT_EQ(Out.size(), In.size());
  EXPECT_EQ(std::count(Out.begin(), Out.end(), '\n'), 4);
  EXPECT_EQ(Out.find("foo_mmap"), std::string::npos) << Out;
  EXPECT_NE(Out.find("\"/* not a comment */\""), std::string::npos) << Out;
  EXPECT_NE(Out.find("b();"), std::string::npos);
  EXPECT_NE(Out.find(" d;"), std::string::npos) << Out;
}

} // namespace
