//===- Census.cpp - Names of kinds and verdicts ---------------------------===//
#include "matchers/Census.h"
#include "matchers/Classifier.h"

#include "llvm/Support/Path.h"

namespace mmapmigrate {

namespace {

/// Everything reports say about a kind, one row per kind, in the order
/// reports list them (rank is the enum's order: see Census.h).
struct KindInfo {
  Kind K;
  const char *Id;
  const char *Description;
  /// Chart colour: greens and blues for the kinds that usually convert,
  /// yellow to dark red as they get harder.
  const char *Colour;
  /// What a commit message says a conversion of this kind does, after
  /// "Convert foo() to bar()": a template whose {placeholders} the series
  /// fills for the profile ({helper}, {helper_prepare}, {remap}, {hook});
  /// "" for kinds that are never converted (the series then uses
  /// pure-setup's).
  const char *Commit;
};

const KindInfo Kinds[] = {
    {Kind::GenericDirect, "generic-direct",
     "The slot names generic_file_mmap() or generic_file_readonly_mmap() itself.", "#1b7837",
     ""},
    {Kind::GenericWrapper, "generic-wrapper",
     "Calls a generic mmap helper that has a _prepare form.", "#a6dba0",
     "it wraps {helper} and now calls {helper_prepare} instead"},
    {Kind::PureSetup, "pure-setup",
     "Only checks and descriptor-shaped setup: flags, vm_ops, vm_private_data, "
     "vm_page_prot, vm_pgoff, file_accessed().",
     "#5aae61",
     "it only sets up what the descriptor carries (flags, page protection, vm_ops, "
     "private data)"},
    {Kind::RemapPfn, "remap-pfn",
     "Prepopulates with remap_pfn_range(), io_remap_pfn_range() or vm_iomap_memory().",
     "#2166ac",
     "the PFN remap it ends with {remap}"},
    {Kind::InsertPages, "insert-pages",
     "Inserts pages: vm_insert_page(s), vm_map_pages*, vmf_insert_*, "
     "remap_vmalloc_range*, dma_mmap_*.",
     "#92c5de",
     ""},
    {Kind::ChangesState, "changes-state",
     "Changes state prepare must not change (a store that outlives the call, an atomic, "
     "an allocation, a lock left held), or calls code whose effects are unknown.",
     "#fec44f",
     ""},
    {Kind::NeedsMapped, "needs-mapped",
     "A side effect that assumes the mapping will exist, or a vma field with no "
     "vm_area_desc equivalent.",
     "#fee090",
     "the work that needs the mapping to exist moves to {hook}, which runs once it does"},
    {Kind::Dispatch, "dispatch",
     "Forwards the vma to another ->mmap, an ops table or a dma-buf, or swaps the file.",
     "#fdae61",
     ""},
    {Kind::VmaSurgery, "vma-surgery", "split_vma(), munmap, or writes to vm_start/vm_end.",
     "#f46d43",
     ""},
    {Kind::LockDrop, "lock-drop", "Drops or retakes the mmap lock.", "#d73027",
     ""},
    {Kind::VmaEscapes, "vma-escapes",
     "The vma is stored, or passed to code the analysis cannot see.", "#a50026",
     ""},
};

const KindInfo &info(Kind K) {
  for (const KindInfo &I : Kinds)
    if (I.K == K)
      return I;
  return Kinds[0];
}

} // namespace

const char *kindId(Kind K) { return info(K).Id; }
const char *kindDescription(Kind K) { return info(K).Description; }
const char *kindColour(Kind K) { return info(K).Colour; }
const char *kindCommitSentence(Kind K) { return info(K).Commit; }

const std::vector<Kind> &allKinds() {
  static const std::vector<Kind> All = [] {
    std::vector<Kind> V;
    for (const KindInfo &I : Kinds)
      V.push_back(I.K);
    return V;
  }();
  return All;
}

const char *verdictId(Verdict V) {
  switch (V) {
  case Verdict::Convert: return "convert";
  case Verdict::Manual: return "manual";
  case Verdict::NotAnalysed: return "not-analysed";
  }
  return "unknown";
}

} // namespace mmapmigrate

