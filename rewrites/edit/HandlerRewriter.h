//===- HandlerRewriter.h - Plan the ->mmap_prepare edits ---------*- C++ -*-===//
//
// Turns one convertible handler into ->mmap_prepare under a profile: the
// signature, every use of the vma and file parameters in the body, and each
// fops slot that names it. Refuses (with the reason) rather than guess:
// ranges inside macro expansions, uses of the vma it has no profile mapping
// for, flag expressions it cannot split into VM_* names.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_HANDLERREWRITER_H
#define MMAP_MIGRATE_REWRITES_EDIT_HANDLERREWRITER_H

#include "rewrites/edit/Edit.h"
#include "rewrites/edit/EditBuilder.h"
#include "rewrites/profiles/Profile.h"

namespace clang {
class ASTContext;
class DesignatedInitExpr;
class FunctionDecl;
} // namespace clang

namespace mmapmigrate {

/// Edits that turn \p Handler's definition into the profile's hook.
/// \p Deferred: calls (expansion line, column) in the handler's body whose
/// work needs the mapping to exist; they move to the profile's hook for it.
/// \p Alias: the handler's mention in code this configuration skips, moved
/// with the rename (MmapHandler::InactiveAlias*): a `#define <name>
/// <helper>` line, or with \p Stub a stub whose parameter list
/// [TargetOffset, TargetEnd) takes the profile's.
struct InactiveAlias {
  std::string Target;
  bool Stub = false;
  unsigned NameOffset = 0, TargetOffset = 0, TargetEnd = 0;
};
EditPlan planHandlerRewrite(clang::ASTContext &Ctx, const clang::FunctionDecl *Handler,
                            const Profile &P,
                            const std::vector<std::pair<unsigned, unsigned>> &Deferred = {},
                            const InactiveAlias &Alias = {});

} // namespace mmapmigrate

#endif
