//===- SeriesTest.cpp - Patch grouping, prefixes, MAINTAINERS, wording ----===//
#include "tool/series/Maintainers.h"
#include "tool/series/SeriesPlan.h"
#include "tool/series/SeriesText.h"
#include "matchers/core/Census.h"
#include "rewrites/profiles/Profile.h"

#include "llvm/ADT/StringRef.h"

#include "gtest/gtest.h"

using namespace mmapmigrate;

namespace {

// A MAINTAINERS excerpt in the file's format, written for this test.
const char *const Maintainers = R"(List of maintainers
===================

Descriptions of section entries:

	F: *Files* and directories wildcard patterns.

SAMPLE CHAR DRIVERS
M:	Ann Example <ann@example.org>
F:	drivers/char/
X:	drivers/char/tpm/

SAMPLE SRAM DRIVER
M:	Bob Example <bob@example.org>
F:	drivers/char/sample_sram.c

SAMPLE DRM DRIVERS
S:	Orphan / Obsolete
F:	drivers/gpu/drm/sample*/

SAMPLE HEADER GLOB
F:	include/linux/sample_*.h

THE REST
F:	*
F:	*/
)";

TEST(MaintainersTest, DeepestPatternWins) {
  MaintainersFile M(Maintainers, [](llvm::StringRef P) { return P == "drivers/char"; });
  EXPECT_EQ(M.sectionOf("drivers/char/sample_sram.c"), "SAMPLE SRAM DRIVER");
  EXPECT_EQ(M.sectionOf("drivers/char/mem.c"), "SAMPLE CHAR DRIVERS");
  EXPECT_EQ(M.sectionOf("drivers/char/sub/deeper.c"), "SAMPLE CHAR DRIVERS");
  EXPECT_EQ(M.sectionOf("drivers/gpu/drm/sample_one/gem.c"), "SAMPLE DRM DRIVERS");
  EXPECT_EQ(M.sectionOf("include/linux/sample_ring.h"), "SAMPLE HEADER GLOB");
  EXPECT_EQ(M.statusOf("drivers/gpu/drm/sample_one/gem.c"), "Orphan / Obsolete");
  EXPECT_EQ(M.statusOf("drivers/char/mem.c"), "");
}

TEST(MaintainersTest, ExclusionsAndCatchAllsGiveNoSection) {
  MaintainersFile M(Maintainers, [](llvm::StringRef) { return false; });
  // X: takes tpm out of the char section; only THE REST (a catch-all,
  // which says nothing about the driver) is left.
  EXPECT_EQ(M.sectionOf("drivers/char/tpm/tpm.c"), "");
  // A file pattern does not cover files one level down.
  EXPECT_FALSE(maintainersPatternMatches("include/linux/sample_*.h", "include/linux/x/sample_a.h"));
  EXPECT_TRUE(maintainersPatternMatches("drivers/char/", "drivers/char/a/b.c"));
  EXPECT_FALSE(maintainersPatternMatches("drivers/char/", "drivers/charm/b.c"));
  EXPECT_TRUE(maintainersPatternMatches("fs/ext?/", "fs/ext4/file.c"));
}

TEST(MaintainersTest, GetMaintainerLinesBecomePlainAddresses) {
  // Role texts that nest parentheses and run past a comma, as 6.12's do.
  MailRecipients R = parseGetMaintainerOutput(
      "Xiubo Li <xiubli@example.org> (supporter:CEPH DISTRIBUTED FILE SYSTEM CLIENT (CEPH),"
      "commit_signer:3/4=75%)\n"
      "Ilya D. <idryomov@example.com> (maintainer:CEPH COMMON CODE (LIBCEPH))\n"
      "ceph-devel@vger.example.org (open list:CEPH COMMON CODE (LIBCEPH))\n"
      "linux-kernel@vger.example.org (open list)\n"
      "no address here\n");
  ASSERT_EQ(R.To.size(), 1u);
  EXPECT_EQ(R.To[0], "Ilya D. <idryomov@example.com>");
  ASSERT_EQ(R.Cc.size(), 3u);
  EXPECT_EQ(R.Cc[0], "Xiubo Li <xiubli@example.org>");
  EXPECT_EQ(R.Cc[1], "ceph-devel@vger.example.org");
  for (const auto &E : R.To)
    EXPECT_TRUE(isPlainMailAddress(E)) << E;
  for (const auto &E : R.Cc)
    EXPECT_TRUE(isPlainMailAddress(E)) << E;
  EXPECT_FALSE(isPlainMailAddress("Xiubo Li <xiubli@example.org> (supporter:CEPH"));
  EXPECT_FALSE(isPlainMailAddress("nobody"));
}

