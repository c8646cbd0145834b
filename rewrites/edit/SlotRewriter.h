//===- SlotRewriter.h - Edit the fops slots that name a handler --*- C++ -*-===//
//
// A converted handler's slots: `.mmap = foo` becomes `.mmap_prepare =
// foo_prepare` in the table's own alignment, and a profile's second hook is
// added on the line under it. A slot a macro writes is refused, except when
// written whole in one #define the caller checks.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_SLOTREWRITER_H
#define MMAP_MIGRATE_REWRITES_EDIT_SLOTREWRITER_H

#include "rewrites/edit/Edit.h"
#include "rewrites/edit/EditBuilder.h"
#include "rewrites/profiles/Profile.h"

namespace clang {
class ASTContext;
class DesignatedInitExpr;
} // namespace clang

namespace mmapmigrate {

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
