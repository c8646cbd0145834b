//===- ResultCacheTest.cpp - The result cache and the text-pass memo -------===//
#include "tool/driver/ResultCache.h"
#include "tool/driver/TextPassMemo.h"
#include "tests/TestFiles.h"
#include "tool/support/AtomicFile.h"

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

/// The one file in \p Dir.
std::string onlyFileIn(const std::string &Dir) {
  std::error_code EC;
  std::vector<std::string> Found;
  for (fs::directory_iterator I(Dir, EC), E; I != E && !EC; I.increment(EC))
    Found.push_back(I->path());
  EXPECT_EQ(Found.size(), 1u) << Dir;
  return Found.empty() ? "" : Found[0];
}

/// Replaces the first \p From in \p Path by \p To, keeping the file's
/// checksum line as it was: content that is still well-formed, but not
/// what the tool wrote.
void editKeepingChecksum(const std::string &Path, llvm::StringRef From, llvm::StringRef To) {
  std::optional<std::string> Text = readWholeFile(Path);
  ASSERT_TRUE(Text) << Path;
  size_t At = Text->find(From.str());
  ASSERT_NE(At, std::string::npos) << From.str() << " not in " << Path;
  Text->replace(At, From.size(), To.str());
  writeAged(Path, *Text, 60);
}

/// A RunLog whose -v notes are kept in \p Notes.
RunLog keepingNotes(std::vector<std::string> &Notes) {
  RunLog L;
  L.Note = [&Notes](const std::string &N) { Notes.push_back(N); };
  return L;
}

