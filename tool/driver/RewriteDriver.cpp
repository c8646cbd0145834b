//===- RewriteDriver.cpp - Plan and carry out the ->mmap_prepare port -----===//
#include "tool/driver/RewriteDriver.h"
#include "matchers/classify/CensusMerge.h"
#include "rewrites/plan/Acceptance.h"
#include "matchers/find/MemberProbe.h"
#include "rewrites/plan/CoreUses.h"
#include "rewrites/plan/TuPlanner.h"
#include "rewrites/verify/Verifier.h"
#include "tool/kbuild/CompileDb.h"
#include "matchers/core/SourceText.h"
#include "matchers/find/Prefilter.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>

namespace mmapmigrate {

llvm::Expected<Profile> chooseProfile(llvm::StringRef Name, llvm::StringRef TreeRoot,
                                      std::string &Why) {
  auto All = loadProfiles(defaultProfileDir());
  if (!All)
    return All.takeError();
  if (!Name.empty()) {
    for (const Profile &P : *All)
      if (P.Name == Name) {
        Why = "profile " + P.Name + " (--profile)";
        return P;
      }
    std::string Known;
    for (const Profile &P : *All)
      Known += (Known.empty() ? "" : ", ") + P.Name;
    return usageError("unknown profile '" + Name.str() + "' (" + Known + ")");
  }
  // What the tree's own headers declare decides, when they know the hook.
  std::vector<std::string> Declared;
  std::string Text;
  for (const char *H : {"include/linux/mm.h", "include/linux/mm_types.h", "include/linux/fs.h"}) {
    llvm::SmallString<256> Path(TreeRoot);
    llvm::sys::path::append(Path, H);
    std::string One;
    if (readSourceText(Path, One))
      Text += One;
  }
  for (const Profile &P : *All)
    for (const auto *List : {&P.DetectRequires, &P.DetectAbsent})
      for (const std::string &Id : *List)
        if (Text.find(Id) != std::string::npos)
          Declared.push_back(Id);
  if (const Profile *P = detectProfile(*All, Declared)) {
    Why = "profile " + P->Name + " (detected from the tree's headers)";
    return *P;
  }
  for (const Profile &P : *All)
    if (P.Name == "7.1") {
      Why = "profile 7.1 (default: the tree's headers do not declare the ->mmap_prepare API)";
      return P;
    }
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "the default profile 7.1 is missing from " +
                                     defaultProfileDir());
}

/// Edits of the converted handlers, normalized.
llvm::Expected<std::vector<Edit>> collectEdits(const RewritePlan &Plan) {
  std::vector<Edit> All;
  for (const FixGroup &G : Plan.Fixes)
    All.insert(All.end(), G.Edits.begin(), G.Edits.end());
  return normalizeEdits(std::move(All));
}

/// The TUs to parse again when \p Files change: those among them with a
/// compile command, and for a handler of \p Owners defined in a header,
/// the TUs of its slots.
std::vector<std::string> tusToVerify(const std::vector<std::string> &Files,
                                     const clang::tooling::CompilationDatabase &DB,
                                     const Census *C, const std::vector<const MmapHandler *> &Owners) {
  std::vector<std::string> Mains;
  for (const std::string &F : Files)
    if (!DB.getCompileCommands(F).empty())
      Mains.push_back(F);
  if (C)
    for (const MmapHandler *H : Owners)
      if (DB.getCompileCommands(H->Pos.File).empty())
        for (const FopsSite &S : C->Sites)
          if (S.HandlerKey == H->Key && !DB.getCompileCommands(S.Pos.File).empty())
            Mains.push_back(S.Pos.File);
  std::sort(Mains.begin(), Mains.end());
  Mains.erase(std::unique(Mains.begin(), Mains.end()), Mains.end());
  return Mains;
}

/// verifyEdits, plus for a handler of \p Owners defined in a header the
/// TUs of its slots (from \p C).
llvm::Expected<std::map<std::string, std::string>>
verifyEditsOf(const RewritePlan &Plan, const Profile &P, const std::vector<Edit> &Edits,
              const std::vector<std::string> &Files, const Census *C,
              const std::vector<const MmapHandler *> &Owners) {
  auto Contents = rewrittenContents(Edits);
  if (!Contents)
    return Contents.takeError();
  std::map<std::string, std::string> New;
  for (const auto &[File, OldNew] : *Contents)
    New[File] = OldNew.second;
  std::vector<std::string> Mains = tusToVerify(Files, *Plan.DB, C, Owners);
  return verifyRewrittenTus(*Plan.DB, Mains, New, P, Plan.Verify, &Edits);
}

