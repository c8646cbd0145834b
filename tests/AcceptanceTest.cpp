//===- AcceptanceTest.cpp - The plan stage's checks, one at a time --------===//
//
// Each check refuses what it is for and passes its positive control, so a
// check that refused everything (or nothing) fails here.
//
//===----------------------------------------------------------------------===//
#include "rewrites/plan/Acceptance.h"
#include "matchers/core/SourceText.h"

#include "tests/TestFiles.h"

#include <gtest/gtest.h>

#include <functional>

using namespace mmapmigrate;

namespace {

const char *File = "/t/drivers/misc/foo.c";

/// A static handler with a body and no findings: pure set-up, converts.
MmapHandler plainHandler(bool IsStatic = true) {
  MmapHandler H;
  H.Name = "foo_mmap";
  H.IsStatic = IsStatic;
  H.Pos = {File, 10, 12};
  H.Key = IsStatic ? std::string(File) + ":foo_mmap" : "foo_mmap";
  H.HasBody = true;
  return H;
}

FopsSite slotOf(const MmapHandler &H, unsigned Line, std::string Table = "foo_fops") {
  FopsSite S;
  S.Pos = {File, Line, 2};
  S.Table = std::move(Table);
  S.Form = "designated";
  S.Handler = H.Name;
  S.HandlerKey = H.Key;
  return S;
}

Finding finding(Kind K, std::string Rule, unsigned Line) {
  Finding F;
  F.K = K;
  F.Rule = std::move(Rule);
  F.Message = "something";
  F.Pos = {File, Line, 2};
  return F;
}

struct Fixture {
  Profile P;
  Census C;
  RewritePlans Plans;
  std::optional<MentionIndex> Index;
  unsigned Looks = 0;

  /// The tree's code, counted: a check that needs no look takes none.
  std::function<const MentionIndex &()> Mentions = [this]() -> const MentionIndex & {
    ++Looks;
    if (!Index)
      Index.emplace(std::vector<std::string>{}, std::set<std::string>{});
    return *Index;
  };

