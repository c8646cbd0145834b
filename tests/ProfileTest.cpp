//===- ProfileTest.cpp - Target API profiles ------------------------------===//
#include "rewrites/profiles/Profile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace mmapmigrate;

#ifndef MMAP_MIGRATE_PROFILE_DIR
#error "build ProfileTest with -DMMAP_MIGRATE_PROFILE_DIR=\"<source>/rewrites/profiles\""
#endif

namespace {

const char *const Shipped[] = {"6.17", "6.19", "7.0", "7.1",
                               "rfc-mmap-complete"};

std::vector<Profile> shipped() {
  llvm::Expected<std::vector<Profile>> All =
      loadProfiles(MMAP_MIGRATE_PROFILE_DIR);
  if (!All) {
    ADD_FAILURE() << llvm::toString(All.takeError());
    return {};
  }
  return std::move(*All);
}

const Profile *byName(const std::vector<Profile> &All, llvm::StringRef Name) {
  for (const Profile &P : All)
    if (P.Name == Name)
      return &P;
  return nullptr;
}

std::vector<std::string> actionNames(const Profile &P) {
  std::vector<std::string> Names;
  for (const auto &A : P.Actions)
    Names.push_back(A.first);
  return Names;
}

/// A scratch folder with one file in it; returns the file's path.
std::string writeTemp(llvm::StringRef Name, llvm::StringRef Text) {
  llvm::SmallString<128> Dir;
  EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("profiletest", Dir));
  llvm::sys::path::append(Dir, Name);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Dir, EC);
  EXPECT_FALSE(EC);
  OS << Text;
  return std::string(Dir);
}

/// A valid profile; tests break one thing at a time.
const char *const Minimal = R"YAML(name: "t"
description: "test"
detect: {requires: [vm_area_desc], absent: []}
slot: mmap_prepare
param_decl: "struct vm_area_desc *desc"
param: desc
rename_suffix: _prepare
file: "desc->file"
fields: {vm_start: "desc->start"}
flags:
  style: bits
  bit: "VMA_{name}_BIT"
  set: "vma_desc_set_flags(desc, {bits})"
  clear: "vma_desc_clear_flags(desc, {bits})"
  test: "vma_desc_test(desc, {bit})"
actions: {remap_full: "mmap_action_remap_full(desc, {pfn})"}
)YAML";

std::string loadError(llvm::StringRef Name, llvm::StringRef Text,
                      std::string *Path = nullptr) {
  std::string File = writeTemp(Name, Text);
  if (Path)
    *Path = File;
  llvm::Expected<Profile> P = loadProfile(File);
  if (P)
    return "";
  return llvm::toString(P.takeError());
}

std::string replaced(std::string Text, llvm::StringRef From,
                     llvm::StringRef To) {
  size_t At = Text.find(From.str());
  EXPECT_NE(At, std::string::npos) << From.str();
  if (At != std::string::npos)
    Text.replace(At, From.size(), To.str());
  return Text;
}

TEST(Profile, EveryShippedProfileLoads) {
  std::vector<Profile> All = shipped();
  ASSERT_EQ(All.size(), std::size(Shipped));
  for (size_t I = 0; I < All.size(); ++I)
    EXPECT_EQ(All[I].Name, Shipped[I]) << "sorted by file name";
  for (const Profile &P : All) {
    SCOPED_TRACE(P.Name);
    EXPECT_FALSE(P.Description.empty());
    EXPECT_EQ(P.Slot, "mmap_prepare");
    EXPECT_EQ(P.ParamDecl, "struct vm_area_desc *desc");
    EXPECT_EQ(P.Param, "desc");
    EXPECT_EQ(P.RenameSuffix, "_prepare");
    EXPECT_EQ(P.FileExpr, "desc->file");
    EXPECT_EQ(P.Fields.at("vm_start"), "desc->start");
    EXPECT_EQ(P.Fields.at("vm_end"), "desc->end");
    EXPECT_EQ(P.Fields.at("vm_pgoff"), "desc->pgoff");
    EXPECT_EQ(P.Fields.at("vm_page_prot"), "desc->page_prot");
    EXPECT_EQ(P.Fields.at("vm_ops"), "desc->vm_ops");
    EXPECT_EQ(P.Fields.at("vm_private_data"), "desc->private_data");
    EXPECT_EQ(P.Fields.at("vm_mm"), "desc->mm");
    EXPECT_EQ(P.Helpers.at("generic_file_mmap"), "generic_file_mmap_prepare(desc)");
    EXPECT_EQ(P.Helpers.at("generic_file_readonly_mmap"),
              "generic_file_readonly_mmap_prepare(desc)");
    EXPECT_FALSE(P.DetectRequires.empty());
  }
}

