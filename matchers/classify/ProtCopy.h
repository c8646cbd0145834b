//===- ProtCopy.h - A remap's protection kept in a local --------*- C++ -*-===//
//
// Some handlers copy vma->vm_page_prot into a local, make the copy uncached
// (or write-combined) and pass it to the remap, leaving the vma's own
// protection alone. An mmap action maps with desc->page_prot, so the
// rewrite folds the local into the descriptor. That is safe only when the
// local is exactly that copy and nothing else reads the vma's protection;
// the classifier and the rewrite ask the same question here.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_PROTCOPY_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_PROTCOPY_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace mmapmigrate {

/// `pgprot_t prot = vma->vm_page_prot;` (or a declaration and a later
/// `prot = vma->vm_page_prot;`), then `prot = pgprot_noncached(prot);`
/// steps, then the remap with `prot`.
struct ProtCopy {
  const clang::VarDecl *Local = nullptr;
  const clang::DeclStmt *Decl = nullptr;   ///< Declares only the local.
  const clang::Stmt *Assign = nullptr;     ///< The copying assignment, if not the initialiser.
  const clang::Expr *Copied = nullptr;     ///< The vma->vm_page_prot read.
  std::vector<const clang::BinaryOperator *> Steps; ///< `prot = pgprot_X(prot)`
};

/// The copy \p Prot (the remap's protection argument, in \p Def's body) is,
/// or the reason it is not one the rewrite can fold: the local is written
/// or read anywhere else, the handler does not first refuse private mappings
/// (`if (!(vma->vm_flags & VM_SHARED)) return ...;`: their copy-on-write
/// pages are mapped with vm_page_prot), a step is not a top-level
/// `prot = pgprot_X(prot)`
/// with X in the list below, the body reads vma->vm_page_prot again, sets
/// vm_ops (whose faults would map with the folded protection), or hands the
/// vma to a function of this translation unit.
/// Folded steps: pgprot_noncached, pgprot_writecombine, pgprot_device,
/// pgprot_dmacoherent.
std::optional<ProtCopy> protCopyOf(clang::ASTContext &Ctx, const clang::FunctionDecl *Def,
                                   const clang::VarDecl *Vma, const clang::Expr *Prot,
                                   std::string &WhyNot);

} // namespace mmapmigrate

#endif
