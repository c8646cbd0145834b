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

#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class MemberExpr;
class Stmt;
} // namespace clang

namespace mmapmigrate {

/// `x.mmap` / `x->mmap` of a struct file_operations.
bool isFopsMmapSlot(const clang::MemberExpr *M);

/// The parent of \p E above any parentheses and implicit casts around it
/// (null when it has none or several); \p Wrapped, when given, is set to
/// the outermost of them (\p E itself when there are none).
const clang::Stmt *parentThroughParens(clang::ASTContext &Ctx, const clang::Expr *E,
                                       const clang::Expr **Wrapped = nullptr);

/// A use of a file_operations' mmap member only as a truth value: what it
/// asks is whether the table has an mmap hook.
struct MmapSlotTest {
  /// `!x->mmap` (the negation), or `x->mmap` itself, through parentheses.
  const clang::Expr *Tested = nullptr;
  bool Negated = false;
  /// What takes the truth value: `&&`, `||`, an `if`, a `?:`, a `return`.
  const clang::Stmt *User = nullptr;
};

/// \p M, a file_operations' mmap member on any path (`f->f_op->mmap`,
/// `real_fops->mmap`), used only as a truth value (`!M`, an `if`, `&&`,
/// `||`, `?:` condition). None for a call, a copy of the pointer, ...
std::optional<MmapSlotTest> mmapSlotTest(clang::ASTContext &Ctx, const clang::MemberExpr *M);

/// Whether the test \p T of \p M already asks the other hook of the same
/// table in its chain: `!x->mmap && !x->mmap_prepare`, `x->mmap ||
/// x->mmap_prepare` (what the rewrite writes, and upstream's debugfs).
bool asksBothHooks(clang::ASTContext &Ctx, const clang::MemberExpr *M, const MmapSlotTest &T);

/// Whether \p M reads its table from a struct file's f_op (`f->f_op->mmap`,
/// `(*f).f_op->mmap`): what can_mmap_file() and vfs_mmap() stand for.
bool readsFileOp(const clang::MemberExpr *M);

/// A read of file_operations' ->mmap_prepare in the function (or file-scope
/// initialiser) around \p M, other than the partner asksBothHooks() finds:
/// code that already combines the two hooks its own way, which a rewrite of
/// \p M would change (`a->mmap && a->mmap_prepare`). Null if none.
const clang::MemberExpr *otherHookReadAround(clang::ASTContext &Ctx, const clang::MemberExpr *M);

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
