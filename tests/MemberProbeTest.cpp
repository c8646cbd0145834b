// The probe parse of a file no configuration builds: which `->mmap` members
// are another struct's. Only what the parse resolves clears a position.
#include "matchers/find/MemberProbe.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

std::string writeFile(const llvm::SmallString<128> &Dir, const char *Name, llvm::StringRef Text) {
  llvm::SmallString<128> Path(Dir);
  llvm::sys::path::append(Path, Name);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  OS << Text;
  return std::string(Path);
}

} // namespace

TEST(MemberProbe, ClearsOnlyMembersResolvedToAnotherStruct) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("member-probe", Dir));
  std::string Neighbour = writeFile(Dir, "built.c", "int built;\n");
  // Line 6: another struct's hook; line 7: file_operations'; line 8: a
  // struct the file never declares (unresolved: stays); line 9: missing
  // header before it does not stop the parse.
  std::string File = writeFile(Dir, "unbuilt.c",
                               "struct file; struct vm_area_struct;\n"
                               "struct file_operations { int (*mmap)(struct file *, struct vm_area_struct *); };\n"
                               "struct lcd_ctrl { int (*mmap)(void *, struct vm_area_struct *); };\n"
                               "struct dev { struct lcd_ctrl *ctrl; const struct file_operations *fops; };\n"
                               "int f(struct dev *d, struct file *fl, struct vm_area_struct *v, struct nope *n) {\n"
                               "\tint r = d->ctrl->mmap(0, v);\n"
                               "\tr += d->fops->mmap(fl, v);\n"
                               "\tr += n->mmap(fl, v);\n"
                               "\treturn r + undeclared_call();\n"
                               "}\n"
                               "#define CALL(p) (p)->mmap(0, 0)\n"
                               "int g(struct lcd_ctrl *c) { return CALL(c); }\n");
  // The neighbour's input spelled relative to the directory, as kbuild
  // commands often are; a member in a macro's body (line 11) shows nothing.
  clang::tooling::CompileCommand Cmd(std::string(Dir), Neighbour,
                                     {"clang", "-fsyntax-only", "-std=gnu11", "./built.c"}, "");
  std::set<MemberPosition> Other =
      otherTableMmapMembers(Cmd, File, {{6, 19}, {7, 16}, {8, 10}, {11, 22}}, {}, {});
  EXPECT_EQ(std::set<MemberPosition>({{6, 19}}), Other);
  llvm::sys::fs::remove_directories(Dir);
}