TEST(Profile, FlagStylePerRelease) {
  std::vector<Profile> All = shipped();
  const Profile *P71 = byName(All, "7.1"), *P70 = byName(All, "7.0"),
                *P619 = byName(All, "6.19"), *P617 = byName(All, "6.17"),
                *Rfc = byName(All, "rfc-mmap-complete");
  ASSERT_TRUE(P71 && P70 && P619 && P617 && Rfc);

  for (const Profile *P : {P71, P70}) {
    SCOPED_TRACE(P->Name);
    EXPECT_EQ(P->Flags, FlagStyle::Bits);
    EXPECT_EQ(P->FlagBit, "VMA_{name}_BIT");
    EXPECT_EQ(P->FlagSet, "vma_desc_set_flags(desc, {bits})");
    EXPECT_EQ(P->FlagClear, "vma_desc_clear_flags(desc, {bits})");
    EXPECT_EQ(P->Fields.count("vm_flags"), 0u) << "desc->vm_flags is gone in 7.0";
    EXPECT_EQ(P->Fields.at("vm_file"), "desc->vm_file");
  }
  EXPECT_EQ(P71->FlagTest, "vma_desc_test(desc, {bit})");
  EXPECT_EQ(P71->FlagTestAny, "vma_desc_test_any(desc, {bits})");
  EXPECT_EQ(P71->FlagTestAll, "vma_desc_test_all(desc, {bits})");
  EXPECT_EQ(P70->FlagTest, "vma_desc_test_flags(desc, {bit})");
  EXPECT_EQ(P70->FlagTestAny, "vma_desc_test_flags(desc, {bits})");
  EXPECT_EQ(P70->FlagTestAll, "") << "7.0 has no descriptor all-of test";

  for (const Profile *P : {P619, P617, Rfc}) {
    SCOPED_TRACE(P->Name);
    EXPECT_EQ(P->Flags, FlagStyle::Mask);
    EXPECT_EQ(P->FlagSet, "desc->vm_flags |= {mask}");
    EXPECT_EQ(P->FlagClear, "desc->vm_flags &= ~{mask_operand}");
    EXPECT_EQ(P->FlagTest, "(desc->vm_flags & {mask})");
    EXPECT_EQ(P->FlagTestAny, "(desc->vm_flags & ({mask}))");
    EXPECT_EQ(P->FlagTestAll, "((desc->vm_flags & ({mask})) == ({mask}))");
    EXPECT_EQ(P->Fields.at("vm_flags"), "desc->vm_flags");
  }
  EXPECT_EQ(P619->Fields.at("vm_file"), "desc->vm_file");
  EXPECT_EQ(P617->Fields.at("vm_file"), "desc->file") << "no vm_file before 6.18";
  EXPECT_EQ(Rfc->Fields.at("vm_file"), "desc->file");
}

