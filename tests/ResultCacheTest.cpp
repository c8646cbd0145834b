//===- ResultCacheTest.cpp - The result cache and the text-pass memo -------===//
#include "tool/driver/ResultCache.h"
#include "tool/driver/TextPassMemo.h"
#include "tests/TestFiles.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include "gtest/gtest.h"

#include <chrono>

using namespace mmapmigrate;
namespace fs = llvm::sys::fs;

namespace {

/// Writes \p Text and dates the file \p AgeSeconds back, so that the caches
/// do not treat it as too fresh to trust.
void writeAged(const std::string &Path, llvm::StringRef Text, int AgeSeconds) {
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    ASSERT_FALSE(EC);
    OS << Text;
  }
  int FD;
  ASSERT_FALSE(fs::openFileForWrite(Path, FD, fs::CD_OpenExisting, fs::OF_Append));
  auto When = std::chrono::system_clock::now() - std::chrono::seconds(AgeSeconds);
  ASSERT_FALSE(fs::setLastAccessAndModificationTime(
      FD, std::chrono::time_point_cast<std::chrono::nanoseconds>(When)));
  ::close(FD);
}

TuResult sampleResult(const std::string &Main, const std::string &Header) {
  TuResult R;
  R.MainFile = Main;
  R.Parsed = true;
  R.FirstError = "";
  FopsSite S;
  S.Pos = {Main, 12, 10};
  S.Table = "foo_fops";
  S.Form = "designated";
  S.Handler = "foo_mmap";
  S.HandlerKey = Main + ":foo_mmap";
  R.Sites.push_back(S);
  MmapHandler H;
  H.Key = S.HandlerKey;
  H.Name = "foo_mmap";
  H.Pos = {Main, 3, 12};
  H.HasBody = true;
  H.IsStatic = true;
  Finding F;
  F.K = Kind::RemapPfn;
  F.Rule = "remap-pfn-call";
  F.Message = "calls remap_pfn_range()";
  F.Pos = {Main, 5, 9};
  F.Detail = "remap_pfn_range";
  F.InHelper = true;
  F.Via = {Main, 4, 2};
  H.Findings.push_back(F);
  H.NamedInMacros = {"FOO_FOPS"};
  R.Handlers.push_back(H);
  R.OtherTables.push_back({"struct proto_ops", "mmap", {Main, 20, 3}, "sock_no_mmap", "foo_ops"});
  R.Skipped.push_back({Header, 7, "inactive"});
  R.FilesRead = {{Header, 0}, {Main, 0}};
  return R;
}

std::string jsonText(const llvm::json::Value &V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << V;
  return OS.str();
}

TEST(ResultCacheTest, ResultSurvivesTheRoundTrip) {
  TuResult R = sampleResult("/t/foo.c", "/t/foo.h");
  std::optional<TuResult> Back = tuResultFromJson(tuResultToJson(R));
  ASSERT_TRUE(Back);
  EXPECT_EQ(jsonText(tuResultToJson(R)), jsonText(tuResultToJson(*Back)));
  EXPECT_EQ(Back->Handlers[0].Findings[0].K, Kind::RemapPfn);
  EXPECT_EQ(Back->Handlers[0].Findings[0].Via.Line, 4u);
  EXPECT_EQ(Back->Handlers[0].NamedInMacros.count("FOO_FOPS"), 1u);
  // A damaged entry is refused, not half read.
  llvm::json::Value Broken = tuResultToJson(R);
  Broken.getAsObject()->erase("sites");
  EXPECT_FALSE(tuResultFromJson(Broken));
}

/// Plans for sampleResult's handler and slot, as a rewrite makes them.
RewritePlans samplePlans(const TuResult &R) {
  RewritePlans P;
  EditPlan &Def = P.Handlers[R.Handlers[0].Key];
  Def.Edits.push_back({R.MainFile, 120, 8, "foo_mmap_prepare"});
  Def.Notes.push_back("a note");
  Def.FileHashes.push_back({R.MainFile, 0xfedcba9876543210ull});
  SitePlan &Slot = P.Sites[siteKey(R.Sites[0])];
  Slot.Slot.Refusal = "not this slot";
  Slot.MacroBody = "FOO_FOPS";
  return P;
}

TEST(ResultCacheTest, PlansSurviveTheRoundTrip) {
  TuResult R = sampleResult("/t/foo.c", "/t/foo.h");
  RewritePlans P = samplePlans(R);
  std::optional<RewritePlans> Back = plansFromJson(plansToJson(P));
  ASSERT_TRUE(Back);
  EXPECT_EQ(jsonText(plansToJson(P)), jsonText(plansToJson(*Back)));
  const EditPlan *Def = Back->handler(R.Handlers[0].Key);
  ASSERT_TRUE(Def);
  ASSERT_EQ(Def->Edits.size(), 1u);
  EXPECT_EQ(Def->Edits[0].Text, "foo_mmap_prepare");
  EXPECT_EQ(Def->FileHashes[0].second, 0xfedcba9876543210ull);
  const SitePlan *Slot = Back->site(R.Sites[0]);
  ASSERT_TRUE(Slot);
  EXPECT_EQ(Slot->Slot.Refusal, "not this slot");
  EXPECT_EQ(Slot->MacroBody, "FOO_FOPS");
  EXPECT_FALSE(Back->handler("no such handler"));
  // A damaged list is refused, not half read.
  llvm::json::Value Broken = plansToJson(P);
  Broken.getAsObject()->erase("sites");
  EXPECT_FALSE(plansFromJson(Broken));
}