llvm::Expected<std::map<std::string, std::string>>
verifyEdits(const RewritePlan &Plan, const Profile &P, const std::vector<Edit> &Edits,
            const std::vector<std::string> &Files) {
  return verifyEditsOf(Plan, P, Edits, Files, nullptr, {});
}

/// A core group with an edit in a TU that no longer compiles is taken
/// back; without the calls, the tests go too (see CoreUses.h).
void dropBrokenCoreGroups(RewritePlan &Plan, const std::map<std::string, std::string> &Failed) {
  auto BrokenIn = [&](std::initializer_list<const char *> Owners) -> std::string {
    for (const FixGroup &G : Plan.Fixes)
      if (llvm::is_contained(Owners, llvm::StringRef(G.Owner)))
        for (const Edit &E : G.Edits)
          if (auto It = Failed.find(E.File); It != Failed.end())
            return "the rewritten code does not compile: " + It->second;
    return "";
  };
  std::string Calls = BrokenIn({CoreCallsOwner});
  // The tests of both kinds go together, and only after the calls.
  std::string Tests = !Calls.empty() ? Calls : BrokenIn({CoreTestsOwner, CoreTableTestsOwner});
  auto Drop = [&](llvm::StringRef Owner, const std::string &Broken) {
    if (Broken.empty())
      return;
    for (CoreUseOutcome &O : Plan.CoreUses)
      if (O.Rewritten && llvm::StringRef(coreOwnerOf(O.U)) == Owner) {
        O.Rewritten = false;
        O.Why = Broken;
      }
    llvm::erase_if(Plan.Fixes, [&](const FixGroup &F) { return F.Owner == Owner; });
  };
  if (!Calls.empty() && Plan.CoreTestsRefusal.empty())
    Plan.CoreTestsRefusal = "the calls were taken back: " + Calls;
  Drop(CoreCallsOwner, Calls);
  Drop(CoreTestsOwner, Tests);
  Drop(CoreTableTestsOwner, Tests);
}

std::map<std::string, std::string> barredAfterTakeBack(RewritePlan &Plan, const Census &C,
                                                       llvm::StringRef Root) {
  Plan.CoreBarriers = tableBarriers(C, Plan.CoreUses, Plan.CoreUnseen, Root, Plan.WholeTree);
  std::map<std::string, std::vector<std::string>> TablesOf;
  for (const FopsSite &S : C.Sites)
    TablesOf[S.HandlerKey].push_back(S.Table);
  std::map<std::string, std::string> Out;
  for (const HandlerOutcome &O : Plan.Outcomes) {
    std::string Why = O.Converted ? barrierRefusal(Plan.CoreBarriers, TablesOf[O.H.Key],
                                                   [&](const std::string &T, const std::string &F) {
                                                     return Plan.unseenStore(T, F);
                                                   })
                                  : "";
    if (!Why.empty())
      Out[O.H.Key] = Why;
  }
  return Out;
}

/// Re-parses every TU the edits touch; handlers whose edits sit in a TU
/// that no longer compiles are taken back, with the compiler's message.
llvm::Error verifyPlan(RewritePlan &Plan, const ScanOutcome &Scan, const Profile &P) {
  std::vector<std::string> Files;
  for (const Edit &E : Plan.Edits) // Sorted: one file's edits are together.
    if (Files.empty() || Files.back() != E.File)
      Files.push_back(E.File);
  std::vector<const MmapHandler *> Owners;
  for (const HandlerOutcome &O : Plan.Outcomes)
    if (O.Converted)
      Owners.push_back(&O.H);
  auto Verified = verifyEditsOf(Plan, P, Plan.Edits, Files, &Scan.C, Owners);
  if (!Verified)
    return Verified.takeError();
  std::map<std::string, std::string> &Failed = *Verified;
  if (Failed.empty())
    return llvm::Error::success();

  // A table test taken back bars the tables it may read (TableReach.h).
  dropBrokenCoreGroups(Plan, Failed);
  std::map<std::string, std::string> Barred = barredAfterTakeBack(Plan, Scan.C, Scan.Root);
  for (HandlerOutcome &O : Plan.Outcomes) {
    if (!O.Converted)
      continue;
    auto G = std::find_if(Plan.Fixes.begin(), Plan.Fixes.end(),
                          [&](const FixGroup &F) { return F.Owner == O.H.Key; });
    if (auto It = Barred.find(O.H.Key); It != Barred.end() && G != Plan.Fixes.end()) {
      O.Converted = false;
      O.Why = It->second;
      Plan.Fixes.erase(G);
      continue;
    }
    std::string Broken;
    if (G != Plan.Fixes.end()) {
      for (const Edit &E : G->Edits)
        if (Failed.count(E.File))
          Broken = Failed[E.File];
      for (const FopsSite &S : Scan.C.Sites)
        if (S.HandlerKey == O.H.Key && Failed.count(S.Pos.File))
          Broken = Failed[S.Pos.File];
    }
    if (Broken.empty())
      continue;
    O.Converted = false;
    O.Why = "the rewritten code does not compile: " + Broken;
    Plan.Fixes.erase(G);
  }
  auto Edits = collectEdits(Plan);
  if (!Edits)
    return Edits.takeError();
  Plan.Edits = std::move(*Edits);
  return llvm::Error::success();
}

