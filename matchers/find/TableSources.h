//===- TableSources.h - Where a use of ->mmap gets its table ------*- C++ -*-===//
//
// A use of file_operations->mmap that does not go through a file's f_op
// (`obj->dev->driver->fops->mmap(fil, vma)`, debugfs's `real_fops->mmap`)
// reads some table the census must name, or a converted handler's table
// may reach it and find ->mmap NULL. Field-based: a use read through a
// struct's field sees every table written into that field anywhere in the
// tree (initialisers and assignments the scan sees), and anything at all
// once something other than a table's address is written there.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_TABLESOURCES_H
#define MMAP_MIGRATE_MATCHERS_FIND_TABLESOURCES_H

#include "matchers/core/Census.h"

#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FieldDecl;
class InitListExpr;
class MemberExpr;
class QualType;
class RecordDecl;
} // namespace clang

namespace mmapmigrate {

/// The record type \p T names, if any.
const clang::RecordDecl *recordOf(clang::QualType T);
bool isFileOperations(const clang::RecordDecl *RD);

/// Sets \p U.From and \p U.FromName from the base of \p M, a use of the slot.
void setTableSource(const clang::MemberExpr *M, MmapMemberUse &U);

/// The store of \p Value into field \p FD when \p FD holds a
/// `struct file_operations *`; none for other fields and for NULL.
std::optional<FopsFieldStore> fieldStore(clang::ASTContext &Ctx, const clang::FieldDecl *FD,
                                         const clang::Expr *Value);

/// The stores of the semantic initialiser \p ILE into such fields.
void initialiserStores(clang::ASTContext &Ctx, const clang::InitListExpr *ILE,
                       std::vector<FopsFieldStore> &Out);

} // namespace mmapmigrate

#endif
