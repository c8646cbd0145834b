//===- PrefilterTest.cpp - The text pre-filter that picks TUs -------------===//
#include <algorithm>
#include "matchers/find/Prefilter.h"
#include "matchers/find/TextSlots.h"
#include "matchers/core/SourceText.h"

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
  // Members whose name only ends in "mmap" are not slots.
  EXPECT_FALSE(mayHoldMmapSlot("efi.memmap = map;", {}));
  EXPECT_FALSE(mayHoldMmapSlot("p->rammap = 0;", {}));
  // Comments that show an assignment or name a macro.
  EXPECT_FALSE(mayHoldMmapSlot("/*\n * .mmap = foo_mmap,\n */\nint x;", {}));
  EXPECT_FALSE(mayHoldMmapSlot("// see DEFINE_DRM_GEM_FOPS\nint x;", {"DEFINE_DRM_GEM_FOPS"}));
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

TEST(Prefilter, SlotListMacrosExpandToDesignatorsOnly) {
  std::map<std::string, std::vector<std::string>> Bodies = {
      {"__X_MMAP", {" \t.fb_mmap = x_io_mmap"}},
      {"X_OPS", {" __X_RDWR, /* draw */ __X_MMAP"}},
      {"X_DEFERRED", {"(__prefix) .fb_read = __prefix ## _read, .fb_mmap = x_deferred_mmap,"}},
      // The handler is a parameter, the macro has two definitions, it
      // builds a whole table, uses one that does, or sets a nested member.
      {"PARAM_MMAP", {"(h) .fb_mmap = h"}},
      {"TWICE", {" .fb_mmap = a_mmap", " .fb_mmap = b_mmap"}},
      {"TABLE", {"(n) static const struct file_operations n = { .mmap = m_mmap }"}},
      {"USES_TABLE", {" TABLE(x)"}},
      {"NESTED", {" .ops.mmap = m_mmap"}},
      {"PASTED", {"(p) p ## _OPS"}},
  };
  std::set<std::string> Macros;
  for (const auto &KV : Bodies)
    Macros.insert(KV.first);
  Macros.erase("__X_RDWR");
  SlotListMacros L = slotListsOf(Bodies, Macros);
  std::vector<MacroSlot> Io = {{"fb_mmap", "x_io_mmap"}};
  ASSERT_EQ(L.size(), 3u);
  EXPECT_EQ(L["__X_MMAP"], Io);
  EXPECT_EQ(L["X_OPS"], Io);
  EXPECT_EQ(L["X_DEFERRED"], (std::vector<MacroSlot>{{"fb_mmap", "x_deferred_mmap"}}));
}

TEST(Prefilter, SlotListWhoseHandlerIsAMacroIsDropped) {
  std::string H = writeTemp("fb.h", "#define __Y_MMAP \\\n\t.fb_mmap = y_mmap\n"
                                    "#define Y_OPS \\\n\t.fb_read = y_read, \\\n\t__Y_MMAP\n");
  std::set<std::string> Macros = findFopsMacros({H});
  ASSERT_EQ(Macros, (std::set<std::string>{"Y_OPS", "__Y_MMAP"}));
  EXPECT_EQ(findSlotListMacros({H}, Macros).size(), 2u);
  std::string Other = writeTemp("other.h", "#ifndef CONFIG_Y\n#define y_mmap NULL\n#endif\n");
  EXPECT_TRUE(findSlotListMacros({H, Other}, Macros).empty());
}