/// The core callers' edits as two fix groups, calls before tests (the
/// order a series needs: a test may only let mmap_prepare files through
/// once they are called the right way). An edit a converted handler makes
/// already (its own f_op->mmap test) stays with the handler.
void addCoreGroups(RewritePlan &Plan, CoreDecision D, const Profile &P, std::vector<Edit> &All) {
  std::set<Edit> Taken(All.begin(), All.end());
  auto Group = [&](const char *Owner, const char *Check, std::string Message,
                   std::vector<Edit> Edits) {
    llvm::erase_if(Edits, [&](const Edit &E) { return Taken.count(E); });
    if (Edits.empty())
      return;
    std::sort(Edits.begin(), Edits.end());
    FixGroup G;
    G.Owner = Owner;
    G.Check = Check;
    G.Message = std::move(Message);
    G.File = Edits.front().File;
    G.Offset = Edits.front().Offset;
    G.Edits = Edits;
    All.insert(All.end(), Edits.begin(), Edits.end());
    Plan.Fixes.push_back(std::move(G));
  };
  Group(CoreCallsOwner, "mmap-migrate-core-call",
        "map files with " + P.MmapCall + "(), which calls ->" + P.Slot + " too, instead of "
        "f_op->mmap or call_mmap() (profile " + P.Name + ")",
        std::move(D.Calls));
  Group(CoreTestsOwner, "mmap-migrate-core-test",
        "test files with " + P.MmapHooksTest + "(), which knows ->" + P.Slot +
            " too, instead of f_op->mmap (profile " + P.Name + ")",
        std::move(D.Tests));
  Group(CoreTableTestsOwner, "mmap-migrate-core-table-test",
        "test ops tables for ->" + P.Slot + " too, not only ->mmap (profile " + P.Name + ")",
        std::move(D.TableTests));
  Plan.Hashes.insert(D.Hashes.begin(), D.Hashes.end());
  Plan.CoreUses = std::move(D.Uses);
  Plan.CoreTestsRefusal = std::move(D.TestsRefusal);
  Plan.CoreUnseen = std::move(D.Unseen);
}

/// The compile command of the built file nearest to \p File (the first of
/// \p Built, sorted, in its directory, else in the nearest parent's tree),
/// for a probe parse.
std::optional<clang::tooling::CompileCommand> nearestCommand(const ScanOutcome &Scan,
                                                             const std::vector<std::string> &Built,
                                                             llvm::StringRef File) {
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); Dir.size() > Scan.Root.size();
       Dir = llvm::sys::path::parent_path(Dir))
    for (const std::string &B : Built)
      if (isUnder(B, Dir) && B != File) {
        auto Cmds = Scan.DB->getCompileCommands(B);
        if (!Cmds.empty())
          return Cmds.front();
      }
  return std::nullopt;
}

