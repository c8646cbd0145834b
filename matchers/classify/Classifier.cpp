//===- Classifier.cpp - Kind and verdict of an ->mmap handler -------------===//
#include "matchers/classify/Classifier.h"
#include "matchers/classify/VmaApiCatalog.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <set>

namespace mmapmigrate {
namespace {

std::vector<const Finding *> findingsOf(const MmapHandler &H, Kind K) {
  std::vector<const Finding *> Out;
  for (const Finding &F : H.Findings)
    if (F.K == K)
      Out.push_back(&F);
  return Out;
}

std::string at(const Finding &F) {
  return " (line " + std::to_string(F.Pos.Line) + ")";
}

/// What stops a remap-pfn handler from becoming one mmap action.
std::string remapBlocker(const MmapHandler &H) {
  auto Remaps = findingsOf(H, Kind::RemapPfn);
  if (Remaps.size() != 1)
    return std::to_string(Remaps.size()) +
           " PFN remaps: no single mmap action covers them";
  const Finding &R = *Remaps.front();
  if (R.InHelper)
    return "the remap is in a helper, not the handler itself" + at(R);
  if (R.InLoop)
    return "the remap is in a loop" + at(R);
  if (R.Detail.find(":foreign-vma") != std::string::npos)
    return "the remap is not on the handler's own vma" + at(R);
  if (R.Detail.find(":other-prot") != std::string::npos)
    return R.Blocks.empty() ? "the remap does not use vma->vm_page_prot" + at(R) : R.Blocks;
  return "";
}

/// Only vm_map_pages() has an action (map_kernel_pages, 7.1).
std::string insertBlocker(const MmapHandler &H) {
  if (!findingsOf(H, Kind::RemapPfn).empty())
    return "mixes PFN remaps and page insertion";
  auto Inserts = findingsOf(H, Kind::InsertPages);
  if (Inserts.size() != 1)
    return std::to_string(Inserts.size()) +
           " page insertions: no single mmap action covers them";
  const Finding &I = *Inserts.front();
  if (I.Detail != "vm_map_pages" && I.Detail != "vm_map_pages_zero")
    return I.Detail + "() has no mmap action" + at(I);
  if (I.InHelper || I.InLoop)
    return "the page insertion is in a helper or a loop" + at(I);
  return "";
}

/// The first finding of the handler's kind, as the reason it stays manual.
std::string firstOf(const MmapHandler &H, Kind K) {
  auto Fs = findingsOf(H, K);
  if (Fs.empty())
    return kindId(K);
  return Fs.front()->Message + at(*Fs.front());
}

/// One verdict rule per kind: returns what blocks conversion, or "".
struct VerdictRule {
  Kind K;
  std::string (*Blocker)(const MmapHandler &H, Kind K);
};

const VerdictRule VerdictRules[] = {
    {Kind::GenericDirect, [](const MmapHandler &, Kind) { return std::string(); }},
    {Kind::GenericWrapper, [](const MmapHandler &, Kind) { return std::string(); }},
    {Kind::PureSetup, [](const MmapHandler &, Kind) { return std::string(); }},
    {Kind::RemapPfn, [](const MmapHandler &H, Kind) { return remapBlocker(H); }},
    {Kind::InsertPages, [](const MmapHandler &H, Kind) { return insertBlocker(H); }},
    {Kind::NeedsMapped, firstOf},
    {Kind::ChangesState, firstOf},
    {Kind::Dispatch, firstOf},
    {Kind::VmaSurgery, firstOf},
    {Kind::LockDrop, firstOf},
    {Kind::VmaEscapes, firstOf},
};

} // namespace

Classification classifyHandler(const MmapHandler &H) {
  Classification C;
  if (!H.NotAnalysedReason.empty() || !H.HasBody) {
    C.V = Verdict::NotAnalysed;
    C.Blocker = H.NotAnalysedReason.empty() ? "no definition was found"
                                            : H.NotAnalysedReason;
    return C;
  }
  std::set<Kind> Seen;
  for (const Finding &F : H.Findings)
    Seen.insert(F.K);
  // A handler that touches nothing is plain setup (e.g. it only refuses).
  if (Seen.empty())
    Seen.insert(Kind::PureSetup);
  C.Kinds.assign(Seen.begin(), Seen.end());
  C.K = *Seen.rbegin();

  for (const VerdictRule &R : VerdictRules)
    if (R.K == *C.K)
      C.Blocker = R.Blocker(H, *C.K);
  // Whatever the kind, some findings rule out a mechanical rewrite.
  for (const Finding &F : H.Findings)
    if (C.Blocker.empty() && !F.Blocks.empty())
      C.Blocker = F.Blocks + at(F);
  // Renaming a handler that code of another configuration names breaks
  // that configuration: the rewrite refuses it, so the census says so.
  // One exception: the other configuration only aliases the name to a
  // generic helper every profile has a _prepare form of; the rewrite then
  // renames that line too, and verifies that configuration as well.
  // The same for a stub there that only returns a constant.
  bool MovesWithRename = isGenericMmap(H.InactiveAliasTarget) || H.InactiveStub;
  if (C.Blocker.empty() && !H.NamedInInactiveCode.empty() && !MovesWithRename)
    C.Blocker = H.Name + " is also named in " + H.NamedInInactiveCode +
                ", which this configuration does not compile: renaming it would break "
                "another configuration";
  if (C.Blocker.empty() && H.Partial)
    C.Blocker = !H.PartialWhy.empty()
                    ? H.PartialWhy
                    : "its translation unit had errors: the analysis may be incomplete";
  C.V = C.Blocker.empty() ? Verdict::Convert : Verdict::Manual;
  // One truth: when the rewrite has decided, the verdict is its decision
  // (it also moves needs-mapped work, and refuses for tree-level reasons).
  if (H.Planner) {
    if (H.Planner->Converts) {
      C.V = Verdict::Convert;
      C.Blocker.clear();
    } else if (C.V != Verdict::NotAnalysed && !H.Planner->Refusal.empty()) {
      C.V = Verdict::Manual;
      C.Blocker = H.Planner->Refusal;
    }
  }
  return C;
}

std::vector<ClassifiedHandler> classifyAll(const Census &C) {
  std::map<std::string, ClassifiedHandler> ByKey;
  for (const auto &[Key, H] : C.Handlers)
    ByKey[Key] = {&H, classifyHandler(H), {}};
  for (const FopsSite &S : C.Sites)
    if (!S.HandlerKey.empty() && ByKey.count(S.HandlerKey))
      ByKey[S.HandlerKey].Sites.push_back(&S);
  std::vector<ClassifiedHandler> Out;
  for (auto &[Key, CH] : ByKey)
    if (!CH.Sites.empty())
      Out.push_back(std::move(CH));
  std::sort(Out.begin(), Out.end(), [](const ClassifiedHandler &A, const ClassifiedHandler &B) {
    return std::tie(A.H->Pos, A.H->Name) < std::tie(B.H->Pos, B.H->Name);
  });
  return Out;
}

} // namespace mmapmigrate
