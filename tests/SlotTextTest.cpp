//===- SlotTextTest.cpp - mmap slot assignments in raw text ---------------===//
#include "matchers/find/SlotText.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace mmapmigrate;

namespace {

/// "offset:name[:proc]" for each assignment, joined by spaces.
std::string describe(const std::vector<SlotAssignment> &Found) {
  std::string Out;
  for (const SlotAssignment &A : Found)
    Out += (Out.empty() ? "" : " ") + std::to_string(A.Offset) + ":" + A.Name.str() +
           (A.Proc ? ":proc" : "");
  return Out;
}

/// The regex the scanner replaced, applied the way its caller applied it.
std::string byRegex(llvm::StringRef Text) {
  static const llvm::Regex Slot(
      "(\\.|->)[ \t]*(proc_)?mmap[ \t]*=[ \t]*([A-Za-z_][A-Za-z0-9_]*)");
  std::vector<SlotAssignment> Out;
  size_t Pos = 0;
  llvm::SmallVector<llvm::StringRef, 4> M;
  while (Pos < Text.size() && Slot.match(Text.substr(Pos), &M)) {
    size_t At = Pos + (M[0].data() - Text.substr(Pos).data());
    Pos = At + M[0].size();
    Out.push_back({At, M[3], M[2] == "proc_"});
  }
  return describe(Out);
}

TEST(SlotTextTest, DesignatorsAndMemberAssignments) {
  llvm::StringRef T = "static const struct file_operations f = {\n"
                      "\t.mmap\t= foo_mmap,\n"
                      "};\n"
                      "\tops->mmap = bar_mmap;\n"
                      "\t.proc_mmap = baz_mmap,\n";
  EXPECT_EQ("43:foo_mmap 68:bar_mmap 88:baz_mmap:proc", describe(findSlotAssignments(T)));
}

TEST(SlotTextTest, NotSlots) {
  // Other members, comparisons, a value that is not a name, no member access.
  for (llvm::StringRef T : {".i_mmap = x", "a.mmap == b", ".mmap = (void *)x", "mmap = x",
                            ".mmap_prepare = x", ".x_proc_mmap = y", "- >mmap = x"})
    EXPECT_EQ("", describe(findSlotAssignments(T))) << T.str();
}

TEST(SlotTextTest, SameMatchesAsTheRegex) {
  // Random texts over pieces the pattern is made of, and near misses.
  const char *Pieces[] = {".", "->", "-", ">", " ", "\t", "\n", "proc_", "mmap", "=", "==",
                          "foo", "_x1", "1", "(", "i_", "memmap"};
  std::mt19937 Rng(20261121);
  std::uniform_int_distribution<size_t> Pick(0, std::size(Pieces) - 1), Len(1, 24);
  for (int Round = 0; Round < 20000; ++Round) {
    std::string T;
    for (size_t I = 0, N = Len(Rng); I < N; ++I)
      T += Pieces[Pick(Rng)];
    ASSERT_EQ(byRegex(T), describe(findSlotAssignments(T))) << "text: '" << T << "'";
  }
}

} // namespace