/// The files no TU parsed, inside the paths given, that use the slot (by
/// their text): a call there may be what a rewritten test lets through.
/// In a file no configuration builds, an `->mmap` a probe parse shows to be
/// another struct's member (MemberProbe.h) is no use.
std::vector<UnseenHookUser> unseenHookUsers(const ScanOutcome &Scan,
                                            const std::vector<std::string> &Before,
                                            const std::vector<std::string> &After) {
  std::vector<UnseenHookUser> Out;
  std::set<std::string> Seen;
  std::optional<std::vector<std::string>> Built; // Sorted, read on first probe.
  for (const NotAnalysed &N : Scan.C.NotAnalysedList) {
    // A line is a part of a file analysed otherwise: an inactive block
    // with a call of the slot counts, an inactive mmap slot does not.
    bool InactiveTable = N.Reason == InactiveTableUseReason;
    bool InactiveCall = InactiveTable || N.Reason == InactiveHookCallReason;
    if (N.Line != 0 && !InactiveCall)
      continue;
    llvm::SmallString<256> Path(N.File);
    if (!llvm::sys::path::is_absolute(Path))
      Path = (Scan.Root + "/" + N.File);
    if (!inScope(Path, Scan.Scope) || !Seen.insert(Path.str().str() + ":" + std::to_string(N.Line)).second)
      continue;
    if (InactiveCall) {
      // Text cannot say whose ->mmap the block reads: any table's.
      Out.push_back({{Path.str().str(), N.Line, N.Reason}, true, InactiveTable ? N.Line : 0});
      continue;
    }
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!Buf)
      continue;
    llvm::StringRef Text = (*Buf)->getBuffer();
    std::vector<TextHookUse> Uses = mmapHookUsesByText(Text);
    std::vector<MemberPosition> Members;
    for (const TextHookUse &U : Uses)
      if (U.Member)
        Members.push_back({U.Line, U.Col});
    std::optional<clang::tooling::CompileCommand> Borrowed;
    if (Scan.DB && llvm::StringRef(N.Reason).starts_with("not built") && !Members.empty()) {
      if (!Built) {
        Built = Scan.DB->getAllFiles();
        llvm::sort(*Built);
      }
      Borrowed = nearestCommand(Scan, *Built, Path);
    }
    if (Borrowed) {
      std::set<MemberPosition> Other =
          otherTableMmapMembers(*Borrowed, Path, Members, Before, After);
      llvm::erase_if(Uses, [&](const TextHookUse &U) {
        return U.Member && Other.count({U.Line, U.Col});
      });
    }
    auto Other = llvm::find_if(Uses, [](const TextHookUse &U) { return U.Member && !U.ThroughFop; });
    unsigned OtherLine = Other == Uses.end() ? 0 : Other->Line;
    auto Call = llvm::find_if(Uses, [](const TextHookUse &U) { return !U.BareTest; });
    if (Call != Uses.end())
      Out.push_back({{Path.str().str(), Call->Line, N.Reason}, true, OtherLine});
    else if (!Uses.empty())
      Out.push_back({{Path.str().str(), Uses.front().Line, N.Reason}, false, OtherLine});
  }
  return Out;
}

/// Whether the paths given (if any) hold every file of the build: fixed
/// flags (`-- FLAGS`) have no build beyond them.
bool seesWholeBuild(const ScanOutcome &Scan) {
  if (Scan.Scope.empty() || !Scan.DB)
    return true;
  return llvm::all_of(Scan.DB->getAllFiles(),
                      [&](const std::string &F) { return inScope(F, Scan.Scope); });
}

/// Sources that can name a handler with external linkage: the whole tree
/// for a kernel tree, else the compiled and scanned files and the headers
/// next to them.
std::vector<std::string> filesThatMayName(const ScanOutcome &Scan) {
  if (isKernelTree(Scan.Root))
    return listSourceFiles(Scan.Root, "", /*Headers=*/true);
  std::set<std::string> Files, Dirs;
  std::vector<std::string> Known = Scan.DB->getAllFiles();
  for (const FopsSite &S : Scan.C.Sites)
    Known.push_back(S.Pos.File);
  for (const auto &[Key, H] : Scan.C.Handlers)
    Known.push_back(H.Pos.File);
  for (const std::string &F : Known) {
    Files.insert(F);
    Dirs.insert(llvm::sys::path::parent_path(F).str());
  }
  std::error_code EC;
  for (const std::string &D : Dirs)
    for (llvm::sys::fs::directory_iterator It(D, EC), End; It != End && !EC; It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".h")
        Files.insert(It->path());
  return {Files.begin(), Files.end()};
}