  Fixture() { P.Name = "test"; }
  AcceptanceContext context() { return AcceptanceContext{P, C, Plans, Mentions, "/t"}; }
};

TEST(Acceptance, ClassifierRefusalNamesTheBlockerAndTheMissingHook) {
  MmapHandler H = plainHandler();
  Profile P;
  P.Name = "test";
  EXPECT_FALSE(classifierRefusal(H, classifyHandler(H), P, false));
  // Work that needs the mapping: refused, and the profile has no hook for it.
  H.Findings.push_back(finding(Kind::NeedsMapped, "side-effect", 12));
  Classification Cl = classifyHandler(H);
  ASSERT_NE(Cl.V, Verdict::Convert);
  std::optional<std::string> Why = classifierRefusal(H, Cl, P, true);
  ASSERT_TRUE(Why);
  EXPECT_NE(Why->find("profile test has no hook for work that needs the mapping"),
            std::string::npos);
  // A profile with vm_ops->mapped defers it, once the definition is planned.
  P.HasMappedHook = true;
  EXPECT_FALSE(classifierRefusal(H, Cl, P, true));
  EXPECT_TRUE(classifierRefusal(H, Cl, P, false));
  // Work in a loop is not moved.
  H.Findings.back().InLoop = true;
  EXPECT_TRUE(classifierRefusal(H, classifyHandler(H), P, true));
}

TEST(Acceptance, PageInsertionAndDefinitionChecks) {
  MmapHandler H = plainHandler();
  Classification Cl = classifyHandler(H);
  EXPECT_FALSE(pageInsertionRefusal(Cl));
  Classification Pages = Cl;
  Pages.K = Kind::InsertPages;
  ASSERT_TRUE(pageInsertionRefusal(Pages));
  EXPECT_NE(pageInsertionRefusal(Pages)->find("map_kernel_pages"), std::string::npos);

  EXPECT_EQ(definitionRefusal(Cl, nullptr), "no rewrite was planned for its definition");
  EditPlan Def;
  EXPECT_FALSE(definitionRefusal(Cl, &Def));
  Def.Refusal = "the vma is passed to bar()";
  EXPECT_EQ(definitionRefusal(Cl, &Def), "the vma is passed to bar()");
  // The core's generic handlers need no edit of a definition.
  Classification Generic = Cl;
  Generic.K = Kind::GenericDirect;
  EXPECT_FALSE(definitionRefusal(Generic, nullptr));
}

TEST(Acceptance, SlotChecksSayWhichSlotAndWhy) {
  MmapHandler H = plainHandler();
  FopsSite S = slotOf(H, 40);
  S.Form = "positional";
  EXPECT_EQ(slotRefusal(S, nullptr),
            "the slot in 'foo_fops' (foo.c:40) is not a designated initialiser (positional)");
  S.Macro = "FOO_FOPS";
  EXPECT_NE(slotRefusal(S, nullptr)->find("built by macro FOO_FOPS"), std::string::npos);
  SitePlan Plan;
  EXPECT_FALSE(slotRefusal(S, &Plan));
  Plan.Slot.Refusal = "the slot is spelled in a header";
  EXPECT_EQ(slotRefusal(S, &Plan), "the slot is spelled in a header ('foo_fops', foo.c:40)");

  // A second hook next to the slot, only when the definition needs one.
  SitePlan Clean;
  EditPlan Def;
  EXPECT_FALSE(addedSlotRefusal(S, Clean, Def));
  Def.AddedSlots = {"mmap_complete"};
  Clean.AddedSlot.Refusal = "no room";
  EXPECT_EQ(addedSlotRefusal(S, Clean, Def),
            "cannot add .mmap_complete next to the slot in 'foo_fops' (foo.c:40): no room");
  Clean.AddedSlot.Refusal.clear();
  Clean.AddedSlot.Edits.push_back({File, 100, 0, "\t.mmap_complete = foo_mmap_complete,\n"});
  EXPECT_FALSE(addedSlotRefusal(S, Clean, Def));
}

TEST(Acceptance, MacroNamingTheHandlerMustBeRewrittenToo) {
  MmapHandler H = plainHandler();
  H.NamedInMacros = {"FOO_FOPS"};
  FopsSite S = slotOf(H, 40);
  RewritePlans Plans;
  std::vector<const FopsSite *> Sites = {&S};
  EXPECT_EQ(macroNameRefusal(H, Sites, Plans),
            "foo_mmap is also named in the definition of macro FOO_FOPS, which the rewrite "
            "does not change");
  Plans.Sites[siteKey(S)].MacroBody = "FOO_FOPS";
  EXPECT_FALSE(macroNameRefusal(H, Sites, Plans));
}

TEST(Acceptance, MacroSlotRefusedWhileAnotherTableUsesTheMacro) {
  Fixture F;
  MmapHandler H = plainHandler(), Other = plainHandler();
  Other.Name = "bar_mmap";
  Other.Key = std::string(File) + ":bar_mmap";
  FopsSite Mine = slotOf(H, 40), Theirs = slotOf(Other, 50, "bar_fops");
  F.C.Sites = {Mine, Theirs};
  F.Plans.Sites[siteKey(Mine)].MacroBody = "DEV_FOPS";
  // Only this handler's table uses the macro (and no code of the index).
  EXPECT_FALSE(macroSlotRefusal("DEV_FOPS", H.Key, F.context()));
  EXPECT_EQ(F.Looks, 1u);
  F.Plans.Sites[siteKey(Theirs)].MacroBody = "DEV_FOPS";
  std::optional<std::string> Why = macroSlotRefusal("DEV_FOPS", H.Key, F.context());
  ASSERT_TRUE(Why);
  EXPECT_NE(Why->find("drivers/misc/foo.c:50, where it builds a table for bar_mmap"),
            std::string::npos);
}

TEST(Acceptance, NonStaticHandlerNamedElsewhereIsRefusedUnlessTheEditRenamesIt) {
  TempDir Dir;
  std::string Header =
      Dir.write("foo.h", "/* foo_mmap in a comment is no use */\nint foo_mmap(struct file *f);\n");
  Fixture F;
  F.Index.emplace(std::vector<std::string>{Header}, std::set<std::string>{"foo_mmap"});
  MmapHandler H = plainHandler(/*IsStatic=*/false);
  Classification Cl = classifyHandler(H);
  AcceptanceContext Ctx = F.context();
  std::optional<std::string> Why = unrenamedMentionRefusal(H, Cl, {}, Ctx);
  ASSERT_TRUE(Why);
  EXPECT_NE(Why->find(":2, which the rewrite does not change"), std::string::npos);
  // The edits rename that mention: nothing is left behind.
  size_t At = std::string("/* foo_mmap in a comment is no use */\nint ").size();
  std::vector<Edit> Renames = {{realPath(Header), unsigned(At), 8, "foo_mmap_prepare"}};
  EXPECT_FALSE(unrenamedMentionRefusal(H, Cl, Renames, Ctx));
  // A static handler is no other file's business, and needs no look.
  F.Looks = 0;
  EXPECT_FALSE(unrenamedMentionRefusal(plainHandler(true), Cl, {}, Ctx));
  EXPECT_EQ(F.Looks, 0u);
}

TEST(Acceptance, DecideTakesEveryEditOrNone) {
  Fixture F;
  MmapHandler H = plainHandler();
  EffectClaim Sticky;
  Sticky.Rule = "sticky-state";
  Sticky.Text = "sets dev->mapped, which close() does not undo";
  Sticky.Pos = {File, 14, 2};
  H.Claims.push_back(Sticky);
  FopsSite A = slotOf(H, 40), B = slotOf(H, 60, "foo_fops2");
  F.C.Sites = {A, B};
  EditPlan &Def = F.Plans.Handlers[H.Key];
  Def.Edits.push_back({File, 200, 8, "foo_mmap_prepare"});
  Def.Notes.push_back("the error code changes");
  Def.FileHashes.push_back({File, 42});
  F.Plans.Sites[siteKey(A)].Slot.Edits.push_back({File, 900, 5, "mmap_prepare"});
  F.Plans.Sites[siteKey(B)].Slot.Edits.push_back({File, 990, 5, "mmap_prepare"});
  std::vector<const FopsSite *> Sites = {&A, &B};
  Classification Cl = classifyHandler(H);

  // Positive control: definition and both slots.
  HandlerDecision D = decideHandler(H, Cl, Sites, F.context());
  EXPECT_TRUE(D.converts()) << D.Why;
  EXPECT_EQ(D.Edits.size(), 3u);
  EXPECT_EQ(D.Hashes.at(File), 42u);
  ASSERT_EQ(D.Notes.size(), 2u);
  EXPECT_EQ(D.Notes[1], "line 14 still sets dev->mapped, which close() does not undo");

  // One slot that cannot change stops the whole handler, naming that slot.
  F.Plans.Sites[siteKey(B)].Slot.Refusal = "spelled in a header";
  D = decideHandler(H, Cl, Sites, F.context());
  EXPECT_FALSE(D.converts());
  EXPECT_EQ(D.Why, "spelled in a header ('foo_fops2', foo.c:60)");

  // The classifier's refusal comes first, whatever the plans say.
  F.Plans.Sites[siteKey(B)].Slot.Refusal.clear();
  H.Findings.push_back(finding(Kind::VmaSurgery, "vma-surgery", 13));
  Cl = classifyHandler(H);
  ASSERT_NE(Cl.V, Verdict::Convert);
  D = decideHandler(H, Cl, Sites, F.context());
  EXPECT_EQ(D.Why, Cl.Blocker);
}

} // namespace