TEST(Profile, ActionsAndHooksPerRelease) {
  std::vector<Profile> All = shipped();
  const Profile *P71 = byName(All, "7.1"), *P70 = byName(All, "7.0"),
                *P619 = byName(All, "6.19"), *P617 = byName(All, "6.17"),
                *Rfc = byName(All, "rfc-mmap-complete");
  ASSERT_TRUE(P71 && P70 && P619 && P617 && Rfc);

  using Names = std::vector<std::string>;
  EXPECT_EQ(actionNames(*P71),
            (Names{"ioremap", "ioremap_full", "map_kernel_pages",
                   "map_kernel_pages_full", "remap", "remap_full",
                   "simple_ioremap"}));
  Names Basic{"ioremap", "ioremap_full", "remap", "remap_full"};
  EXPECT_EQ(actionNames(*P70), Basic);
  EXPECT_EQ(actionNames(*P619), Basic);
  EXPECT_TRUE(P617->Actions.empty());
  EXPECT_TRUE(Rfc->Actions.empty());

  EXPECT_EQ(P71->Actions.at("remap"), "mmap_action_remap(desc, {start}, {pfn}, {size})");
  EXPECT_EQ(P71->Actions.at("remap_full"), "mmap_action_remap_full(desc, {pfn})");
  EXPECT_EQ(P71->Actions.at("simple_ioremap"),
            "mmap_action_simple_ioremap(desc, {phys}, {size})");
  EXPECT_EQ(P71->Actions.at("map_kernel_pages"),
            "mmap_action_map_kernel_pages(desc, {start}, {pages}, {num})");
  EXPECT_TRUE(P71->hasAction("map_kernel_pages_full"));
  EXPECT_FALSE(P70->hasAction("simple_ioremap"));
  EXPECT_EQ(P619->Actions.at("ioremap"), P71->Actions.at("ioremap"));

  EXPECT_TRUE(P71->HasMappedHook);
  for (const Profile *P : {P70, P619, P617, Rfc})
    EXPECT_FALSE(P->HasMappedHook) << P->Name;
  EXPECT_TRUE(Rfc->HasMmapComplete);
  for (const Profile *P : {P71, P70, P619, P617})
    EXPECT_FALSE(P->HasMmapComplete) << P->Name;
  for (const Profile *P : {P71, P70, P619})
    EXPECT_TRUE(P->HasErrorHook) << P->Name;
  EXPECT_FALSE(P617->HasErrorHook);
  EXPECT_FALSE(Rfc->HasErrorHook);

  EXPECT_EQ(P71->Helpers.at("vma_pages"), "vma_desc_pages(desc)");
  EXPECT_EQ(P619->Helpers.at("vma_pages"), "vma_desc_pages(desc)");
  EXPECT_EQ(P617->Helpers.at("vma_pages"), "((desc->end - desc->start) >> PAGE_SHIFT)");
}

TEST(Profile, RfcSplitsRemapBetweenPrepareAndComplete) {
  std::vector<Profile> All = shipped();
  const Profile *Rfc = byName(All, "rfc-mmap-complete"), *P71 = byName(All, "7.1");
  ASSERT_TRUE(Rfc && P71);
  EXPECT_EQ(Rfc->Complete.Slot, "mmap_complete");
  EXPECT_EQ(Rfc->Complete.Suffix, "_complete");
  EXPECT_EQ(Rfc->Complete.RemapPrepare, "remap_pfn_range_prepare(desc, {pfn})");
  EXPECT_NE(Rfc->Complete.RemapComplete.find("{vma}->vm_page_prot"), std::string::npos);
  EXPECT_TRUE(P71->Complete.Slot.empty());
}

TEST(Profile, CompleteAndItsHookGoTogether) {
  std::string Complete = "complete: {slot: mmap_complete, suffix: _complete, params: "
                         "\"struct file *{file}, struct vm_area_struct *{vma}\", "
                         "remap_prepare: \"p(desc, {pfn})\", remap_complete: \"c({vma})\"}\n";
  EXPECT_NE(loadError("e.yaml", std::string(Minimal) + Complete)
                .find("'complete' is set but 'hooks.mmap_complete' is not true"),
            std::string::npos);
  EXPECT_NE(loadError("f.yaml", std::string(Minimal) + "hooks: {mmap_complete: true}\n")
                .find("'hooks.mmap_complete' is true but 'complete' is missing"),
            std::string::npos);
  std::string Bad = Complete;
  Bad.replace(Bad.find("{pfn}"), 5, "{size}");
  EXPECT_NE(loadError("g.yaml", std::string(Minimal) + "hooks: {mmap_complete: true}\n" + Bad)
                .find("'complete.remap_prepare'"),
            std::string::npos);
  std::string Good = writeTemp("h.yaml", std::string(Minimal) +
                                             "hooks: {mmap_complete: true}\n" + Complete);
  llvm::Expected<Profile> P = loadProfile(Good);
  ASSERT_TRUE(static_cast<bool>(P)) << llvm::toString(P.takeError());
  EXPECT_EQ(P->Complete.RemapComplete, "c({vma})");
}

