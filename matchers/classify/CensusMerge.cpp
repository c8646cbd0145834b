//===- CensusMerge.cpp - One census from many TUs -------------------------===//
#include "matchers/classify/CensusMerge.h"
#include "matchers/classify/Classifier.h"
#include "matchers/classify/HandlerAnalyzer.h"

#include "llvm/Support/Path.h"

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

Census mergeResults(std::vector<TuResult> Results, MergeOrigins *Origins) {
  // Sorting indices takes the same steps as sorting the results (std::sort
  // looks only at the comparisons), and remembers where each came from.
  std::vector<size_t> Order(Results.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return Results[A].MainFile < Results[B].MainFile;
  });
  MergeOrigins Unused;
  MergeOrigins &From = Origins ? *Origins : Unused;
  Census C;
  std::set<SiteKey> SiteKeys;
  std::set<std::tuple<SourcePos, std::string, std::string, std::string>> OtherKeys;
  std::set<std::pair<std::string, unsigned>> SkippedKeys;
  std::set<SourcePos> UseKeys;
  std::vector<NotAnalysed> Skipped;
  std::vector<FunctionSummary> Summaries;
  std::set<std::pair<std::string, SourcePos>> SummaryKeys;
  std::set<std::string> Counted;

  for (size_t Index : Order) {
    TuResult &R = Results[Index];
    for (FunctionSummary &S : R.Summaries)
      if (SummaryKeys.insert({S.Name, S.Pos}).second)
        Summaries.push_back(std::move(S));
    // A TU parsed twice (again for summaries) counts once.
    bool First = Counted.insert(R.MainFile).second;
    if (First && R.Parsed)
      ++C.TusParsed;
    if (R.Parsed && !R.HadErrors && !R.ReadAsText)
      C.CleanTus.insert(R.MainFile);
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
      if (SiteKeys.insert(siteKey(S)).second) {
        From.Sites[siteKey(S)] = Index;
        C.Sites.push_back(std::move(S));
      }
    for (MmapHandler &H : R.Handlers) {
      auto It = C.Handlers.find(H.Key);
      bool Kept = It == C.Handlers.end() || better(H, It->second);
      if (!Kept)
        continue;
      From.Handlers[H.Key] = Index;
      if (It == C.Handlers.end()) {
        std::string Key = H.Key;
        C.Handlers.emplace(Key, std::move(H));
      } else {
        It->second = std::move(H);
      }
    }
    for (OtherTableSite &O : R.OtherTables)
      if (OtherKeys.insert({O.Pos, O.Type, O.Field, O.Handler}).second)
        C.OtherTables.push_back(std::move(O));
    for (NotAnalysed &N : R.Skipped)
      if (SkippedKeys.insert({N.File, N.Line}).second)
        Skipped.push_back(std::move(N));
    C.FieldStores.insert(C.FieldStores.end(), R.FieldStores.begin(), R.FieldStores.end());
    for (MmapMemberUse &U : R.MmapUses)
      if (UseKeys.insert(U.Pos).second) {
        From.Uses[U.Pos] = Index;
        C.MmapUses.push_back(std::move(U));
      }
  }
  std::sort(C.MmapUses.begin(), C.MmapUses.end(),
            [](const MmapMemberUse &A, const MmapMemberUse &B) { return A.Pos < B.Pos; });
  std::sort(C.FieldStores.begin(), C.FieldStores.end());
  C.FieldStores.erase(std::unique(C.FieldStores.begin(), C.FieldStores.end(),
                                  [](const FopsFieldStore &A, const FopsFieldStore &B) {
                                    return !(A < B) && !(B < A);
                                  }),
                      C.FieldStores.end());

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
                  (S.Partial ? std::string(S.BorrowedFlags
                                               ? "whose file no configuration here builds (it "
                                                 "was parsed with borrowed flags): its effects "
                                                 "are unknown"
                                               : "whose file was parsed with errors: its "
                                                 "effects are unknown")
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

MmapHandler withoutBodyConditional(const MmapHandler &H) {
  MmapHandler One = H;
  llvm::erase_if(One.Findings, [](const Finding &F) { return F.Rule == BodyConditionalRule; });
  return One;
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
