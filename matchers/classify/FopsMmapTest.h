//===- FopsMmapTest.h - Tests of a file's ->mmap slot -------------*- C++ -*-===//
//
// `if (!lower->f_op->mmap)` refuses a file that implements ->mmap_prepare
// instead; can_mmap_file() (6.17) asks about either hook. The classifier
// and the rewrite agree here on what counts as such a test.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_FOPSMMAPTEST_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_FOPSMMAPTEST_H

#include "matchers/core/Census.h"

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class MemberExpr;
} // namespace clang

namespace mmapmigrate {

/// `x.mmap` / `x->mmap` of a struct file_operations.
bool isFopsMmapSlot(const clang::MemberExpr *M);

/// The file \p M tests, when \p M is `F->f_op->mmap` used only as a truth
/// value (`!F->f_op->mmap`, an `if`, `&&`, `||`, `?:` condition): what
/// can_mmap_file(F) asks of either hook. Null for any other use (a call,
/// a copy of the pointer) and for other members.
const clang::Expr *mmapHookTestedFile(clang::ASTContext &Ctx, const clang::MemberExpr *M);

/// What the use \p M of a file_operations' mmap member does with it;
/// \p Called when \p M is the callee of a call.
MmapUseKind classifyMmapUse(clang::ASTContext &Ctx, const clang::MemberExpr *M, bool Called);

/// Whether \p CE calls the pre-6.17 dispatcher call_mmap().
bool isLegacyMmapCall(const clang::CallExpr *CE);

} // namespace mmapmigrate

#endif