TEST(Profile, DetectPicksTheRelease) {
  std::vector<Profile> All = shipped();
  ASSERT_FALSE(All.empty());
  auto detect = [&](std::vector<std::string> Declared) -> std::string {
    const Profile *P = detectProfile(All, Declared);
    return P ? P->Name : "<none>";
  };
  // What each release's headers declare (the identifiers that matter).
  std::vector<std::string> V617{"vm_area_desc", "generic_file_mmap_prepare",
                                "generic_file_readonly_mmap_prepare"};
  std::vector<std::string> V619 = V617;
  V619.insert(V619.end(), {"mmap_action_remap", "mmap_action_remap_full",
                           "mmap_action_ioremap", "vma_desc_pages"});
  std::vector<std::string> V70 = V619;
  V70.insert(V70.end(), {"vma_desc_set_flags", "vma_desc_clear_flags",
                         "vma_desc_test_flags", "mk_vma_flags"});
  std::vector<std::string> V71 = V619;
  V71.insert(V71.end(), {"vma_desc_set_flags", "vma_desc_clear_flags",
                         "vma_desc_test", "vma_desc_test_any",
                         "vma_desc_test_all", "mmap_action_simple_ioremap",
                         "mmap_action_map_kernel_pages"});
  std::vector<std::string> Rfc = V617;
  Rfc.insert(Rfc.end(), {"mmap_complete", "mmap_abort",
                         "remap_pfn_range_prepare", "remap_pfn_range_complete"});

  EXPECT_EQ(detect(V71), "7.1");
  EXPECT_EQ(detect(V70), "7.0");
  EXPECT_EQ(detect(V619), "6.19");
  EXPECT_EQ(detect(V617), "6.17");
  EXPECT_EQ(detect(Rfc), "rfc-mmap-complete");
  // 6.12: no ->mmap_prepare at all. 6.16: the descriptor, not the helpers.
  EXPECT_EQ(detect({"file_operations", "vm_area_struct"}), "<none>");
  EXPECT_EQ(detect({"vm_area_desc"}), "<none>");
  EXPECT_EQ(detectProfile({}, V71), nullptr);
}

TEST(Profile, DetectPrefersMoreRequirements) {
  Profile A, B;
  A.Name = "a";
  A.DetectRequires = {"x"};
  B.Name = "b";
  B.DetectRequires = {"x", "y"};
  std::vector<Profile> All{A, B};
  EXPECT_EQ(detectProfile(All, {"x", "y"})->Name, "b");
  EXPECT_EQ(detectProfile(All, {"x"})->Name, "a");
  All[0].DetectAbsent = {"z"};
  EXPECT_EQ(detectProfile(All, {"x", "z"}), nullptr);
}

TEST(Profile, MinimalProfileLoads) {
  std::string File = writeTemp("t.yaml", Minimal);
  llvm::Expected<Profile> P = loadProfile(File);
  ASSERT_TRUE(static_cast<bool>(P)) << llvm::toString(P.takeError());
  EXPECT_EQ(P->Name, "t");
  EXPECT_EQ(P->Flags, FlagStyle::Bits);
  EXPECT_TRUE(P->Helpers.empty());
  EXPECT_FALSE(P->HasMappedHook);
  EXPECT_FALSE(P->HasErrorHook);
  EXPECT_EQ(P->FlagTestAny, "");
}

