//===- CoreUseRewriter.h - Edits of the core's f_op->mmap callers -*- C++ -*-===//
//
// Outside any handler, code that maps or tests a file through f_op->mmap
// (exec's ELF loader, do_mmap(), SysV shm, stacking filesystems) must ask
// the core's helpers instead, or a file that implements ->mmap_prepare is
// refused or called through a NULL pointer. Each use is one small edit:
// `!f->f_op->mmap` -> `!can_mmap_file(f)`, `f->f_op->mmap(f, vma)` and
// `call_mmap(f, vma)` -> `vfs_mmap(f, vma)`. Which of them may be taken
// together is decided later, over the whole tree (rewrites/plan/CoreUses).
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_COREUSEREWRITER_H
#define MMAP_MIGRATE_REWRITES_EDIT_COREUSEREWRITER_H

#include "matchers/core/Census.h"
#include "rewrites/edit/Edit.h"
#include "rewrites/profiles/Profile.h"

namespace clang {
class ASTContext;
class Expr;
class MemberExpr;
} // namespace clang

namespace mmapmigrate {

class EditBuilder;

/// `F->f_op->mmap` tested becomes `P.MmapHooksTest(F)`: two edits around
/// F, so that edits inside F (a handler's own) still apply. False, with the
/// refusal in \p B, when \p M is no such test or the profile has no helper.
bool editMmapHookTest(EditBuilder &B, const clang::MemberExpr *M, const Profile &P);

/// The edit of use \p U (\p E: its MemberExpr, or the call_mmap() CallExpr)
/// under \p P, or the refusal saying why it cannot be made.
EditPlan planMmapUseRewrite(clang::ASTContext &Ctx, const clang::Expr *E,
                            const MmapMemberUse &U, const Profile &P);

} // namespace mmapmigrate

#endif
