//===- BodyConfigPass.cpp - Check a handler in each configuration of its body ===//
#include "tool/driver/BodyConfigPass.h"
#include "matchers/classify/CensusMerge.h"
#include "matchers/classify/Classifier.h"
#include "matchers/classify/HandlerAnalyzer.h"
#include "tool/driver/TuParsing.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <map>

namespace mmapmigrate {

namespace {

Finding *bodyConditionalOf(MmapHandler &H) {
  for (Finding &F : H.Findings)
    if (F.Rule == BodyConditionalRule)
      return &F;
  return nullptr;
}

/// What the handler is in one configuration: as if its body had no
/// conditional.
Classification classifyOneConfiguration(const MmapHandler &H) {
  return classifyHandler(withoutBodyConditional(H));
}

bool inArms(const Edit &E, const std::string &File,
            const std::vector<MmapHandler::SkippedArm> &Arms) {
  return E.File == File && llvm::any_of(Arms, [&](const MmapHandler::SkippedArm &A) {
           return A.Begin <= E.Offset && E.Offset + E.Length <= A.End;
         });
}

bool overlaps(const Edit &A, const Edit &B) {
  return A.File == B.File && A.Offset < B.Offset + std::max(B.Length, 1u) &&
         B.Offset < A.Offset + std::max(A.Length, 1u);
}

/// Adds to \p Base (the plan of this parse, which skipped \p H's arms) the
/// edits \p Other (the plan of the parse that compiles them, where the
/// handler is \p HF) makes in those arms. In code both parses compile the
/// two must make the same edits. Returns why they cannot merge.
std::string mergeConfigPlan(EditPlan &Base, const EditPlan &Other, const MmapHandler &H,
                            const MmapHandler &HF, const std::string &File) {
  const char *Differs = "the rewrite of the code both configurations compile differs between them";
  for (const Edit &E : Base.Edits)
    if (!inArms(E, File, HF.SkippedArms) &&
        std::find(Other.Edits.begin(), Other.Edits.end(), E) == Other.Edits.end())
      return Differs;
  std::vector<Edit> Added;
  for (const Edit &E : Other.Edits) {
    if (std::find(Base.Edits.begin(), Base.Edits.end(), E) != Base.Edits.end())
      continue;
    if (!inArms(E, File, H.SkippedArms) ||
        llvm::any_of(Base.Edits, [&](const Edit &B) { return overlaps(B, E); }))
      return Differs;
    Added.push_back(E);
  }
  Base.Edits.insert(Base.Edits.end(), Added.begin(), Added.end());
  std::sort(Base.Edits.begin(), Base.Edits.end());
  for (const std::string &N : Other.Notes)
    if (std::find(Base.Notes.begin(), Base.Notes.end(), N) == Base.Notes.end())
      Base.Notes.push_back(N);
  return "";
}

/// The -include file that sets the configuration \p Header says.
std::string flipHeaderPath(const std::string &Dir, const std::string &Header) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, llvm::utohexstr(llvm::xxh3_64bits(Header)) + ".h");
  if (!llvm::sys::fs::exists(P)) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    if (EC)
      return "";
    OS << "/* mmap-migrate: another configuration of a handler's body */\n" << Header;
  }
  return std::string(P);
}

/// One handler waiting for the parses of its other configurations.
struct Pending {
  size_t Tu;
  std::string Key;
  std::vector<std::string> Says; ///< The configurations that checked it.
  std::string Why;               ///< Set when one of them blocks.
};

} // namespace

