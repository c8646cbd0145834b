//===- HalfConversionTest.cpp - Reading name uses from kernel-style text --===//
#include "matchers/find/HalfConversion.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

std::vector<NameUseKind> kinds(llvm::StringRef Code, llvm::StringRef Name) {
  std::vector<NameUseKind> Out;
  for (const NameUse &U : usesOf(Code, Name))
    Out.push_back(U.K);
  return Out;
}

TEST(HalfConversion, TellsDefinitionsFromPrototypesSlotsAndOtherUses) {
  const char *Code = "int foo_mmap(struct file *file,\n"
                     "\t     struct vm_area_struct *vma);\n"
                     "static int foo_mmap(struct file *file, struct vm_area_struct *vma)\n"
                     "{\n"
                     "\treturn 0;\n"
                     "}\n"
                     "static const struct file_operations fops = {\n"
                     "\t.mmap = foo_mmap,\n"
                     "};\n"
                     "static int bar(struct file *f, struct vm_area_struct *v)\n"
                     "{\n"
                     "\treturn foo_mmap(f, v);\n"
                     "}\n"
                     "#define FOO_OPS .mmap = foo_mmap,\n";
  EXPECT_EQ(kinds(Code, "foo_mmap"),
            (std::vector<NameUseKind>{NameUseKind::Prototype, NameUseKind::Definition,
                                      NameUseKind::Slot, NameUseKind::Other, NameUseKind::Other}));
  std::vector<NameUse> Uses = usesOf(Code, "foo_mmap");
  EXPECT_EQ(Uses[0].Line, 1u);
  EXPECT_EQ(Uses[1].Line, 3u);
  EXPECT_EQ(Uses[2].Line, 8u);
  // A longer name is not a use.
  EXPECT_TRUE(usesOf(Code, "foo").empty());
}

TEST(HalfConversion, ReadsPrepareSlots) {
  const char *Code = "static const struct file_operations a = {\n"
                     "\t.mmap_prepare\t= a_mmap_prepare,\n"
                     "};\n"
                     "void set(struct file_operations *o)\n"
                     "{\n"
                     "\to->mmap_prepare = b_mmap_prepare;\n"
                     "\tif (o->mmap_prepare == c_mmap_prepare)\n"
                     "\t\treturn;\n"
                     "\to->mmap_prepare = NULL;\n"
                     "}\n"
                     "#define OPS(n) .mmap_prepare = n##_mmap_prepare,\n";
  auto Slots = prepareSlotsOf(Code);
  ASSERT_EQ(Slots.size(), 2u);
  EXPECT_EQ(Slots[0], (std::pair<std::string, unsigned>{"a_mmap_prepare", 2}));
  EXPECT_EQ(Slots[1], (std::pair<std::string, unsigned>{"b_mmap_prepare", 6}));
}

} // namespace