llvm::Expected<RewritePlan> planRewrite(ScanOptions Opts, const Profile &P,
                                        const std::vector<std::string> &VerifyArgs,
                                        bool Verify) {
  // Plans are made while each TU's AST is alive; only handlers the
  // classifier would convert get one.
  Planner Planning(P);
  Opts.Plan = &Planning;
  auto Scan = runScan(Opts);
  if (!Scan)
    return Scan.takeError();

  RewritePlan Plan;
  Plan.Root = Scan->Root;
  Plan.DB = Scan->DB;
  Plan.Verify.TreeRoot = Scan->Root;
  Plan.Verify.ExtraArgsBefore = Opts.ExtraArgsBefore;
  Plan.Verify.ExtraArgs = Opts.ExtraArgs;
  Plan.Verify.ExtraArgs.insert(Plan.Verify.ExtraArgs.end(), VerifyArgs.begin(), VerifyArgs.end());
  Plan.Verify.Jobs = Opts.Jobs;
  std::map<std::string, std::vector<const FopsSite *>> SitesOf;
  for (const FopsSite &S : Scan->C.Sites)
    if (!S.HandlerKey.empty())
      SitesOf[S.HandlerKey].push_back(&S);

  // Renames other files could see: every name and macro to look for, then
  // one pass over the sources that may mention them, made on first use.
  std::set<std::string> Words = wordsToLookFor(Scan->C, Scan->Plans);
  std::optional<MentionIndex> Mentions;
  auto Code = [&]() -> const MentionIndex & {
    if (!Mentions)
      Mentions.emplace(filesMentioning(*Scan, filesThatMayName(*Scan), Words), Words);
    return *Mentions;
  };
  // The core callers first: the uses they leave bar the tables they read.
  CoreDecision Core = decideCoreUses(Scan->C, Scan->Plans, P, Scan->Scope,
                                     unseenHookUsers(*Scan, Opts.ExtraArgsBefore, Opts.ExtraArgs),
                                     seesWholeBuild(*Scan));
  Plan.WholeTree = seesWholeBuild(*Scan);
  std::vector<TableBarrier> Barriers =
      tableBarriers(Scan->C, Core.Uses, Core.Unseen, Scan->Root, Plan.WholeTree);
  AcceptanceContext Ctx{P, Scan->C, Scan->Plans, Code, Scan->Root, &Barriers};

  std::vector<Edit> All;
  for (const auto &[Key, H] : Scan->C.Handlers) {
    auto SIt = SitesOf.find(Key);
    if (SIt == SitesOf.end())
      continue;
    HandlerOutcome O;
    O.H = H;
    O.C = classifyHandler(H);
    O.Sites = SIt->second.size();
    O.Planned = Scan->Plans.handler(Key) != nullptr;
    HandlerDecision D = decideHandler(H, O.C, SIt->second, Ctx);
    O.Why = D.Why;
    if (D.converts()) {
      O.Converted = true;
      O.Notes = D.Notes;
      FixGroup G;
      G.Owner = Key;
      G.Check = std::string("mmap-migrate-") + kindId(*O.C.K);
      G.Message = "convert '" + H.Name + "' to ->" + P.Slot + " (profile " + P.Name + ")";
      for (const std::string &N : O.Notes)
        G.Message += "; " + N;
      G.File = D.Edits.empty() ? H.Pos.File : D.Edits.front().File;
      G.Offset = D.Edits.empty() ? 0 : D.Edits.front().Offset;
      G.Edits = D.Edits;
      Plan.Fixes.push_back(std::move(G));
      All.insert(All.end(), D.Edits.begin(), D.Edits.end());
      Plan.Hashes.insert(D.Hashes.begin(), D.Hashes.end());
    }
    Plan.Outcomes.push_back(std::move(O));
  }
  std::sort(Plan.Outcomes.begin(), Plan.Outcomes.end(),
            [](const HandlerOutcome &A, const HandlerOutcome &B) {
              return std::tie(A.H.Pos, A.H.Name) < std::tie(B.H.Pos, B.H.Name);
            });
  addCoreGroups(Plan, std::move(Core), P, All);
  Plan.CoreBarriers = Barriers;
  std::set<std::string> Places;
  for (const TableBarrier &B : Barriers)
    Places.insert(B.Places.begin(), B.Places.end());
  for (const HandlerOutcome &O : Plan.Outcomes)
    if (O.Converted)
      for (const FopsSite *S : SitesOf[O.H.Key])
        for (const std::string &F : Places)
          Plan.UnseenStores[{S->Table, F}] = unseenStoreInto(S->Table, F, Ctx);
  auto Norm = normalizeEdits(std::move(All));
  if (!Norm)
    return Norm.takeError();
  Plan.Edits = std::move(*Norm);
  if (Verify && !Plan.Edits.empty())
    if (llvm::Error E = verifyPlan(Plan, *Scan, P))
      return E;
  // The census says what was decided.
  for (const HandlerOutcome &O : Plan.Outcomes) {
    auto It = Scan->C.Handlers.find(O.H.Key);
    if (It != Scan->C.Handlers.end())
      It->second.Planner = MmapHandler::PlannerDecision{O.Converted, O.Why};
  }
  Scan->C.Profile = P.Name;
  Plan.C = std::move(Scan->C);
  Plan.Plans = std::move(Scan->Plans);
  Plan.Scan = std::move(*Scan);
  return Plan;
}

} // namespace mmapmigrate
