//===- HandlerRewriter.h - Plan the ->mmap_prepare edits ---------*- C++ -*-===//
//
// Turns one convertible handler into ->mmap_prepare under a profile: the
// signature, every use of the vma and file parameters in the body, and each
// fops slot that names it. Refuses (with the reason) rather than guess:
// ranges inside macro expansions, uses of the vma it has no profile mapping
// for, flag expressions it cannot split into VM_* names.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_HANDLERREWRITER_H
#define MMAP_MIGRATE_REWRITES_HANDLERREWRITER_H

#include "rewrites/Edit.h"
#include "rewrites/EditBuilder.h"
#include "rewrites/Profile.h"

namespace clang {
class ASTContext;
class DesignatedInitExpr;
class FunctionDecl;
} // namespace clang

namespace mmapmigrate {

/// The new name of a handler: foo_mmap -> foo_mmap_prepare.
std::string preparedName(llvm::StringRef Name, const Profile &P);

/// Edits that turn \p Handler's definition into the profile's hook.
/// \p Deferred: calls (expansion line, column) in the handler's body whose
/// work needs the mapping to exist; they move to the profile's hook for it.
EditPlan planHandlerRewrite(clang::ASTContext &Ctx, const clang::FunctionDecl *Handler,
                            const Profile &P,
                            const std::vector<std::pair<unsigned, unsigned>> &Deferred = {});

/// Edits that turn the `.mmap = name` designator \p D into
/// `.mmap_prepare = name_prepare`, keeping the table's alignment. A slot
/// written whole in one macro's body is edited in the #define when
/// \p MacroBody is given, which then receives the macro's name: the caller
/// must check that every use of that macro converts.
EditPlan planSlotRewrite(clang::ASTContext &Ctx, const clang::DesignatedInitExpr *D,
                         llvm::StringRef HandlerName, const Profile &P,
                         std::string *MacroBody = nullptr);

/// Edits that add `.member = function,` on a new line under the `.mmap`
/// designator \p D (the RFC's mmap_complete), aligned like it.
EditPlan planAddedSlot(clang::ASTContext &Ctx, const clang::DesignatedInitExpr *D,
                       llvm::StringRef Member, llvm::StringRef Function);

/// Adds `.member = value,` on a new line under the designator \p D, aligned
/// like it; false (with the refusal in \p B) when \p D is not alone on its
/// line or comes from a macro.
bool addDesignatorAfter(EditBuilder &B, const clang::DesignatedInitExpr *D,
                        llvm::StringRef Member, llvm::StringRef Value);

} // namespace mmapmigrate

#endif
