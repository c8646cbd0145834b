//===- SeriesPlan.cpp - Which conversion goes into which patch -------------===//
#include "tool/series/SeriesPlan.h"
#include "matchers/core/SourceText.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <set>

namespace mmapmigrate {

namespace {

/// The top folder of every edit when they share one ("fs"), else "treewide".
std::string topFolderOf(const std::vector<Edit> &Edits, llvm::StringRef Root) {
  std::set<std::string> Tops;
  for (const Edit &E : Edits) {
    std::string Rel = relativePath(E.File, Root);
    Tops.insert(llvm::StringRef(Rel).split('/').first.str());
  }
  return Tops.size() == 1 ? *Tops.begin() : "treewide";
}

/// The core callers' patches, calls before tests.
std::vector<SeriesPatch> corePatches(const RewritePlan &Plan) {
  std::vector<SeriesPatch> Out;
  for (const char *Owner : {CoreCallsOwner, CoreTestsOwner, CoreTableTestsOwner})
    for (const FixGroup &F : Plan.Fixes) {
      if (F.Owner != Owner)
        continue;
      SeriesPatch P;
      P.CoreOwner = Owner;
      P.Edits = F.Edits;
      P.Prefix = topFolderOf(F.Edits, Plan.Root);
      for (const CoreUseOutcome &O : Plan.CoreUses)
        if (O.Rewritten && llvm::StringRef(coreOwnerOf(O.U)) == Owner)
          P.CoreUses.push_back(&O);
      Out.push_back(std::move(P));
    }
  return Out;
}

} // namespace

std::vector<SeriesPatch> planPatches(const RewritePlan &Plan, const SeriesGrouping &G) {
  std::map<std::string, const HandlerOutcome *> ByKey;
  for (const HandlerOutcome &O : Plan.Outcomes)
    if (O.Converted)
      ByKey[O.H.Key] = &O;

  // One bucket per unit; every slot naming the core's helper in one.
  std::map<std::string, SeriesPatch> Buckets;
  for (const FixGroup &F : Plan.Fixes) {
    auto It = ByKey.find(F.Owner);
    if (It == ByKey.end())
      continue;
    const HandlerOutcome *O = It->second;
    bool Trivial = O->C.K && *O->C.K == Kind::GenericDirect;
    std::string Unit = Trivial ? std::string() : G.UnitOf(O->H.Pos.File);
    SeriesPatch &P = Buckets[Trivial ? "" : "unit:" + Unit];
    P.Unit = Unit;
    P.Trivial = Trivial;
    P.Handlers.push_back(O);
    P.Edits.insert(P.Edits.end(), F.Edits.begin(), F.Edits.end());
  }

  // Prefixes decide the subject; units that share one become one patch.
  std::map<std::string, SeriesPatch> ByPrefix;
  for (auto &[Key, P] : Buckets) {
    if (P.Trivial) {
      // Slots in many filesystems: "fs" when they all are, else treewide.
      std::set<std::string> Tops;
      for (const Edit &E : P.Edits) {
        std::string Rel = relativePath(E.File, Plan.Root);
        Tops.insert(llvm::StringRef(Rel).split('/').first.str());
      }
      P.Prefix = Tops.size() == 1 ? *Tops.begin() : "treewide";
    } else {
      std::vector<std::string> Homes;
      for (const HandlerOutcome *O : P.Handlers)
        Homes.push_back(O->H.Pos.File);
      std::sort(Homes.begin(), Homes.end());
      Homes.erase(std::unique(Homes.begin(), Homes.end()), Homes.end());
      P.Prefix = G.PrefixOf(Homes);
    }
    auto [It, New] = ByPrefix.try_emplace(P.Prefix, std::move(P));
    if (!New) {
      SeriesPatch &Into = It->second;
      Into.Trivial |= P.Trivial;
      Into.Handlers.insert(Into.Handlers.end(), P.Handlers.begin(), P.Handlers.end());
      Into.Edits.insert(Into.Edits.end(), P.Edits.begin(), P.Edits.end());
      if (Into.Unit != P.Unit)
        Into.Unit += ", " + P.Unit;
    }
  }

  std::vector<SeriesPatch> Patches = corePatches(Plan);
  size_t Core = Patches.size();
  for (auto &[K, P] : ByPrefix) {
    std::sort(P.Handlers.begin(), P.Handlers.end(),
              [](const HandlerOutcome *A, const HandlerOutcome *B) {
                return std::tie(A->H.Pos, A->H.Name) < std::tie(B->H.Pos, B->H.Name);
              });
    std::sort(P.Edits.begin(), P.Edits.end());
    P.Edits.erase(std::unique(P.Edits.begin(), P.Edits.end()), P.Edits.end());
    P.ChangesHeader = std::any_of(P.Edits.begin(), P.Edits.end(), [](const Edit &E) {
      return llvm::sys::path::extension(E.File) == ".h";
    });
    Patches.push_back(std::move(P));
  }
  // Prerequisites (header changes) first, then the trivial patch, then the
  // rest by prefix (ByPrefix is sorted, the sort is stable).
  std::stable_sort(Patches.begin() + Core, Patches.end(), [](const SeriesPatch &A, const SeriesPatch &B) {
    return std::make_pair(!A.ChangesHeader, !A.Trivial) < std::make_pair(!B.ChangesHeader, !B.Trivial);
  });
  // An edit two handlers share (the same line added twice) lands once.
  std::set<Edit> Taken;
  for (SeriesPatch &P : Patches) {
    std::vector<Edit> Own;
    for (const Edit &E : P.Edits)
      if (Taken.insert(E).second)
        Own.push_back(E);
    P.Edits = std::move(Own);
    std::set<std::string> Files;
    for (const Edit &E : P.Edits)
      Files.insert(E.File);
    P.Files.assign(Files.begin(), Files.end());
  }
  Patches.erase(std::remove_if(Patches.begin(), Patches.end(),
                               [](const SeriesPatch &P) { return P.Edits.empty(); }),
                Patches.end());
  return Patches;
}

std::vector<std::pair<size_t, size_t>> splitIntoSeries(size_t Count, size_t Max) {
  std::vector<std::pair<size_t, size_t>> Ranges;
  if (Count == 0 || Max == 0)
    return Ranges;
  size_t Parts = (Count + Max - 1) / Max;
  size_t Begin = 0;
  for (size_t I = 0; I < Parts; ++I) {
    // The first Count % Parts parts take one more.
    size_t Size = Count / Parts + (I < Count % Parts ? 1 : 0);
    Ranges.push_back({Begin, Begin + Size});
    Begin += Size;
  }
  return Ranges;
}

std::string prefixFromSubjects(const std::vector<std::string> &Subjects) {
  std::map<std::string, unsigned> Count;
  std::map<std::string, size_t> Newest;
  for (size_t I = 0; I < Subjects.size(); ++I) {
    llvm::StringRef S = llvm::StringRef(Subjects[I]).trim();
    if (S.starts_with("Revert") || S.starts_with("Merge") || S.starts_with("["))
      continue;
    size_t Colon = S.rfind(": ");
    if (Colon == llvm::StringRef::npos || Colon == 0)
      continue;
    std::string Prefix = S.take_front(Colon).trim().str();
    llvm::StringRef Lower(Prefix);
    if (Lower.contains_insensitive("treewide") || Lower.contains_insensitive("tree-wide") ||
        (Lower.contains(' ') && !Lower.contains(": ")))
      continue; // Not a subsystem tag ("Fix the thing: really").
    ++Count[Prefix];
    Newest.try_emplace(Prefix, I);
  }
  std::string Best;
  for (const auto &[P, N] : Count)
    if (Best.empty() || N > Count[Best] || (N == Count[Best] && Newest[P] < Newest[Best]))
      Best = P;
  return Best;
}

std::string prefixFromPaths(const std::vector<std::string> &RelPaths) {
  if (RelPaths.empty())
    return "";
  // Several files: the folder they share speaks for all of them.
  llvm::StringRef Common = RelPaths.front();
  for (llvm::StringRef P : RelPaths)
    while (!P.starts_with(Common))
      Common = Common.take_front(Common.drop_back().rfind('/') + 1);
  if (RelPaths.size() > 1 && Common != RelPaths.front()) {
    Common = Common.take_front(Common.rfind('/') + 1);
    return Common.empty() ? "treewide" : prefixFromPath(Common);
  }
  return prefixFromPath(RelPaths.front());
}

std::string prefixFromPath(llvm::StringRef RelPath) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  RelPath.split(Parts, '/');
  llvm::StringRef Stem = RelPath.ends_with("/") ? "" : llvm::sys::path::stem(RelPath);
  std::vector<llvm::StringRef> Dirs(Parts.begin(), Parts.end() - 1);
  if (Dirs.empty())
    return Stem.str();
  if (Dirs[0] == "fs")
    return Dirs.size() > 1 ? Dirs[1].str() : "fs";
  if (Dirs.size() >= 3 && Dirs[0] == "drivers" && Dirs[1] == "gpu" && Dirs[2] == "drm")
    return Dirs.size() > 3 ? "drm/" + Dirs[3].str() : "drm";
  bool Drivers = Dirs[0] == "drivers";
  if (Drivers || Dirs[0] == "arch")
    Dirs.erase(Dirs.begin());
  if (Dirs.empty())
    return Stem.str();
  // drivers/char holds many drivers: the file is the driver (a folder
  // given as "drivers/char/" is the collection).
  if (Dirs.size() == 1)
    return Drivers && !Stem.empty() ? (Dirs[0] + ": " + Stem).str() : Dirs[0].str();
  return (Dirs.front() + ": " + Dirs.back()).str();
}

} // namespace mmapmigrate