TEST(SeriesPrefixTest, MostUsedPrefixOfTheFilesHistory) {
  EXPECT_EQ(prefixFromSubjects({"drm/sample: fix gem lifetime", "drm/sample: add modes",
                                "treewide: rename foo", "Merge tag 'x' of git://y",
                                "drm: rework helpers"}),
            "drm/sample");
  // Prefixes with a colon inside keep it; a tie goes to the newest.
  EXPECT_EQ(prefixFromSubjects({"char: sram: fix a leak", "misc: add bar"}), "char: sram");
  EXPECT_EQ(prefixFromSubjects({"Revert \"x: y\"", "treewide: z", "Import the tree"}), "");
  EXPECT_EQ(prefixFromSubjects({"Fix the build: really"}), "");
}

TEST(SeriesPrefixTest, PathGivesAPrefixWithoutHistory) {
  EXPECT_EQ(prefixFromPath("fs/ext4/file.c"), "ext4");
  EXPECT_EQ(prefixFromPath("fs/aio.c"), "fs");
  EXPECT_EQ(prefixFromPath("drivers/char/hpet.c"), "char: hpet");
  EXPECT_EQ(prefixFromPath("drivers/gpu/drm/tiny/x.c"), "drm/tiny");
  EXPECT_EQ(prefixFromPath("drivers/misc/genwqe/card_dev.c"), "misc: genwqe");
  EXPECT_EQ(prefixFromPath("mm/filemap.c"), "mm");
  EXPECT_EQ(prefixFromPath("arch/x86/kernel/cpu/sgx/driver.c"), "x86: sgx");
  EXPECT_EQ(prefixFromPath("drivers/char/"), "char");
  // Several files: the folder they share.
  EXPECT_EQ(prefixFromPaths({"drivers/xen/privcmd-buf.c", "drivers/xen/xenbus/dev_backend.c",
                             "drivers/xen/xenfs/xenstored.c"}),
            "xen");
  EXPECT_EQ(prefixFromPaths({"drivers/char/a.c", "drivers/char/b.c"}), "char");
  EXPECT_EQ(prefixFromPaths({"fs/ext4/file.c", "fs/ext4/dir.c"}), "ext4");
  EXPECT_EQ(prefixFromPaths({"drivers/char/a.c"}), "char: a");
}

TEST(SeriesSplitTest, AtMostMaxPerSeriesAndEven) {
  using R = std::vector<std::pair<size_t, size_t>>;
  EXPECT_EQ(splitIntoSeries(0), R{});
  EXPECT_EQ(splitIntoSeries(15), (R{{0, 15}}));
  EXPECT_EQ(splitIntoSeries(16), (R{{0, 8}, {8, 16}}));
  EXPECT_EQ(splitIntoSeries(31), (R{{0, 11}, {11, 21}, {21, 31}}));
  EXPECT_EQ(splitIntoSeries(5, 2), (R{{0, 2}, {2, 4}, {4, 5}}));
}

TEST(SeriesTextTest, SubjectsFitAndBodiesWrapAt75) {
  Profile P;
  P.Slot = "mmap_prepare";
  EXPECT_EQ(patchSubject("char: hpet", P), "char: hpet: replace deprecated mmap hook with mmap_prepare");
  std::string Long = patchSubject("drm/some_rather_long_driver_name", P);
  EXPECT_LE(Long.size(), 75u);
  EXPECT_EQ(Long.rfind("drm/some_rather_long_driver_name: ", 0), 0u);

  std::string Text = wrapParagraph(std::string(40, 'a') + " " + std::string(40, 'b') + " c d", 75,
                                   "  ", "    ");
  EXPECT_EQ(Text, "  " + std::string(40, 'a') + "\n    " + std::string(40, 'b') + " c d\n");
}