TEST(ResultCacheTest, ReusedOnlyWhileEveryFileReadHasTheSameContent) {
  TempDir D;
  std::string Main = D.file("foo.c"), Header = D.file("foo.h");
  writeAged(Main, "int x;\n", 3600);
  writeAged(Header, "#define A 1\n", 3600);
  TuResult R = sampleResult(Main, Header);
  R.FilesRead = {{Header, llvm::xxh3_64bits("#define A 1\n")},
                 {Main, llvm::xxh3_64bits("int x;\n")}};
  std::string Key = "command line and options";
  RewritePlans Plans = samplePlans(R);
  {
    ResultCache C(D.file("cache"));
    EXPECT_FALSE(C.lookup(Key));
    C.store(Key, R);
    std::optional<TuResult> Hit = C.lookup(Key);
    ASSERT_TRUE(Hit);
    EXPECT_EQ(Hit->Sites.size(), 1u);
    EXPECT_FALSE(C.lookup("another command line"));
    // Stored without plans: a rewrite that needs them parses again.
    RewritePlans None;
    EXPECT_FALSE(C.lookup(Key, &None));
    // Stored with them: they come back beside the result.
    C.store(Key, R, &Plans);
    RewritePlans Back;
    ASSERT_TRUE(C.lookup(Key, &Back));
    ASSERT_TRUE(Back.handler(R.Handlers[0].Key));
    EXPECT_EQ(Back.handler(R.Handlers[0].Key)->Edits[0].Text, "foo_mmap_prepare");
    C.finish();
  }
  // A header's content changes: the next run parses again.
  writeAged(Header, "#define A 2\n", 1800);
  {
    ResultCache C(D.file("cache"));
    EXPECT_FALSE(C.lookup(Key));
  }
  // Same content again, but a new time stamp: content decides, so it is a hit.
  writeAged(Header, "#define A 1\n", 900);
  {
    ResultCache C(D.file("cache"));
    EXPECT_TRUE(C.lookup(Key));
    EXPECT_EQ(C.Hits.load(), 1u);
  }
  // A file that is gone is a miss.
  ASSERT_FALSE(fs::remove(Header));
  {
    ResultCache C(D.file("cache"));
    EXPECT_FALSE(C.lookup(Key));
  }
  // Disabled: nothing is stored or found.
  ResultCache Off("");
  Off.store(Key, R);
  EXPECT_FALSE(Off.lookup(Key));
}

TEST(ResultCacheTest, KeyCoversCommandAndOptions) {
  clang::tooling::CompileCommand A("/b", "/t/foo.c", {"clang", "-c", "foo.c"}, "foo.o");
  clang::tooling::CompileCommand B("/b", "/t/foo.c", {"clang", "-DX", "-c", "foo.c"}, "foo.o");
  TuScanOptions O;
  std::string KA = ResultCache::keyMaterial({A}, {}, {}, O);
  EXPECT_NE(KA, ResultCache::keyMaterial({B}, {}, {}, O));
  EXPECT_NE(KA, ResultCache::keyMaterial({A}, {}, {"-DY"}, O));
  TuScanOptions Wanting = O;
  Wanting.WantedHandlers = {"bar_mmap"};
  EXPECT_NE(KA, ResultCache::keyMaterial({A}, {}, {}, Wanting));
  EXPECT_NE(KA, ResultCache::keyMaterial({A}, {}, {}, O, "profile 7.1 0123"));
  EXPECT_EQ(KA, ResultCache::keyMaterial({A}, {}, {}, O));
}

TEST(TextPassMemoTest, AnswersKeptUntilAFileChanges) {
  TempDir D;
  std::string F = D.file("a.c");
  writeAged(F, "x\n", 3600);
  unsigned Computed = 0;
  auto Compute = [&] {
    ++Computed;
    return llvm::json::Value("answer");
  };
  {
    TextPassMemo M(D.file("cache"), D.Path, {F});
    EXPECT_EQ(M.answer("q", Compute), llvm::json::Value("answer"));
  }
  {
    TextPassMemo M(D.file("cache"), D.Path, {F});
    EXPECT_EQ(M.answer("q", Compute), llvm::json::Value("answer"));
    EXPECT_EQ(M.Reused, 1u);
    M.answer("another question", Compute);
  }
  EXPECT_EQ(Computed, 2u);
  writeAged(F, "xy\n", 1800);
  {
    TextPassMemo M(D.file("cache"), D.Path, {F});
    M.answer("q", Compute);
    EXPECT_EQ(M.Reused, 0u);
  }
  EXPECT_EQ(Computed, 3u);
  // A file changed a moment ago is not trusted: nothing is kept.
  writeAged(F, "xyz\n", 0);
  { TextPassMemo(D.file("cache"), D.Path, {F}).answer("q", Compute); }
  { TextPassMemo(D.file("cache"), D.Path, {F}).answer("q", Compute); }
  EXPECT_EQ(Computed, 5u);
}

} // namespace