#include <algorithm>
#include <set>

namespace mmapmigrate {

namespace {
/// True if \p New is a better version of a handler than \p Old.
bool better(const MmapHandler &New, const MmapHandler &Old) {
  if (New.HasBody != Old.HasBody)
    return New.HasBody;
  if (New.Partial != Old.Partial)
    return !New.Partial;
  return false;
}
} // namespace

Census mergeResults(std::vector<TuResult> Results) {
  std::sort(Results.begin(), Results.end(),
            [](const TuResult &A, const TuResult &B) { return A.MainFile < B.MainFile; });
  Census C;
  std::set<std::tuple<SourcePos, std::string, std::string>> SiteKeys;
  std::set<std::tuple<SourcePos, std::string, std::string, std::string>> OtherKeys;
  std::set<std::pair<std::string, unsigned>> SkippedKeys;
  std::set<SourcePos> UseKeys;
  std::vector<NotAnalysed> Skipped;
  std::vector<FunctionSummary> Summaries;
  std::set<std::pair<std::string, SourcePos>> SummaryKeys;
  std::set<std::string> Counted;

  for (TuResult &R : Results) {
    for (FunctionSummary &S : R.Summaries)
      if (SummaryKeys.insert({S.Name, S.Pos}).second)
        Summaries.push_back(std::move(S));
    // A TU parsed twice (again for summaries) counts once.
    bool First = Counted.insert(R.MainFile).second;
    if (First && R.Parsed)
      ++C.TusParsed;
    if (R.ReadAsText)
      ++C.FilesReadAsText;
    else if (First && (!R.Parsed || R.HadErrors)) {
      ++C.TusFailed;
      NotAnalysed N;
      N.File = R.MainFile;
      N.Reason = R.Parsed ? "parsed with errors, results from it are partial: " + R.FirstError
                          : "could not be parsed: " + R.FirstError;
      C.NotAnalysedList.push_back(N);
    }
    for (FopsSite &S : R.Sites)
      if (SiteKeys.insert({S.Pos, S.Table, S.Handler}).second)
        C.Sites.push_back(std::move(S));
    for (MmapHandler &H : R.Handlers) {
      auto It = C.Handlers.find(H.Key);
      if (It == C.Handlers.end())
        C.Handlers.emplace(H.Key, std::move(H));
      else if (better(H, It->second))
        It->second = std::move(H);
    }
    for (OtherTableSite &O : R.OtherTables)
      if (OtherKeys.insert({O.Pos, O.Type, O.Field, O.Handler}).second)
        C.OtherTables.push_back(std::move(O));
    for (NotAnalysed &N : R.Skipped)
      if (SkippedKeys.insert({N.File, N.Line}).second)
        Skipped.push_back(std::move(N));
    for (MmapMemberUse &U : R.MmapUses)
      if (UseKeys.insert(U.Pos).second)
        C.MmapUses.push_back(std::move(U));
  }
  std::sort(C.MmapUses.begin(), C.MmapUses.end(),
            [](const MmapMemberUse &A, const MmapMemberUse &B) { return A.Pos < B.Pos; });

  std::vector<MmapHandler *> All;
  for (auto &[Key, H] : C.Handlers)
    All.push_back(&H);
  std::vector<const FunctionSummary *> SummaryPtrs;
  for (const FunctionSummary &S : Summaries)
    SummaryPtrs.push_back(&S);
  applySummaries(All, SummaryPtrs);

  // A slot inactive in one TU but found in another is not missing.
  std::set<std::pair<std::string, unsigned>> SiteLines;
  for (const FopsSite &S : C.Sites)
    SiteLines.insert({S.Pos.File, S.Pos.Line});
  for (const OtherTableSite &O : C.OtherTables)
    SiteLines.insert({O.Pos.File, O.Pos.Line});
  for (NotAnalysed &N : Skipped)
    if (!SiteLines.count({N.File, N.Line}))
      C.NotAnalysedList.push_back(std::move(N));

  for (const FopsSite &S : C.Sites)
    if (!S.Unresolved.empty())
      C.NotAnalysedList.push_back(
          {S.Pos.File, S.Pos.Line, "'" + S.Table + "': " + S.Unresolved});

  std::sort(C.Sites.begin(), C.Sites.end(), [](const FopsSite &A, const FopsSite &B) {
    return std::tie(A.Pos, A.Table) < std::tie(B.Pos, B.Table);
  });
  std::sort(C.OtherTables.begin(), C.OtherTables.end(),
            [](const OtherTableSite &A, const OtherTableSite &B) {
              return std::tie(A.Pos, A.Type, A.Field) < std::tie(B.Pos, B.Type, B.Field);
            });
  std::sort(C.NotAnalysedList.begin(), C.NotAnalysedList.end(),
            [](const NotAnalysed &A, const NotAnalysed &B) {
              return std::tie(A.File, A.Line, A.Reason) < std::tie(B.File, B.Line, B.Reason);
            });
  return C;
}

void applySummaries(std::vector<MmapHandler *> &Handlers,
                    const std::vector<const FunctionSummary *> &Summaries) {
  std::map<std::string, std::vector<const FunctionSummary *>> ByName;
  for (const FunctionSummary *S : Summaries)
    ByName[S->Name].push_back(S);
  auto Where = [](const SourcePos &P) {
    return llvm::sys::path::filename(P.File).str() + ":" + std::to_string(P.Line);
  };
  for (MmapHandler *H : Handlers) {
    std::vector<Finding> Kept;
    for (Finding &F : H->Findings) {
      auto It = F.ExternCallee.empty() ? ByName.end() : ByName.find(F.ExternCallee);
      if (It == ByName.end()) {
        Kept.push_back(std::move(F));
        continue;
      }
      const std::string &Name = F.ExternCallee;
      if (It->second.size() > 1) {
        F.Rule = "summary-ambiguous";
        F.Message = "calls " + Name + "(), which the tree defines more than once (" +
                    Where(It->second[0]->Pos) + ", " + Where(It->second[1]->Pos) +
                    "): its effects are unknown";
        Kept.push_back(std::move(F));
        continue;
      }
      const FunctionSummary &S = *It->second.front();
      if (S.Findings.empty() && !S.Partial) {
        EffectClaim C;
        C.Rule = "cross-file-summary";
        C.Text = Name + "(): its body (" + Where(S.Pos) +
                 ") is analysed, and every statement in it is claimed";
        C.Pos = F.Pos;
        C.InHelper = F.InHelper;
        H->Claims.push_back(std::move(C));
        continue;
      }
      F.Rule = "summary-state";
      F.Message = "calls " + Name + "() (" + Where(S.Pos) + "), " +
                  (S.Partial ? std::string("whose file was parsed with errors: its effects are "
                                           "unknown")
                             : "and there, line " +
                                   std::to_string(S.Findings.front().Pos.Line) + ": " +
                                   S.Findings.front().Message);
      Kept.push_back(std::move(F));
    }
    H->Findings = std::move(Kept);
    std::stable_sort(H->Claims.begin(), H->Claims.end(),
                     [](const EffectClaim &A, const EffectClaim &B) { return A.Pos < B.Pos; });
  }
}

MmapHandler withoutExternCallees(const MmapHandler &H) {
  MmapHandler Rest = H;
  Rest.Findings.erase(std::remove_if(Rest.Findings.begin(), Rest.Findings.end(),
                                     [](const Finding &F) { return !F.ExternCallee.empty(); }),
                      Rest.Findings.end());
  return Rest;
}

std::set<std::string> calleesWorthSummaries(const MmapHandler &H) {
  std::set<std::string> Names;
  for (const Finding &F : H.Findings)
    if (!F.ExternCallee.empty())
      Names.insert(F.ExternCallee);
  if (Names.empty() || classifyHandler(withoutExternCallees(H)).V != Verdict::Convert)
    return {};
  return Names;
}

} // namespace mmapmigrate