TEST(Profile, UnknownTopLevelKeyFailsNamingFileAndKey) {
  std::string Path;
  std::string Err = loadError("typo.yaml", std::string(Minimal) + "hoks: {mapped: true}\n",
                              &Path);
  EXPECT_NE(Err.find(Path), std::string::npos) << Err;
  EXPECT_NE(Err.find("unknown key 'hoks'"), std::string::npos) << Err;
  EXPECT_NE(Err.find(":17:1:"), std::string::npos) << "line of the key: " << Err;
}

TEST(Profile, UnknownNestedKeysFail) {
  EXPECT_NE(loadError("a.yaml", replaced(Minimal, "  test:", "  tset:"))
                .find("unknown key 'flags.tset'"),
            std::string::npos);
  EXPECT_NE(loadError("b.yaml", std::string(Minimal) + "hooks: {maped: true}\n")
                .find("unknown key 'hooks.maped'"),
            std::string::npos);
  EXPECT_NE(loadError("c.yaml", replaced(Minimal, "absent:", "absnet:"))
                .find("unknown key 'detect.absnet'"),
            std::string::npos);
  EXPECT_NE(loadError("d.yaml", replaced(Minimal, "remap_full:", "remapfull:"))
                .find("unknown action 'actions.remapfull'"),
            std::string::npos);
}

TEST(Profile, BadStyleFailsNamingFile) {
  std::string Path;
  std::string Err =
      loadError("style.yaml", replaced(Minimal, "style: bits", "style: bitz"), &Path);
  EXPECT_NE(Err.find(Path), std::string::npos) << Err;
  EXPECT_NE(Err.find("'flags.style' must be 'mask' or 'bits', not 'bitz'"),
            std::string::npos)
      << Err;
}

TEST(Profile, BitsStyleNeedsBit) {
  std::string Err =
      loadError("nobit.yaml", replaced(Minimal, "  bit: \"VMA_{name}_BIT\"\n", ""));
  EXPECT_NE(Err.find("missing key 'flags.bit'"), std::string::npos) << Err;
  // A mask profile does without.
  std::string Mask = replaced(replaced(Minimal, "style: bits", "style: mask"),
                              "  bit: \"VMA_{name}_BIT\"\n", "");
  EXPECT_EQ(loadError("mask.yaml", Mask), "");
}

TEST(Profile, MissingRequiredKeysFail) {
  EXPECT_NE(loadError("a.yaml", replaced(Minimal, "param_decl: \"struct vm_area_desc *desc\"\n", ""))
                .find("missing key 'param_decl'"),
            std::string::npos);
  EXPECT_NE(loadError("b.yaml", replaced(Minimal, "file: \"desc->file\"\n", ""))
                .find("missing key 'file'"),
            std::string::npos);
  EXPECT_NE(loadError("c.yaml", replaced(Minimal, "  set: \"vma_desc_set_flags(desc, {bits})\"\n", ""))
                .find("missing key 'flags.set'"),
            std::string::npos);
  EXPECT_NE(loadError("d.yaml", replaced(Minimal, "requires: [vm_area_desc]", "requires: []"))
                .find("detect.requires"),
            std::string::npos);
}

TEST(Profile, BadValuesFail) {
  EXPECT_NE(loadError("a.yaml", replaced(Minimal, "{pfn})", "{phys_addr})"))
                .find("unknown placeholder {phys_addr}"),
            std::string::npos);
  EXPECT_NE(loadError("b.yaml", std::string(Minimal) + "error_hook: maybe\n")
                .find("'error_hook' must be true or false"),
            std::string::npos);
  EXPECT_NE(loadError("c.yaml", replaced(Minimal, "param: desc", "param: d"))
                .find("'param'"),
            std::string::npos);
  EXPECT_NE(loadError("d.yaml", "- just\n- a list\n").find("must be a mapping"),
            std::string::npos);
  EXPECT_NE(loadError("e.yaml", "").find("empty profile"), std::string::npos);
}