TEST(Prefilter, SlotListMacroUsesAreReadFromTheText) {
  SlotListMacros Lists = {{"X_OPS", {{"fb_mmap", "x_io_mmap"}}},
                          {"X_DEFERRED", {{"fb_mmap", "x_deferred_mmap"}}}};
  const char *Text = "static const struct fb_ops a_ops = {\n"
                     "\t.owner = THIS_MODULE,\n"
                     "\tX_OPS,\n"
                     "};\n"
                     "static struct fb_ops b_ops = { .fb_read = r, X_DEFERRED(b) };\n";
  auto Slots = otherTableSlotsByText(Text, nullptr, &Lists);
  ASSERT_TRUE(Slots.has_value());
  ASSERT_EQ(Slots->size(), 2u);
  EXPECT_EQ((*Slots)[0].Type, "struct fb_ops");
  EXPECT_EQ((*Slots)[0].Table, "a_ops");
  EXPECT_EQ((*Slots)[0].Field, "fb_mmap");
  EXPECT_EQ((*Slots)[0].Handler, "x_io_mmap");
  // Where the parse puts a slot a macro sets: the macro's name.
  EXPECT_EQ((*Slots)[0].Line, 3u);
  EXPECT_EQ((*Slots)[0].Col, 2u);
  EXPECT_EQ((*Slots)[1].Table, "b_ops");
  EXPECT_EQ((*Slots)[1].Handler, "x_deferred_mmap");
  EXPECT_EQ((*Slots)[1].Col, 46u);
  // After a conditional group, the item before is what precedes it.
  auto AfterIf = otherTableSlotsByText("static struct fb_ops c_ops = {\n"
                                       "#ifdef CONFIG_C_ACCEL\n\t.fb_fillrect = c_fill,\n#else\n"
                                       "\t.fb_fillrect = cfb_fillrect,\n#endif\n"
                                       "\tX_OPS,\n};\n",
                                       nullptr, &Lists);
  ASSERT_TRUE(AfterIf.has_value());
  ASSERT_EQ(AfterIf->size(), 1u);
  EXPECT_EQ((*AfterIf)[0].Line, 7u);
  const char *MustParse[] = {
      "#ifdef CONFIG_X\nstatic struct fb_ops p = { X_OPS };\n#endif\n",
      "static const struct file_operations f = { X_OPS };\n",
      "void f(struct fb_ops *o) { struct fb_ops x = { X_OPS }; }\n",
      "static struct fb_ops p = { X_OPS, .fb_mmap = other_mmap };\n",
      "static struct fb_ops p = { .a = b\n#ifdef CONFIG_X\n + c\n#endif\n X_OPS };\n",
      "static struct fb_ops p = { X_OPS + 1 };\n",
      "static struct fb_ops p = { X_DEFERRED(my_mmap) };\n",
      "#define X_OPS .fb_read = r\nstatic struct fb_ops p = { X_OPS };\n",
      "#define x_io_mmap NULL\nstatic struct fb_ops p = { X_OPS };\n",
  };
  for (const char *T : MustParse) {
    std::string Why;
    EXPECT_FALSE(otherTableSlotsByText(T, &Why, &Lists).has_value()) << T;
    EXPECT_FALSE(Why.empty()) << T;
  }
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

TEST(Prefilter, OtherTablesAreReadFromTheText) {
  auto Slots = otherTableSlotsByText("/* .mmap = not_this */\n"
                                     "static const struct proto_ops pkt_ops = {\n"
                                     "\t.family =\tPF_PACKET,\n"
                                     "\t.mmap =\tpkt_mmap,\n"
                                     "};\n"
                                     "struct snd_pcm_ops pcm_ops = { .mmap = NULL };\n");
  ASSERT_TRUE(Slots.has_value());
  ASSERT_EQ(Slots->size(), 2u);
  EXPECT_EQ((*Slots)[0].Type, "struct proto_ops");
  EXPECT_EQ((*Slots)[0].Table, "pkt_ops");
  EXPECT_EQ((*Slots)[0].Handler, "pkt_mmap");
  EXPECT_EQ((*Slots)[0].Line, 4u);
  EXPECT_EQ((*Slots)[0].Col, 10u);
  EXPECT_EQ((*Slots)[1].Handler, "NULL");
}

TEST(Prefilter, TextPassSeesPastNamesItDoesNotNeed) {
  // A fops table without an mmap slot, a local called mmap, attributes and
  // a macro call right before the table do not stop the text pass.
  auto Slots = otherTableSlotsByText(
      "static const struct file_operations f = { .open = f_open };\n"
      "static int g(void) { struct map *mmap = NULL; return !mmap; }\n"
      "BTF_ID_LIST_SINGLE(ids, struct, foo)\n"
      "const struct bpf_map_ops a_ops = {\n\t.map_mmap = a_mmap,\n};\n"
      "#ifdef CONFIG_X\n#define b_open NULL\n#endif\n"
      "static struct proto_ops __maybe_unused b_ops = { .mmap = b_mmap };\n");
  ASSERT_TRUE(Slots.has_value());
  ASSERT_EQ(Slots->size(), 2u);
  EXPECT_EQ((*Slots)[0].Type, "struct bpf_map_ops");
  EXPECT_EQ((*Slots)[0].Field, "map_mmap");
  EXPECT_EQ((*Slots)[0].Table, "a_ops");
  EXPECT_EQ((*Slots)[1].Table, "b_ops");
}

TEST(Prefilter, TheTextPassLeavesToTheParserWhatItCannotProve) {
  const char *MustParse[] = {
      // The type is named: it may be a fops table.
      "static const struct file_operations f = { .mmap = f_mmap };\n",
      // Set at run time.
      "void f(struct foo *x) { x->mmap = y_mmap; }\n",
      "void f(struct foo *x) { x->ops.mmap = y_mmap; }\n",
      // Nested, or in an array: the member's struct is not the one named.
      "static struct foo x = { .ops = { .mmap = y_mmap } };\n",
      "static struct miscdev x = { .fops.mmap = y_mmap };\n",
      "static const struct proto_ops a[] = { { .mmap = y_mmap } };\n",
      // In code one configuration skips.
      "#ifdef CONFIG_X\nstatic const struct proto_ops p = { .mmap = y_mmap };\n#endif\n",
      // The handler is an expression, or a macro.
      "static const struct proto_ops p = { .mmap = pick(1) };\n",
      "#define y_mmap z_mmap\nstatic const struct proto_ops p = { .mmap = y_mmap };\n",
      // Annotations the pattern does not know.
      "static const struct proto_ops p __maybe_unused = { .mmap = y_mmap };\n",
  };
  for (const char *T : MustParse) {
    std::string Why;
    EXPECT_FALSE(otherTableSlotsByText(T, &Why).has_value()) << T;
    EXPECT_FALSE(Why.empty()) << T;
  }
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


TEST(Prefilter, HookUsesOutsideCommentsAreCoreCallers) {
  EXPECT_TRUE(usesMmapHook("\tif (!file->f_op->mmap)\n"));
  EXPECT_TRUE(usesMmapHook("\terr = call_mmap(file, vma);\n"));
  EXPECT_FALSE(usesMmapHook("/* file->f_op->mmap */\n"));
  EXPECT_FALSE(usesMmapHook("\tif (file->f_op->mmap_prepare)\n"));
  EXPECT_FALSE(usesMmapHook("\tmy_call_mmap(file);\n"));
  // Tables reached other than through a file's f_op (debugfs, DRM prime).
  EXPECT_TRUE(usesMmapHook("\t      !real_fops->mmap)))\n"));
  EXPECT_TRUE(usesMmapHook("\tret = obj->dev->driver->fops -> mmap(fil, vma);\n"));
  EXPECT_FALSE(usesMmapHook("\tif (ops->mmap_prepare)\n"));
  // A macro may make a member access of its argument (cxl's PATCH_FOPS).
  EXPECT_TRUE(usesMmapHook("\t\tPATCH_FOPS(mmap);\n"));
  EXPECT_TRUE(usesMmapHook("\tSET_DEVICE_OP(dev_ops, mmap);\n"));
  EXPECT_FALSE(usesMmapHook("\tPATCH_FOPS(mmap_prepare);\n"));
  EXPECT_FALSE(usesMmapHook("\t/* PATCH_FOPS(mmap); */\n"));
  EXPECT_FALSE(usesMmapHook("\taddr = mmap(NULL, len);\n"));
}

// An unparsed file's uses, by text: a bare test refuses, anything else may
// be what a rewritten test lets through.
TEST(Prefilter, FirstHookCallLineSkipsBareTests) {
  EXPECT_EQ(0u, firstMmapHookCallLine("\tif (!file->f_op->mmap)\n\t\treturn -ENODEV;\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("\tif (WARN_ON(!(f->f_op->mmap)))\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("\tif (a && vma->vm_file->f_op->mmap || b)\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("/* return file->f_op->mmap(file, vma); */\n"
                                      "\tif (file->f_op->mmap_capabilities)\n"));
  EXPECT_EQ(2u, firstMmapHookCallLine("\tif (!file->f_op->mmap)\n"
                                      "\t\treturn file->f_op->mmap(file, vma);\n"));
  EXPECT_EQ(1u, firstMmapHookCallLine("\tsaved = lower->f_op->mmap;\n"));
  EXPECT_EQ(3u, firstMmapHookCallLine("\n\t/* call_mmap() */\n\tret = call_mmap(f, v);\n"));
  // The earlier of the two kinds of use.
  EXPECT_EQ(1u, firstMmapHookCallLine("\tfn = f->f_op->mmap;\n\tcall_mmap(f, v);\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("\tdo_call_mmap_now(f);\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("\tif (f->f_op->mmap)\n"));
  // A call through parentheses, a pointer passed on: not tests.
  EXPECT_EQ(1u, firstMmapHookCallLine("\tret = (lower->f_op->mmap)(lower, vma);\n"));
  EXPECT_EQ(1u, firstMmapHookCallLine("\tregister_hook(f->f_op->mmap);\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("\t(!real_fops->unlocked_ioctl &&\n\t !real_fops->mmap)))\n"));
  // Written, not read; called with other than (file, vma): no fops slot.
  EXPECT_EQ(0u, firstMmapHookCallLine("\tres_attr->mmap = sparse ? a : b;\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("\tret = ops->mmap(ops->mm_idp, addr, PAGE_SIZE,\n\t\tprot, fd, o);\n"));
  EXPECT_EQ(0u, firstMmapHookCallLine("\tret = ops->mmap();\n"));
  EXPECT_EQ(1u, firstMmapHookCallLine("\tif (ops->mmap == my_mmap)\n"));
  EXPECT_EQ(1u, firstMmapHookCallLine("\tr = fbdev->ctrl->mmap(info, f(a, b));\n"));
  EXPECT_EQ(1u, firstMmapHookCallLine("\tr = t->mmap(x, \",\");\n"));
  // Where each use is, for the probe parse of a file no one builds.
  std::vector<TextHookUse> Uses =
      mmapHookUsesByText("\tr = fbdev->ctrl->mmap(info, vma);\n\tcall_mmap(f, v);\n");
  ASSERT_EQ(2u, Uses.size());
  EXPECT_FALSE(Uses[0].BareTest);
  EXPECT_EQ(1u, Uses[0].Line);
  EXPECT_EQ(19u, Uses[0].Col);
  EXPECT_TRUE(Uses[0].Member);
  EXPECT_EQ(2u, Uses[1].Line);
  EXPECT_FALSE(Uses[1].Member);
  EXPECT_EQ(2u, firstMmapHookCallLine("\tfil->private_data = priv;\n"
                                      "\tret = obj->dev->driver->fops->mmap(fil, vma);\n"));
  EXPECT_EQ(2u, firstMmapHookUseLine("/* f_op->mmap */\n\tif (!file->f_op->mmap)\n"));
  EXPECT_EQ(0u, firstMmapHookUseLine("\tif (file->f_op->mmap_prepare)\n"));
}

} // namespace