/// A converted handler with its fix group (edits in \p Files).
struct FakePlan {
  RewritePlan Plan;
  void add(const std::string &Name, const std::string &File, Kind K, bool IsStatic,
           std::vector<Edit> Edits) {
    HandlerOutcome O;
    O.H.Key = IsStatic ? File + ":" + Name : Name;
    O.H.Name = Name;
    O.H.Pos = {File, 10, 1};
    O.H.IsStatic = IsStatic;
    O.C.K = K;
    O.C.V = Verdict::Convert;
    O.Converted = true;
    O.Sites = 1;
    FixGroup G;
    G.Owner = O.H.Key;
    G.Edits = std::move(Edits);
    Plan.Outcomes.push_back(O);
    Plan.Fixes.push_back(G);
  }
};

Edit edit(const std::string &File, unsigned Offset, const std::string &Text = "x") {
  return {File, Offset, 1, Text};
}

TEST(SeriesPlanTest, GroupsByUnitPutsHeadersAndTrivialFirst) {
  FakePlan F;
  F.Plan.Root = "/t";
  F.add("generic_file_mmap", "/t/mm/filemap.c", Kind::GenericDirect, false,
        {edit("/t/fs/a/file.c", 5), edit("/t/fs/b/file.c", 7)});
  F.add("zed_mmap", "/t/drivers/char/zed.c", Kind::PureSetup, true, {edit("/t/drivers/char/zed.c", 1)});
  F.add("ann_mmap", "/t/drivers/char/ann.c", Kind::RemapPfn, true, {edit("/t/drivers/char/ann.c", 1)});
  // An exported helper: its prototype in a header moves with it.
  F.add("lib_mmap", "/t/lib/lib.c", Kind::PureSetup, false,
        {edit("/t/lib/lib.c", 1), edit("/t/include/linux/lib.h", 3), edit("/t/drivers/char/zed.c", 9)});
  // Two units whose prefixes agree become one patch.
  F.add("one_mmap", "/t/drivers/x/one.c", Kind::PureSetup, true, {edit("/t/drivers/x/one.c", 1)});
  F.add("two_mmap", "/t/drivers/x/two.c", Kind::PureSetup, true, {edit("/t/drivers/x/two.c", 1)});

  SeriesGrouping G;
  G.UnitOf = [](const std::string &F) { return F; }; // every file its own unit
  G.PrefixOf = [](const std::vector<std::string> &Files) {
    return Files.front().find("/drivers/x/") != std::string::npos ? std::string("x") : Files.front();
  };
  std::vector<SeriesPatch> Patches = planPatches(F.Plan, G);
  ASSERT_EQ(Patches.size(), 5u);
  EXPECT_TRUE(Patches[0].ChangesHeader);
  EXPECT_EQ(Patches[0].Handlers.front()->H.Name, "lib_mmap");
  EXPECT_EQ(Patches[0].Files.size(), 3u);
  EXPECT_TRUE(Patches[1].Trivial);
  EXPECT_EQ(Patches[1].Prefix, "fs");
  EXPECT_EQ(Patches[1].Files.size(), 2u);
  EXPECT_EQ(Patches[2].Handlers.front()->H.Name, "ann_mmap");
  EXPECT_EQ(Patches[3].Handlers.front()->H.Name, "zed_mmap");
  ASSERT_EQ(Patches[4].Handlers.size(), 2u);
  EXPECT_EQ(Patches[4].Prefix, "x");

  // A unit whose prefix is the generic patch's joins it: subjects stay unique.
  F.add("aio_mmap", "/t/fs/aio.c", Kind::PureSetup, true, {edit("/t/fs/aio.c", 1)});
  auto Before = G.PrefixOf;
  G.PrefixOf = [Before](const std::vector<std::string> &Files) {
    return Files.front() == "/t/fs/aio.c" ? std::string("fs") : Before(Files);
  };
  Patches = planPatches(F.Plan, G);
  ASSERT_EQ(Patches.size(), 5u);
  EXPECT_TRUE(Patches[1].Trivial);
  EXPECT_EQ(Patches[1].Handlers.size(), 2u);
}

