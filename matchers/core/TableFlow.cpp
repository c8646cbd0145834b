//===- TableFlow.cpp - The places a table reaches a use of ->mmap through -===//
#include "matchers/core/TableFlow.h"

#include <algorithm>

namespace mmapmigrate {

std::string callPlace(llvm::StringRef Function, unsigned Index) {
  return Function.str() + "()#" + std::to_string(Index);
}

bool isCallPlace(llvm::StringRef Place) { return Place.contains("()#"); }

bool isMemberCallPlace(llvm::StringRef Place) {
  return isCallPlace(Place) && Place.contains("::");
}

std::string placeWord(llvm::StringRef Place) {
  llvm::StringRef Name = Place.split("()#").first;
  return Name.rsplit("::").second.empty() ? Name.str() : Name.rsplit("::").second.str();
}

std::string describePlace(llvm::StringRef Place) {
  if (!isCallPlace(Place))
    return Place.str();
  auto [Name, Index] = Place.split("()#");
  if (isMemberCallPlace(Place))
    return "argument " + Index.str() + " of the calls through " + Name.str();
  return "parameter " + Index.str() + " of " + Name.str() + "()";
}

PlaceReach reachOf(const std::string &Start, const std::vector<FopsFieldStore> &Stores) {
  PlaceReach R;
  std::vector<std::string> Work{Start};
  R.Places.insert(Start);
  while (!Work.empty()) {
    std::string Place = std::move(Work.back());
    Work.pop_back();
    auto First = std::lower_bound(
        Stores.begin(), Stores.end(), Place,
        [](const FopsFieldStore &S, const std::string &P) { return S.Field < P; });
    for (auto It = First; It != Stores.end() && It->Field == Place; ++It) {
      if (!It->Table.empty())
        R.Tables.insert(It->Table);
      else if (!It->From.empty()) {
        if (R.Places.insert(It->From).second)
          Work.push_back(It->From);
      } else if (It->External) {
        if (!R.External)
          R.External = &*It;
      } else if (!R.Anything) {
        R.Anything = &*It;
      }
    }
  }
  return R;
}

std::set<std::string> callPlacesReachingUses(const std::vector<MmapMemberUse> &Uses,
                                             const std::vector<FopsFieldStore> &Stores) {
  std::set<std::string> Out;
  for (const MmapMemberUse &U : Uses)
    for (const MmapMemberUse::Read &R : U.reads())
      if (R.From == TableSource::Field || R.From == TableSource::Param)
        for (const std::string &Place : reachOf(R.Name, Stores).Places)
          if (isCallPlace(Place))
            Out.insert(Place);
  return Out;
}

} // namespace mmapmigrate
