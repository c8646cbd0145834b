//===- TableSources.h - Where a use of ->mmap gets its table ------*- C++ -*-===//
//
// A use of file_operations->mmap that does not go through a file's f_op
// (`obj->dev->driver->fops->mmap(fil, vma)`, debugfs's `real_fops->mmap`,
// a helper's `fops->mmap` on the table it was handed) reads some table the
// census must name, or a converted handler's table may reach it and find
// ->mmap NULL. The use names the place it reads (TableFlow.h); the stores
// into places are collected beside it (TableStores.h).
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_TABLESOURCES_H
#define MMAP_MIGRATE_MATCHERS_FIND_TABLESOURCES_H

#include "matchers/core/Census.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FieldDecl;
class FunctionProtoType;
class MemberExpr;
class QualType;
class RecordDecl;
} // namespace clang

namespace mmapmigrate {

/// The record type \p T names, if any.
const clang::RecordDecl *recordOf(clang::QualType T);
bool isFileOperations(const clang::RecordDecl *RD);
/// `struct file_operations *`, const or not.
bool isFopsPointer(clang::QualType T);

/// "struct drm_driver::fops" for a named struct's field that holds a
/// `struct file_operations *` or a table by value; none otherwise.
std::optional<std::string> fopsFieldPlace(const clang::FieldDecl *FD);
/// "struct ops::get_fd" for a named struct's field; none for an unnamed one.
std::optional<std::string> fieldName(const clang::FieldDecl *FD);

/// Where a value gets its table: a table by name, a place, or (both
/// empty) anything; Null for a null pointer, which stores nothing.
struct TableValue {
  std::string Table;
  std::string Place;
  bool Null = false;
};
/// \p E of type `struct file_operations *`.
TableValue pointerValue(clang::ASTContext &Ctx, const clang::Expr *E);
/// \p E a `struct file_operations` object.
TableValue objectValue(clang::ASTContext &Ctx, const clang::Expr *E);

/// Sets \p U.From and \p U.FromName from the base of \p M, a use of the slot.
void setTableSource(clang::ASTContext &Ctx, const clang::MemberExpr *M, MmapMemberUse &U);

/// The indices (from 1) of \p FT's `struct file_operations *` parameters.
std::vector<unsigned> fopsParams(const clang::FunctionProtoType *FT);

} // namespace mmapmigrate

#endif
