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

namespace {

/// Into \p To, each entry of \p From's keys, taken from the TU it names.
template <typename Key, typename Plan>
void takeFrom(std::vector<RewritePlans> &PerTu, const std::map<Key, size_t> &From,
              std::map<Key, Plan> RewritePlans::*Member, std::map<Key, Plan> &To) {
  for (const auto &[K, Index] : From) {
    if (Index >= PerTu.size())
      continue; // Never: plans and results are kept side by side.
    auto &Of = PerTu[Index].*Member;
    auto It = Of.find(K);
    if (It != Of.end())
      To.emplace(K, std::move(It->second));
  }
}

} // namespace

RewritePlans mergePlans(std::vector<RewritePlans> PerTu, const MergeOrigins &From) {
  RewritePlans All;
  takeFrom(PerTu, From.Handlers, &RewritePlans::Handlers, All.Handlers);
  takeFrom(PerTu, From.Sites, &RewritePlans::Sites, All.Sites);
  takeFrom(PerTu, From.Uses, &RewritePlans::Uses, All.Uses);
  return All;
}

} // namespace mmapmigrate