TEST(SeriesPlanTest, SharedEditLandsOnceAndRefusedHandlersStayOut) {
  FakePlan F;
  F.Plan.Root = "/t";
  F.add("a_mmap", "/t/drivers/a/a.c", Kind::PureSetup, true,
        {edit("/t/drivers/a/a.c", 1), edit("/t/drivers/a/common.h", 4, "same")});
  F.add("b_mmap", "/t/drivers/b/b.c", Kind::PureSetup, true,
        {edit("/t/drivers/b/b.c", 1), edit("/t/drivers/a/common.h", 4, "same")});
  F.Plan.Outcomes[1].Converted = false; // b was refused: not in the series
  SeriesGrouping G;
  G.UnitOf = [](const std::string &F) { return F; };
  G.PrefixOf = [](const std::vector<std::string> &Files) { return Files.front(); };
  auto Patches = planPatches(F.Plan, G);
  ASSERT_EQ(Patches.size(), 1u);
  EXPECT_EQ(Patches[0].Edits.size(), 2u);

  F.Plan.Outcomes[1].Converted = true;
  Patches = planPatches(F.Plan, G);
  ASSERT_EQ(Patches.size(), 2u);
  EXPECT_EQ(Patches[0].Edits.size() + Patches[1].Edits.size(), 3u);
}

TEST(SeriesTextTest, CommitMessageSaysWhatAndCaveats) {
  FakePlan F;
  F.add("ann_mmap", "/t/drivers/char/ann.c", Kind::RemapPfn, true, {edit("/t/drivers/char/ann.c", 1)});
  F.Plan.Outcomes[0].Notes = {"if remap_pfn_range() fails, mmap() now returns its error code, not -EAGAIN"};
  SeriesPatch Patch;
  Patch.Prefix = "char: ann";
  Patch.Handlers = {&F.Plan.Outcomes[0]};
  Profile P;
  P.Name = "7.1";
  P.ParamDecl = "struct vm_area_desc *desc";
  std::string Msg = commitMessage(Patch, P, "Ann Example <ann@example.org>");
  EXPECT_EQ(Msg.rfind("char: ann: replace deprecated mmap hook with mmap_prepare\n\n", 0), 0u);
  EXPECT_NE(Msg.find("ann_mmap() to ann_mmap_prepare()"), std::string::npos);
  EXPECT_NE(Msg.find("-EAGAIN"), std::string::npos);
  EXPECT_EQ(Msg.find("No functional change"), std::string::npos);
  EXPECT_TRUE(llvm::StringRef(Msg).ends_with("\nSigned-off-by: Ann Example <ann@example.org>\n"));
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  llvm::StringRef(Msg).split(Lines, '\n');
  for (llvm::StringRef L : Lines)
    EXPECT_LE(L.size(), 75u) << L.str();
}

} // namespace

TEST(SeriesTextTest, KindCommitSentencesFillWithTheSeriesPlaceholders) {
  // Every template of the kind table fills with the placeholders the series
  // provides: a kind added with a new {key} fails here, not in a patch.
  for (Kind K : allKinds()) {
    auto Filled = fillTemplate(kindCommitSentence(K), {{"helper", "h()"},
                                                       {"helper_prepare", "h_prepare()"},
                                                       {"remap", "moves"},
                                                       {"hook", "vm_ops->mapped"}});
    ASSERT_TRUE(bool(Filled)) << kindId(K) << ": " << llvm::toString(Filled.takeError());
  }
  EXPECT_NE(std::string(kindCommitSentence(Kind::NeedsMapped)).find("{hook}"), std::string::npos);
  EXPECT_STREQ(kindCommitSentence(Kind::VmaSurgery), "");
}