TEST(Profile, YamlSyntaxErrorIsAnErrorNotAnException) {
  std::string Path;
  std::string Err = loadError("broken.yaml", "name: [unclosed\n", &Path);
  EXPECT_NE(Err.find(Path), std::string::npos) << Err;
  Err = loadError("tab.yaml", "name: \"a\"\n  description: x\n bad", &Path);
  EXPECT_NE(Err.find(Path), std::string::npos) << Err;
}

TEST(Profile, MissingFileAndFolder) {
  llvm::Expected<Profile> P = loadProfile("/nonexistent/x.yaml");
  ASSERT_FALSE(static_cast<bool>(P));
  EXPECT_NE(llvm::toString(P.takeError()).find("/nonexistent/x.yaml"),
            std::string::npos);
  llvm::Expected<std::vector<Profile>> All = loadProfiles("/nonexistent");
  ASSERT_FALSE(static_cast<bool>(All));
  llvm::consumeError(All.takeError());
  All = loadProfiles("");
  ASSERT_FALSE(static_cast<bool>(All));
  llvm::consumeError(All.takeError());
}

TEST(Profile, FolderErrorsNameEachBadFile) {
  std::string Good = writeTemp("a.yaml", Minimal);
  llvm::SmallString<128> Dir(llvm::sys::path::parent_path(Good));
  llvm::SmallString<128> Bad(Dir), Dup(Dir);
  llvm::sys::path::append(Bad, "b.yaml");
  llvm::sys::path::append(Dup, "c.yaml");
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(Bad, EC);
    OS << replaced(Minimal, "style: bits", "style: both");
  }
  {
    llvm::raw_fd_ostream OS(Dup, EC);
    OS << Minimal;
  }
  llvm::Expected<std::vector<Profile>> All = loadProfiles(Dir);
  ASSERT_FALSE(static_cast<bool>(All));
  std::string Err = llvm::toString(All.takeError());
  EXPECT_NE(Err.find(std::string(Bad)), std::string::npos) << Err;
  EXPECT_NE(Err.find("also used by"), std::string::npos) << Err;
}

TEST(Profile, DefaultDirHonoursEnvironment) {
  const char *Old = std::getenv("MMAP_MIGRATE_PROFILES");
  std::string Saved = Old ? Old : "";
  ::setenv("MMAP_MIGRATE_PROFILES", "/tmp/elsewhere", 1);
  EXPECT_EQ(defaultProfileDir(), "/tmp/elsewhere");
  ::unsetenv("MMAP_MIGRATE_PROFILES");
  EXPECT_EQ(defaultProfileDir(), MMAP_MIGRATE_PROFILE_DIR);
  if (Old)
    ::setenv("MMAP_MIGRATE_PROFILES", Saved.c_str(), 1);
}

TEST(Profile, FillTemplate) {
  llvm::Expected<std::string> S =
      fillTemplate("mmap_action_remap(desc, {start}, {pfn}, {size})",
                   {{"start", "desc->start"}, {"pfn", "pfn"}, {"size", "len"}});
  ASSERT_TRUE(static_cast<bool>(S)) << llvm::toString(S.takeError());
  EXPECT_EQ(*S, "mmap_action_remap(desc, desc->start, pfn, len)");

  S = fillTemplate("((desc->vm_flags & ({mask})) == ({mask}))",
                   {{"mask", "VM_IO | VM_PFNMAP"}});
  ASSERT_TRUE(static_cast<bool>(S));
  EXPECT_EQ(*S, "((desc->vm_flags & (VM_IO | VM_PFNMAP)) == (VM_IO | VM_PFNMAP))");

  S = fillTemplate("no placeholders", {});
  ASSERT_TRUE(static_cast<bool>(S));
  EXPECT_EQ(*S, "no placeholders");

  S = fillTemplate("x {bits}", {{"bit", "VMA_IO_BIT"}});
  ASSERT_FALSE(static_cast<bool>(S));
  EXPECT_NE(llvm::toString(S.takeError()).find("{bits}"), std::string::npos);

  S = fillTemplate("x {bit", {{"bit", "VMA_IO_BIT"}});
  ASSERT_FALSE(static_cast<bool>(S));
  llvm::consumeError(S.takeError());
}

} // namespace
