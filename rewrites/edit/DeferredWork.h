//===- DeferredWork.h - Work that must wait for the mapping -----*- C++ -*-===//
//
// ->mmap_prepare may run for a mapping that never comes to exist, so it must
// not take references, power a device up or record the mapping. Such
// statements move out of the prepare hook: into a vm_ops->mapped callback
// (7.1), which runs once a new mapping really exists, or into the RFC's
// ->mmap_complete. Only statements that can move as they are: calls or
// stores on their own at the top of the handler, with nothing after them
// that can fail, no other statement naming the state they change, reading
// only the file and locals that can be recomputed from it.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_DEFERREDWORK_H
#define MMAP_MIGRATE_REWRITES_EDIT_DEFERREDWORK_H

#include "rewrites/edit/EditBuilder.h"
#include "rewrites/profiles/Profile.h"

#include <utility>
#include <vector>

namespace clang {
class FunctionDecl;
class ParmVarDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace mmapmigrate {

/// Statements of a handler that need the mapping to exist, and the table of
/// vm_operations the handler installs (the 7.1 home for them).
struct DeferredWork {
  std::vector<const clang::Stmt *> Statements; ///< In source order.
  const clang::VarDecl *VmOps = nullptr;        ///< `vma->vm_ops = &VmOps;`
};

/// Finds the top-level statements of \p Def holding the calls at \p Calls
/// (expansion line and column) and checks they can move. False, with
/// \p Refusal, when one cannot.
bool findDeferredWork(clang::ASTContext &Ctx, const clang::FunctionDecl *Def,
                      const clang::ParmVarDecl *Vma,
                      const std::vector<std::pair<unsigned, unsigned>> &Calls,
                      const Profile &P, DeferredWork &W, std::string &Refusal);

/// Moves the statements: removes them (and locals only they read) from the
/// handler and writes the new function, with vm_ops->mapped set in the
/// handler's vm_operations (7.1) or as ->mmap_complete (RFC).
bool planDeferredWork(EditBuilder &B, const DeferredWork &W, const Profile &P,
                      const clang::FunctionDecl *Def, const clang::ParmVarDecl *File,
                      const clang::ParmVarDecl *Vma);

} // namespace mmapmigrate

#endif
