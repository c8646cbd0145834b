//===- Plans.cpp - The edits planned for each handler and slot ------------===//
#include "rewrites/plan/Plans.h"

namespace mmapmigrate {

const EditPlan *RewritePlans::handler(const std::string &Key) const {
  auto It = Handlers.find(Key);
  return It == Handlers.end() ? nullptr : &It->second;
}

const SitePlan *RewritePlans::site(const FopsSite &S) const {
  auto It = Sites.find(siteKey(S));
  return It == Sites.end() ? nullptr : &It->second;
}

RewritePlans mergePlans(std::vector<RewritePlans> PerTu, const MergeOrigins &From) {
  RewritePlans All;
  for (const auto &[Key, Index] : From.Handlers) {
    if (Index >= PerTu.size())
      continue; // Facts with no plans beside them (read as text).
    auto It = PerTu[Index].Handlers.find(Key);
    if (It != PerTu[Index].Handlers.end())
      All.Handlers.emplace(Key, std::move(It->second));
  }
  for (const auto &[Key, Index] : From.Sites) {
    if (Index >= PerTu.size())
      continue;
    auto It = PerTu[Index].Sites.find(Key);
    if (It != PerTu[Index].Sites.end())
      All.Sites.emplace(Key, std::move(It->second));
  }
  return All;
}

} // namespace mmapmigrate
