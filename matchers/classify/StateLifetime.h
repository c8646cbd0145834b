//===- StateLifetime.h - How long a state change of ->mmap lasts -*- C++ -*-===//
//
// A store or state call in the handler that no effect rule claims is not
// always the end of the story. If the vm_ops->close the handler installs,
// or the handler's own error path, undoes it, the state lasts as long as
// the mapping: it belongs in vm_ops->mapped (needs-mapped, moved where the
// profile can, rewrites/edit/DeferredWork.h). If it sets a flag to a constant
// that nothing in the file clears, and the handler already fails with the
// flag set, a mapping that fails after prepare leaves nothing the old
// handler did not: it may stay (a sticky-state claim). Anything else stays
// changes-state.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_STATELIFETIME_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_STATELIFETIME_H

#include "matchers/core/Census.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class ParmVarDecl;
class Stmt;
class ValueDecl;
} // namespace clang

namespace mmapmigrate {

enum class StateDir { Up, Down, Set, Clear };

/// What one store or state call does to which state. The state is named by
/// its field (any object of the struct) or its global variable: close()
/// reaches the object through vm_private_data, not the handler's local.
struct StateChange {
  const clang::ValueDecl *Key = nullptr;
  std::string Bit; ///< Bitops and |=/&=: the bit (mask) as a number; empty otherwise.
  StateDir Dir = StateDir::Set;
  bool Constant = false; ///< Set/Clear: the value stored is a constant.
  const clang::Stmt *At = nullptr;
};

/// The change \p S makes, when it is a store (=, ++, +=, |=, &=, ...) or a
/// call kernel-effects.yaml gives a `change`, to a field or a global.
std::optional<StateChange> stateChangeOf(const clang::Stmt *S, clang::ASTContext &Ctx);

/// The state \p E names: the field of `x->f`, `x.f`, `&x->f`, or a global.
const clang::ValueDecl *stateKeyOf(const clang::Expr *E);

/// A handler-level state change the effect check found, by its finding.
struct StateChangeSite {
  const clang::Stmt *S = nullptr;
  size_t FindingIndex = 0;
};

/// Re-judges \p Sites of \p Def: mapping-lifetime ones become needs-mapped
/// findings (rule mapping-lifetime), sticky ones become claims (rule
/// sticky-state) and leave \p Findings.
void placeStateChanges(clang::ASTContext &Ctx, const clang::FunctionDecl *Def,
                       const clang::ParmVarDecl *Vma, const std::vector<StateChangeSite> &Sites,
                       std::vector<Finding> &Findings, std::vector<EffectClaim> &Claims);

} // namespace mmapmigrate

#endif
