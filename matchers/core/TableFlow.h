//===- TableFlow.h - The places a table reaches a use of ->mmap through -*- C++ -*-===//
//
// A use of ->mmap that does not go through a file's f_op reads a table
// from some place: a struct's field, a function's parameter. What reaches
// it is what is stored there, followed from place to place: a parameter
// holds what its callers pass, a function stored into an ops member gets
// what the calls through that member pass. Places are named as strings,
// so that the facts of many TUs merge by name:
//   "struct drm_driver::fops"  a struct's field (a pointer or a table)
//   "f()#2"                    parameter 2 of function f
//   "struct ops::get_fd()#2"   argument 2 of the calls through ops.get_fd
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CORE_TABLEFLOW_H
#define MMAP_MIGRATE_MATCHERS_CORE_TABLEFLOW_H

#include "matchers/core/Census.h"

#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <vector>

namespace mmapmigrate {

/// Parameter \p Index (from 1) of \p Function, or of the calls through
/// member \p Function ("struct ops::get_fd").
std::string callPlace(llvm::StringRef Function, unsigned Index);
/// A parameter or a member's calls, not a field.
bool isCallPlace(llvm::StringRef Place);
/// The calls through a member (not a function's parameter).
bool isMemberCallPlace(llvm::StringRef Place);
/// The word a caller spells: "f", "get_fd"; the field's name for a field.
std::string placeWord(llvm::StringRef Place);
/// "parameter 2 of f()", "argument 2 of calls through struct ops::get_fd",
/// the field itself.
std::string describePlace(llvm::StringRef Place);

/// What reaches a place.
struct PlaceReach {
  std::set<std::string> Tables;
  std::set<std::string> Places; ///< Every place passed through, the start too.
  /// The first store of something no analysis follows, if any.
  const FopsFieldStore *Anything = nullptr;
  /// The first function other files may call, if any.
  const FopsFieldStore *External = nullptr;
};

/// Follows the stores into \p Start; \p Stores sorted (by place first).
PlaceReach reachOf(const std::string &Start, const std::vector<FopsFieldStore> &Stores);

/// The call places (isCallPlace) that reach a use of \p Uses reading a
/// field or a parameter: whoever calls there may hand it a table.
/// \p Stores sorted.
std::set<std::string> callPlacesReachingUses(const std::vector<MmapMemberUse> &Uses,
                                             const std::vector<FopsFieldStore> &Stores);

} // namespace mmapmigrate

#endif