bool anyContains(const std::vector<std::string> &Notes, llvm::StringRef Part) {
  for (const std::string &N : Notes)
    if (llvm::StringRef(N).contains(Part))
      return true;
  return false;
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

/// sampleResult() over two files written (an hour old) with the content
/// its FilesRead hashes say.
TuResult sampleResultOnDisk(const std::string &Main, const std::string &Header) {
  writeAged(Main, "int x;\n", 3600);
  writeAged(Header, "#define A 1\n", 3600);
  TuResult R = sampleResult(Main, Header);
  R.FilesRead = {{Header, llvm::xxh3_64bits("#define A 1\n")},
                 {Main, llvm::xxh3_64bits("int x;\n")}};
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
  TuResult R = sampleResultOnDisk(Main, Header);
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

TEST(ResultCacheTest, AnEntryEditedButWellFormedIsParsedAgainWithANote) {
  TempDir D;
  std::string Main = D.file("foo.c"), Header = D.file("foo.h");
  TuResult R = sampleResultOnDisk(Main, Header);
  std::string Key = ResultCache::keyMaterial(
      {clang::tooling::CompileCommand("/b", Main, {"clang", "-c", Main}, "foo.o")}, {}, {},
      TuScanOptions());
  {
    ResultCache C(D.file("cache"));
    C.store(Key, R);
  }
  std::string Entry = onlyFileIn(D.file("cache/results"));
  std::vector<std::string> Notes;
  {
    // Positive control: the entry as written is believed, silently.
    ResultCache C(D.file("cache"), keepingNotes(Notes));
    std::optional<TuResult> Hit = C.lookup(Key);
    ASSERT_TRUE(Hit);
    EXPECT_EQ(Hit->Sites[0].Pos.Line, 12u);
    EXPECT_EQ(C.Damaged.load(), 0u);
  }
  EXPECT_TRUE(Notes.empty());
  // One digit of a site's line changed, the checksum line kept.
  editKeepingChecksum(Entry, "\"line\":12", "\"line\":13");
  {
    ResultCache C(D.file("cache"), keepingNotes(Notes));
    EXPECT_FALSE(C.lookup(Key));
    EXPECT_EQ(C.Damaged.load(), 1u);
  }
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_TRUE(anyContains(Notes, "ignoring damaged cache entry " + Entry + " (" + Main + ")"));
  EXPECT_TRUE(anyContains(Notes, "its checksum does not match its content"));
  // Stored again, it is believed again.
  {
    ResultCache C(D.file("cache"));
    C.store(Key, R);
    ASSERT_TRUE(C.lookup(Key));
  }
  // An entry with a good checksum that answers another key (copied over,
  // or a hash collision) is not this key's answer.
  {
    ResultCache C(D.file("cache"));
    C.store("another key", R);
  }
  std::string Other = D.file("cache/results/" +
                             llvm::utohexstr(llvm::xxh3_64bits(llvm::StringRef("another key"))) +
                             ".json");
  ASSERT_FALSE(fs::copy_file(Other, Entry));
  Notes.clear();
  {
    ResultCache C(D.file("cache"), keepingNotes(Notes));
    EXPECT_FALSE(C.lookup(Key));
  }
  EXPECT_TRUE(anyContains(Notes, "it answers another key"));
  // An entry of another format version is replaced, not reported.
  ASSERT_TRUE(readChecksummedFile(Other));
  ASSERT_FALSE(writeChecksummedFile(Entry, "{\"version\": 0}"));
  Notes.clear();
  {
    ResultCache C(D.file("cache"), keepingNotes(Notes));
    EXPECT_FALSE(C.lookup(Key));
    EXPECT_EQ(C.Damaged.load(), 0u);
  }
  EXPECT_TRUE(Notes.empty());
}

TEST(FileDigestsTest, AGarbledMemoIsDroppedAndHealed) {
  TempDir D;
  std::string F = D.file("a.c"), Memo = D.file("file-digests.tsv");
  writeAged(F, "int a;\n", 3600);
  uint64_t Want = llvm::xxh3_64bits(llvm::StringRef("int a;\n"));
  {
    FileDigests M(Memo);
    EXPECT_EQ(M.digest(F), Want);
    M.save();
  }
  // One digit of the stored hash changed, the checksum line kept: believed,
  // it would give a wrong digest for as long as the file keeps its stat data.
  std::string Hex = llvm::utohexstr(Want);
  editKeepingChecksum(Memo, Hex, Hex.substr(0, Hex.size() - 1) + (Hex.back() == '0' ? "1" : "0"));
  std::vector<std::string> Notes;
  {
    FileDigests M(Memo, keepingNotes(Notes));
    EXPECT_EQ(M.digest(F), Want);
    M.save();
  }
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_EQ(Notes[0], "ignoring damaged " + Memo +
                          ": its checksum does not match its content; every file is hashed again");
  // The save healed it: read back silently, with the right digest.
  Notes.clear();
  std::optional<std::string> Text = readChecksummedFile(Memo);
  ASSERT_TRUE(Text);
  EXPECT_TRUE(llvm::StringRef(*Text).starts_with(Hex + "\t"));
  {
    FileDigests M(Memo, keepingNotes(Notes));
    EXPECT_EQ(M.digest(F), Want);
  }
  EXPECT_TRUE(Notes.empty());
}

TEST(TextPassMemoTest, AnAnswerEditedButWellFormedIsComputedAgain) {
  TempDir D;
  std::string F = D.file("a.c");
  writeAged(F, "x\n", 3600);
  unsigned Computed = 0;
  auto Compute = [&] {
    ++Computed;
    return llvm::json::Value(llvm::json::Array{"fs/ceph/addr.c", "fs/ceph/file.c"});
  };
  { TextPassMemo(D.file("cache"), D.Path, {F}).answer("which files define ceph_mmap", Compute); }
  std::string Memo = onlyFileIn(D.file("cache/text-pass"));
  std::vector<std::string> Notes;
  {
    // Positive control: kept as written, reused silently.
    TextPassMemo M(D.file("cache"), D.Path, {F}, keepingNotes(Notes));
    M.answer("which files define ceph_mmap", Compute);
    EXPECT_EQ(M.Reused, 1u);
  }
  EXPECT_EQ(Computed, 1u);
  EXPECT_TRUE(Notes.empty());
  // One file dropped from the answer, the checksum line kept.
  editKeepingChecksum(Memo, "\"fs/ceph/addr.c\",", "");
  {
    TextPassMemo M(D.file("cache"), D.Path, {F}, keepingNotes(Notes));
    llvm::json::Value A = M.answer("which files define ceph_mmap", Compute);
    EXPECT_EQ(M.Reused, 0u);
    ASSERT_TRUE(A.getAsArray());
    EXPECT_EQ(A.getAsArray()->size(), 2u);
  }
  EXPECT_EQ(Computed, 2u);
  ASSERT_EQ(Notes.size(), 1u);
  EXPECT_EQ(Notes[0], "ignoring damaged " + Memo +
                          ": its checksum does not match its content; the text pass is run again");
}

} // namespace
