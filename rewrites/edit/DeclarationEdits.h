//===- DeclarationEdits.h - Edits around a renamed declaration --*- C++ -*-===//
//
// What follows a function's rename outside its body: the EXPORT_SYMBOL()
// lines that name it, its kernel-doc comment, and for a helper converted
// with its handler the signature (name, vma parameter, the wrapping of its
// parameter list). Each takes the names as the planners decided them.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_REWRITES_EDIT_DECLARATIONEDITS_H
#define MMAP_MIGRATE_REWRITES_EDIT_DECLARATIONEDITS_H

#include "rewrites/edit/EditBuilder.h"
#include "rewrites/profiles/Profile.h"

#include <string>

namespace clang {
class FunctionDecl;
class ParmVarDecl;
} // namespace clang

namespace mmapmigrate {

/// Renames \p Def in the EXPORT_SYMBOL*() lines of its file.
void renameExports(EditBuilder &B, const clang::FunctionDecl *Def, llvm::StringRef NewName);

/// Follows the rename in the kernel-doc comment right above \p Def: the
/// function's name, and the @file/@vma parameter lines (either may be
/// null), which become one line for the descriptor.
void rewriteKernelDoc(EditBuilder &B, const clang::FunctionDecl *Def, llvm::StringRef NewName,
                      const clang::ParmVarDecl *File, const clang::ParmVarDecl *Vma,
                      const Profile &P);

/// Renames the mentions of \p OldName() in the kernel-doc comment above
/// \p Def ("Calls upon foo_mmap_buf() to ...").
void renameInKernelDoc(EditBuilder &B, const clang::FunctionDecl *Def, llvm::StringRef OldName,
                       llvm::StringRef NewName);

/// The name a helper takes with its handler: the profile's suffix right
/// after "mmap" (relay_mmap_buf -> relay_mmap_prepare_buf, as upstream
/// named it), or at the end of a name without it.
std::string preparedHelperName(llvm::StringRef Name, const Profile &P);

/// Renames one declaration \p R of a helper and gives its parameter
/// \p Index (the vma) the descriptor's type; the parameter list is wrapped
/// or realigned so it stays within 80 columns and aligned with the
/// parenthesis, which moved.
void rewriteHelperSignature(EditBuilder &B, const clang::FunctionDecl *R, unsigned Index,
                            llvm::StringRef NewName, const Profile &P);

} // namespace mmapmigrate

#endif
