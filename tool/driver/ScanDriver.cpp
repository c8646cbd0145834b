//===- ScanDriver.cpp - Run the scan over a tree --------------------------===//
#include "tool/driver/ScanDriver.h"
#include "matchers/classify/CensusMerge.h"
#include "matchers/core/Parallel.h"
#include "matchers/core/SourceText.h"
#include "matchers/core/TableFlow.h"
#include "matchers/find/HalfConversion.h"
#include "matchers/find/Prefilter.h"
#include "tool/driver/BodyConfigPass.h"
#include "tool/driver/ResultCache.h"
#include "tool/driver/ScanInputs.h"
#include "tool/driver/Shards.h"
#include "tool/driver/TextPassMemo.h"
#include "tool/driver/TextQuestions.h"
#include "tool/driver/TuParsing.h"
#include "tool/support/Timing.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace clang;

namespace mmapmigrate {

char UsageError::ID = 0;

llvm::Error usageError(const llvm::Twine &Msg) {
  return llvm::make_error<UsageError>(Msg.str());
}

namespace {

/// What the parse passes of one scan share.
struct Parsing {
  const ScanOptions &Opts;
  Inputs &In;
  TuScanOptions &ScanOpts;
  ResultCache &Cache;
  std::vector<std::string> ParsedTus;
  std::vector<TuResult> Results;
  std::vector<RewritePlans> Plans; ///< Beside Results, one per TU.
  std::chrono::steady_clock::time_point Start;
};

/// Those of \p Files that no pass has parsed yet.
/// A file parsed with borrowed flags gives partial results: its handlers and
/// summaries say so, nothing of it is planned. One whose parse had errors
/// (a header of another architecture) is listed as not analysed instead:
/// too little of it may have been seen to report.
void markBorrowedFlags(std::vector<TuResult> &Results, std::vector<RewritePlans> &Plans,
                       Inputs &In) {
  for (size_t I = 0; I < Results.size();) {
    TuResult &R = Results[I];
    auto It = In.BorrowedFlags.find(R.MainFile);
    if (It == In.BorrowedFlags.end()) {
      ++I;
      continue;
    }
    const Inputs::Borrowed &B = It->second;
    bool First = llvm::is_contained(In.FirstPass, R.MainFile);
    if (!R.Parsed || R.HadErrors) {
      In.NotAnalysedInputs.push_back(
          {R.MainFile, 0, B.NotBuilt + "; " + B.How + ", it does not compile: " + R.FirstError});
      if (First) {
        --In.Counts.Parsed;
        --In.Counts.BorrowedFlags;
        ++In.Counts.NotAnalysed;
      }
      Results.erase(Results.begin() + I);
      Plans.erase(Plans.begin() + I);
      continue;
    }
    std::string Why = "no configuration here builds its file, so it was " + B.How +
                      ": kbuild would make no such configuration, so the analysis is partial "
                      "and nothing in it is rewritten";
    for (MmapHandler &H : R.Handlers) {
      H.Partial = true;
      H.PartialWhy = Why;
    }
    for (FunctionSummary &S : R.Summaries)
      S.Partial = S.BorrowedFlags = true;
    Plans[I] = RewritePlans();
    ++I;
  }
}

std::vector<std::string> notParsedYet(const Parsing &P, const std::vector<std::string> &Files) {
  std::set<std::string> Parsed(P.ParsedTus.begin(), P.ParsedTus.end());
  std::vector<std::string> Rest;
  for (const std::string &F : Files)
    if (!Parsed.count(F))
      Rest.push_back(F);
  return Rest;
}

/// Parses \p Defining after the files already parsed (those of them not
/// parsed yet).
llvm::Error parseMore(Parsing &P, std::vector<std::string> Defining) {
  Inputs &In = P.In;
  if (Defining.empty())
    return llvm::Error::success();
  if (In.Extend)
    if (llvm::Error E = In.Extend(Defining, In))
      return E;
  // A file kbuild compiles only inside the .c that #includes it is parsed
  // as that TU.
  if (In.IncluderOf)
    for (std::string &F : Defining)
      if (In.DB->getCompileCommands(F).empty())
        if (std::string By = In.IncluderOf(F); !By.empty())
          F = By;
  Defining = withCommands(*In.DB, Defining);
  std::set<std::string> Once;
  llvm::erase_if(Defining, [&](const std::string &F) { return !Once.insert(F).second; });
  std::set<std::string> Seen(P.ParsedTus.begin(), P.ParsedTus.end());
  for (const std::string &F : Defining)
    if (Seen.insert(F).second)
      P.ParsedTus.push_back(F);
  std::vector<RewritePlans> MorePlans;
  std::vector<TuResult> More = parseAll(*In.DB, Defining, P.ScanOpts, P.Opts, P.Cache, MorePlans);
  for (size_t I = 0; I < More.size(); ++I) {
    P.Results.push_back(std::move(More[I]));
    P.Plans.push_back(std::move(MorePlans[I]));
  }
  return llvm::Error::success();
}

/// Parses those of \p Candidates that define one of \p Names (\p What says
/// which names, for -v), after the files already parsed.
llvm::Error parseDefining(Parsing &P, const std::vector<std::string> &Candidates,
                          const std::set<std::string> &Names, const char *What) {
  Inputs &In = P.In;
  std::vector<std::string> Defining =
      In.Memo ? filesDefiningMemo(*In.Memo, Candidates, Names, P.Opts.Jobs)
              : filesDefining(Candidates, Names, P.Opts.Jobs);
  if (P.Opts.Log.verbose())
    P.Opts.Log.note(llvm::formatv("{0} files define {1} {2}: {3:f2} s", Defining.size(),
                                  Names.size(), What, secondsSince(P.Start)));
  return parseMore(P, std::move(Defining));
}

/// A use of ->mmap on a parameter or a field reads what its callers pass
/// (TableFlow.h), and a caller's file need not mention mmap at all: parse
/// the files of \p Universe that may call a place reaching such a use,
/// again for the places the new TUs add, until none is new.
llvm::Error parseCallers(Parsing &P, const std::vector<std::string> &Universe) {
  std::set<std::string> Asked;
  // Each round follows one more step from a use back to its callers; the
  // kernel's longest such chain (cxl's get_fd) is three.
  for (unsigned Round = 0; Round < 8; ++Round) {
    std::vector<MmapMemberUse> Uses;
    std::vector<FopsFieldStore> Stores;
    for (const TuResult &R : P.Results) {
      Uses.insert(Uses.end(), R.MmapUses.begin(), R.MmapUses.end());
      Stores.insert(Stores.end(), R.FieldStores.begin(), R.FieldStores.end());
    }
    std::sort(Stores.begin(), Stores.end());
    std::set<std::string> Places;
    for (const std::string &Place : callPlacesReachingUses(Uses, Stores))
      if (Asked.insert(Place).second)
        Places.insert(Place);
    if (Places.empty())
      return llvm::Error::success();
    std::vector<std::string> Rest = notParsedYet(P, Universe);
    std::vector<std::string> Calling =
        P.In.Memo ? filesCallingMemo(*P.In.Memo, Rest, Places, P.Opts.Jobs)
                  : filesCalling(Rest, Places, P.Opts.Jobs);
    if (P.Opts.Log.verbose())
      P.Opts.Log.note(llvm::formatv("{0} files may call {1} places that reach ->mmap uses: "
                                    "{2:f2} s",
                                    Calling.size(), Places.size(), secondsSince(P.Start)));
    if (Calling.empty())
      return llvm::Error::success();
    if (llvm::Error E = parseMore(P, std::move(Calling)))
      return E;
  }
  return llvm::Error::success();
}

/// The first pass's results, from the shards (in \p FirstPass's order, as
/// a single run has them), or why the shards are not that first pass.
llvm::Error takeMerged(ShardResults &From, const std::vector<std::string> &FirstPass,
                       std::vector<TuResult> &Results, std::vector<RewritePlans> &Plans) {
  std::map<std::string, size_t> ByFile;
  for (size_t I = 0; I < From.Results.size(); ++I)
    if (!ByFile.emplace(From.Results[I].MainFile, I).second)
      return llvm::createStringError("two shards hold " + From.Results[I].MainFile +
                                     ": give each part of one split once");
  for (const std::string &F : FirstPass) {
    auto It = ByFile.find(realPath(F));
    if (It == ByFile.end())
      return llvm::createStringError(
          "no shard holds " + F +
          ": the shards were made from another tree, other options or another version of it");
    Results.push_back(std::move(From.Results[It->second]));
    Plans.push_back(std::move(From.Plans[It->second]));
    ByFile.erase(It);
  }
  if (!ByFile.empty())
    return llvm::createStringError("the shards hold " + ByFile.begin()->first +
                                   ", which this tree's first pass does not parse: they "
                                   "were made from another tree or other options");
  return llvm::Error::success();
}

} // namespace

llvm::Expected<ScanOutcome> runScan(const ScanOptions &Opts) {
  if (!Opts.KernelTree.empty() && !Opts.BuildDir.empty())
    return usageError("give either --kernel or -p, not both");
  if (Opts.HaveFixedFlags && (!Opts.KernelTree.empty() || !Opts.BuildDir.empty()))
    return usageError("compiler flags after '--' cannot be combined with --kernel or -p");
  if (!Opts.KernelTree.empty() && !llvm::sys::fs::is_directory(Opts.KernelTree))
    return usageError("no such directory: " + Opts.KernelTree);
  std::string TreeRoot = !Opts.Root.empty()       ? Opts.Root
                         : !Opts.KernelTree.empty() ? Opts.KernelTree
                         : !Opts.BuildDir.empty()   ? rootForBuildDir(Opts.BuildDir)
                                                    : "";
  auto Paths = checkedPaths(Opts, TreeRoot);
  if (!Paths)
    return Paths.takeError();

  auto Start = std::chrono::steady_clock::now();
  llvm::Expected<Inputs> In = chooseInputs(Opts, *Paths);
  if (!In)
    return In.takeError();

  double Setup = secondsSince(Start);
  auto ParseStart = std::chrono::steady_clock::now();
  TuScanOptions ScanOpts = Opts.Tu;
  // Plans are cached under the name of the planner that made them.
  ResultCache Cache(reuseDir(Opts), Opts.Log);
  ScanOpts.RecordFilesRead = Cache.enabled();
  if (Opts.Shard.Count) {
    std::string Base = shardBase(In->FirstPass, In->Root);
    llvm::erase_if(In->FirstPass,
                   [&](const std::string &F) { return !inShard(F, Base, Opts.Shard); });
  }
  Parsing P{Opts, *In, ScanOpts, Cache, In->FirstPass, {}, {}, ParseStart};
  if (Opts.Merged) {
    if (llvm::Error E = takeMerged(*Opts.Merged, In->FirstPass, P.Results, P.Plans))
      return std::move(E);
  } else {
    P.Results = parseAll(*In->DB, In->FirstPass, ScanOpts, Opts, Cache, P.Plans);
  }
  if (Opts.Shard.Count) {
    // The passes after this one need every shard's results: merge runs them.
    Cache.finish();
    ScanOutcome Out;
    Out.Root = In->Root;
    Out.Parsed = In->FirstPass;
    Out.ShardTus = ShardResults{std::move(P.Results), std::move(P.Plans)};
    return Out;
  }
  std::vector<std::string> &ParsedTus = P.ParsedTus;
  std::vector<TuResult> &Results = P.Results;
  std::vector<RewritePlans> &Plans = P.Plans; // Beside Results, one per TU.
  if (Opts.Log.verbose())
    Opts.Log.note(llvm::formatv("first pass: {0:f2} s", secondsSince(ParseStart)));
  // Tables name handlers defined elsewhere: parse the files that define them.
  std::set<std::string> Missing = handlersWithoutBody(Results);
  if (!Missing.empty()) {
    std::vector<std::string> Rest = notParsedYet(P, In->Universe);
    ScanOpts.WantedHandlers = Missing;
    if (llvm::Error E = parseDefining(P, Rest, Missing, "handlers named elsewhere"))
      return E;
  }

  ScanOpts.WantedHandlers.clear();
  if (llvm::Error E = parseCallers(P, In->Universe))
    return E;

  // Handlers that only wait for functions of other files: parse the files
  // that define those functions, for their summaries.
  std::set<std::string> Callees;
  for (const TuResult &R : Results)
    for (const MmapHandler &H : R.Handlers)
      if (H.HasBody)
        for (const std::string &N : calleesWorthSummaries(H))
          Callees.insert(N);
  if (!Callees.empty()) {
    ScanOpts.WantedSummaries = Callees;
    if (llvm::Error E = parseDefining(P, In->Universe, Callees, "functions handlers call"))
      return E;
  }

  // Handlers whose body skips a block here: parse it with the block's
  // macro set the other way (BodyConfigPass.h).
  {
    ScanOpts.WantedSummaries.clear();
    std::vector<std::string> Again =
        checkBodyConfigurations(*In->DB, Results, Plans, ScanOpts, Opts, Cache, reuseDir(Opts));
    if (Opts.Log.verbose() && !Again.empty())
      Opts.Log.note(llvm::formatv("{0} TUs parsed again for other configurations of a handler "
                                  "body: {1:f2} s",
                                  Again.size(), secondsSince(ParseStart)));
  }

  markBorrowedFlags(Results, Plans, *In);
  for (TuResult &R : In->ReadAsText) {
    Results.push_back(std::move(R));
    Plans.emplace_back();
  }
  ScanOutcome Out;
  Out.Root = In->Root;
  Out.Scope = *Paths;
  Out.Memo = In->Memo;
  Out.MemoCoversTree = In->MemoCoversTree;
  Out.DB = std::move(In->DB);
  Out.Parsed = std::move(ParsedTus);
  Out.SetupSeconds = Setup;
  Out.ParseSeconds = secondsSince(ParseStart);
  Cache.finish();
  Out.CachedTus = Cache.Hits;
  Opts.Log.note(llvm::formatv("set-up {0:f1} s, {1} TUs parsed in {2:f1} s ({3} from the cache)",
                              Out.SetupSeconds, Out.Parsed.size(), Out.ParseSeconds,
                              Out.CachedTus));
  MergeOrigins Origins;
  Out.C = mergeResults(std::move(Results), &Origins);
  Out.Plans = mergePlans(std::move(Plans), Origins);
  for (NotAnalysed &N : In->NotAnalysedInputs)
    Out.C.NotAnalysedList.push_back(std::move(N));
  Out.C.Inputs = In->Counts;
  Out.C.Inputs.AlsoParsed = Out.Parsed.size() - In->FirstPass.size();
  for (NotAnalysed &N : findHalfConversions(Out.C, Out.Root, [&](const std::set<std::string> &W) {
         return filesMentioning(Out, In->TextFiles, W);
       }))
    Out.C.NotAnalysedList.push_back(std::move(N));
  std::sort(Out.C.NotAnalysedList.begin(), Out.C.NotAnalysedList.end(),
            [](const NotAnalysed &A, const NotAnalysed &B) {
              return std::tie(A.File, A.Line, A.Reason) < std::tie(B.File, B.Line, B.Reason);
            });
  return Out;
}

std::string parsedCommandsJson(const ScanOutcome &Out) {
  llvm::json::Array Entries;
  for (const std::string &F : Out.Parsed)
    for (const tooling::CompileCommand &C : Out.DB->getCompileCommands(F)) {
      llvm::json::Array Args;
      for (const std::string &A : C.CommandLine)
        Args.push_back(A);
      Entries.push_back(llvm::json::Object{
          {"directory", C.Directory}, {"file", C.Filename}, {"arguments", std::move(Args)}});
    }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Entries))) << "\n";
  return OS.str();
}

std::vector<std::string> filesMentioning(const ScanOutcome &Out,
                                         const std::vector<std::string> &Files,
                                         const std::set<std::string> &Words) {
  auto Compute = [&] {
    return filesWhoseText(Files, 2, [&](llvm::StringRef Text) {
      return llvm::any_of(Words, [&](const std::string &W) { return Text.contains(W); });
    });
  };
  if (!Out.Memo || !Out.MemoCoversTree || Words.empty())
    return Compute();
  return fileListMemo(*Out.Memo, question("mentioning", Words, Files), Compute);
}

} // namespace mmapmigrate