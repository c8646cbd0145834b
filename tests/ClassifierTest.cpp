//===- ClassifierTest.cpp - Kind and verdict from a handler's findings ----===//
//
// classifyHandler() on handlers built by hand: the kind is the most
// specific finding's, and each way to "manual" names its reason; a handler
// with nothing against it converts (the positive control).
//
//===----------------------------------------------------------------------===//
#include "matchers/classify/Classifier.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

MmapHandler handler() {
  MmapHandler H;
  H.Key = "/t/foo.c:foo_mmap";
  H.Name = "foo_mmap";
  H.Pos = {"/t/foo.c", 10, 12};
  H.HasBody = true;
  H.IsStatic = true;
  return H;
}

Finding finding(Kind K, std::string Rule, unsigned Line, std::string Blocks = "") {
  Finding F;
  F.K = K;
  F.Rule = std::move(Rule);
  F.Message = "something";
  F.Pos = {"/t/foo.c", Line, 2};
  F.Blocks = std::move(Blocks);
  return F;
}

TEST(Classifier, NothingAgainstItConverts) {
  Classification C = classifyHandler(handler());
  EXPECT_EQ(C.V, Verdict::Convert);
  ASSERT_TRUE(C.K);
  EXPECT_EQ(*C.K, Kind::PureSetup);
  EXPECT_TRUE(C.Blocker.empty());
}

TEST(Classifier, NoBodyIsNotAnalysedWithTheReason) {
  MmapHandler H = handler();
  H.HasBody = false;
  Classification C = classifyHandler(H);
  EXPECT_EQ(C.V, Verdict::NotAnalysed);
  EXPECT_EQ(C.Blocker, "no definition was found");
  H.NotAnalysedReason = "its file could not be parsed";
  EXPECT_EQ(classifyHandler(H).Blocker, "its file could not be parsed");
}

TEST(Classifier, TheMostSpecificKindNamesTheHandler) {
  MmapHandler H = handler();
  H.Findings = {finding(Kind::PureSetup, "vm-flags", 12),
                finding(Kind::ChangesState, "store-state", 13),
                finding(Kind::VmaSurgery, "split-vma", 14)};
  Classification C = classifyHandler(H);
  ASSERT_TRUE(C.K);
  EXPECT_EQ(*C.K, Kind::VmaSurgery);
  EXPECT_EQ(C.Kinds, (std::vector<Kind>{Kind::PureSetup, Kind::ChangesState, Kind::VmaSurgery}));
  EXPECT_EQ(C.V, Verdict::Manual);
  EXPECT_FALSE(C.Blocker.empty());
}

TEST(Classifier, AFindingThatBlocksSaysWhereWhateverTheKind) {
  MmapHandler H = handler();
  H.Findings = {finding(Kind::PureSetup, "vma-to-helper", 17,
                        "the vma is passed to bar(), which has no descriptor form")};
  Classification C = classifyHandler(H);
  EXPECT_EQ(C.V, Verdict::Manual);
  EXPECT_EQ(C.Blocker, "the vma is passed to bar(), which has no descriptor form (line 17)");
}

TEST(Classifier, ANameInInactiveCodeOrAPartialTuStopsTheRename) {
  MmapHandler H = handler();
  H.NamedInInactiveCode = "line 476 of data.c";
  Classification C = classifyHandler(H);
  EXPECT_EQ(C.V, Verdict::Manual);
  EXPECT_NE(C.Blocker.find("foo_mmap is also named in line 476 of data.c"), std::string::npos);
  MmapHandler P = handler();
  P.Partial = true;
  EXPECT_EQ(classifyHandler(P).Blocker,
            "its translation unit had errors: the analysis may be incomplete");
}

TEST(Classifier, TheRewritesDecisionIsTheVerdict) {
  // Work that needs the mapping: manual by itself, converts when the
  // rewrite moved it to the profile's hook.
  MmapHandler H = handler();
  H.Findings = {finding(Kind::NeedsMapped, "side-effect", 15)};
  ASSERT_EQ(classifyHandler(H).V, Verdict::Manual);
  H.Planner = MmapHandler::PlannerDecision{true, ""};
  Classification C = classifyHandler(H);
  EXPECT_EQ(C.V, Verdict::Convert);
  EXPECT_TRUE(C.Blocker.empty());
  // A refusal for a tree-level reason is the verdict's reason too.
  MmapHandler R = handler();
  R.Planner = MmapHandler::PlannerDecision{false, "foo_mmap() is not static and is also named at "
                                                  "x.c:3, which the rewrite does not change"};
  Classification CR = classifyHandler(R);
  EXPECT_EQ(CR.V, Verdict::Manual);
  EXPECT_EQ(CR.Blocker, R.Planner->Refusal);
  // A handler that was not analysed stays so, whatever was decided.
  MmapHandler N = handler();
  N.HasBody = false;
  N.Planner = MmapHandler::PlannerDecision{false, "no rewrite was planned"};
  EXPECT_EQ(classifyHandler(N).V, Verdict::NotAnalysed);
}

} // namespace
