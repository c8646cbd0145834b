//===- TuPlanner.h - Plan edits while a TU's AST is alive --------*- C++ -*-===//
//
// The rewrite's part of the scan: for each handler the classifier would
// convert (or whose only obstacle the profile can defer) the edits of its
// definition, and for each designated slot the edit of the slot. The scan
// shows it what it keeps (TuObserver); the plans go beside the facts.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_PLAN_TUPLANNER_H
#define MMAP_MIGRATE_REWRITES_PLAN_TUPLANNER_H

#include "matchers/find/TuScanner.h"
#include "rewrites/plan/Plans.h"
#include "rewrites/profiles/Profile.h"

#include <memory>
#include <string>

namespace mmapmigrate {

/// Plans under one profile: names itself for the result cache (plans are
/// reused only under the planner that made them) and observes one TU at a
/// time.
class Planner {
public:
  explicit Planner(const Profile &P) : P(P) {}
  Planner(Profile &&) = delete; // It keeps a reference: no temporary.
  const Profile &profile() const { return P; }
  /// The profile's name and digest.
  std::string key() const;
  /// An observer for one TU that puts its plans into \p Out.
  std::unique_ptr<TuObserver> forTu(RewritePlans &Out) const;

private:
  const Profile &P;
};

} // namespace mmapmigrate

#endif