std::vector<std::string> checkBodyConfigurations(const clang::tooling::CompilationDatabase &DB,
                                                 std::vector<TuResult> &Results,
                                                 std::vector<RewritePlans> &Plans,
                                                 const TuScanOptions &ScanOpts,
                                                 const ScanOptions &Opts, ResultCache &Cache,
                                                 const std::string &CacheDir) {
  std::vector<Pending> Waiting;
  // By TU and flip header: the handlers that need that parse.
  std::map<std::pair<size_t, std::string>, std::vector<size_t>> Parses;
  size_t TuCount = Results.size();
  for (size_t I = 0; I < TuCount; ++I)
    for (MmapHandler &H : Results[I].Handlers) {
      Finding *F = bodyConditionalOf(H);
      if (!F || F->Blocks.empty() || classifyOneConfiguration(H).V != Verdict::Convert)
        continue;
      if (!H.UndroppableBlock.empty()) {
        F->Blocks = H.UndroppableBlock;
        continue;
      }
      auto NoFlip = llvm::find_if(H.SkippedArms, [](const MmapHandler::SkippedArm &A) {
        return !A.Why.empty();
      });
      if (NoFlip != H.SkippedArms.end()) {
        F->Blocks = "the block at line " + std::to_string(NoFlip->Line) +
                    " is compiled only in another configuration, and " + NoFlip->Why;
        continue;
      }
      Waiting.push_back({I, H.Key, {}, ""});
      for (const MmapHandler::SkippedArm &A : H.SkippedArms) {
        std::vector<size_t> &Need = Parses[{I, A.Flip}];
        if (Need.empty() || Need.back() != Waiting.size() - 1)
          Need.push_back(Waiting.size() - 1);
      }
    }
  auto HandlerIn = [](TuResult &R, const std::string &Key) -> MmapHandler * {
    for (MmapHandler &H : R.Handlers)
      if (H.Key == Key)
        return &H;
    return nullptr;
  };
  std::vector<std::string> Reparsed;
  if (Parses.empty())
    return Reparsed;
  // The headers live in the cache (a cached parse names its header), else
  // for this run only.
  llvm::SmallString<128> Temp;
  std::string FlipDir = CacheDir.empty() ? "" : CacheDir + "/configs";
  if (CacheDir.empty() && !llvm::sys::fs::createUniqueDirectory("mmap-migrate-configs", Temp))
    FlipDir = std::string(Temp);
  else if (!CacheDir.empty())
    llvm::sys::fs::create_directories(FlipDir);
  for (const auto &[Where, Need] : Parses) {
    const auto &[I, Header] = Where;
    const std::string &Main = Results[I].MainFile;
    std::string Path = flipHeaderPath(FlipDir, Header);
    ScanOptions FlipOpts = Opts;
    FlipOpts.ExtraArgs.insert(FlipOpts.ExtraArgs.end(), {"-include", Path});
    TuScanOptions FlipScan = ScanOpts;
    for (size_t W : Need)
      if (const MmapHandler *H = HandlerIn(Results[I], Waiting[W].Key))
        FlipScan.WantedHandlers.insert(H->Name);
    std::vector<RewritePlans> FlipPlans;
    std::vector<TuResult> Flipped;
    if (!Path.empty()) {
      Flipped = parseAll(DB, {Main}, FlipScan, FlipOpts, Cache, FlipPlans);
      Reparsed.push_back(Main);
    }
    for (size_t W : Need) {
      Pending &P = Waiting[W];
      MmapHandler &H = *HandlerIn(Results[I], P.Key);
      std::string Says;
      for (const MmapHandler::SkippedArm &A : H.SkippedArms)
        if (A.Flip == Header)
          Says = A.Says;
      P.Says.push_back(Says);
      if (!P.Why.empty())
        continue;
      auto Block = [&](const std::string &Why) { P.Why = "with " + Says + ": " + Why; };
      if (Path.empty()) {
        Block("the header that sets it cannot be written in " + FlipDir);
        continue;
      }
      TuResult &R = Flipped.front();
      MmapHandler *HF = R.Parsed ? HandlerIn(R, P.Key) : nullptr;
      if (!R.Parsed || R.HadErrors) {
        Block("the file does not compile that way here (" +
              (R.FirstError.empty() ? std::string("parse errors") : R.FirstError) + ")");
        continue;
      }
      if (!HF || !HF->HasBody) {
        Block("the parse finds no body for the handler");
        continue;
      }
      if (Classification Cl = classifyOneConfiguration(*HF); Cl.V != Verdict::Convert) {
        Block(Cl.Blocker);
        continue;
      }
      if (!HF->UndroppableBlock.empty()) {
        Block(HF->UndroppableBlock);
        continue;
      }
      for (const MmapHandler::SkippedArm &A : H.SkippedArms)
        for (const MmapHandler::SkippedArm &B : HF->SkippedArms)
          if (A.Flip == Header && B.Begin < A.End && A.Begin < B.End && P.Why.empty())
            Block("the block at line " + std::to_string(A.Line) + " is still skipped");
      if (!P.Why.empty() || !Opts.Plan)
        continue;
      auto Base = Plans[I].Handlers.find(P.Key);
      auto Other = FlipPlans.front().Handlers.find(P.Key);
      if (Base == Plans[I].Handlers.end() || Base->second.refused()) {
        P.Why = Base == Plans[I].Handlers.end() ? "the rewrite has no plan for it"
                                                : Base->second.Refusal;
        continue;
      }
      if (Other == FlipPlans.front().Handlers.end() || Other->second.refused()) {
        Block(Other == FlipPlans.front().Handlers.end() ? "the rewrite has no plan for it"
                                                        : Other->second.Refusal);
        continue;
      }
      if (std::string Why = mergeConfigPlan(Base->second, Other->second, H, *HF, Main);
          !Why.empty())
        Block(Why);
    }
  }
  for (const Pending &P : Waiting) {
    MmapHandler &H = *HandlerIn(Results[P.Tu], P.Key);
    Finding &F = *bodyConditionalOf(H);
    if (!P.Why.empty()) {
      F.Blocks = P.Why;
      continue;
    }
    F.Blocks.clear();
    F.Message = "has a preprocessor conditional in its body; each arm analysed and planned, "
                "this configuration and " +
                llvm::join(P.Says, ", ");
  }
  if (!Temp.empty())
    llvm::sys::fs::remove_directories(Temp);
  return Reparsed;
}

} // namespace mmapmigrate
