//===- TableStores.h - Stores of tables into the places uses read -*- C++ -*-===//
//
// What reaches a place a use of ->mmap reads its table from (TableFlow.h),
// seen in one TU:
//  - a `struct file_operations *` field: each initialiser and assignment
//    (`&d->fops` taken lets anything be written there);
//  - a table held by value in a struct: each struct copy into it;
//  - a function's `struct file_operations *` parameter: each call's
//    argument; for a function stored into an ops member, the arguments of
//    the calls through that member; for one used any other way (its
//    address kept where no analysis follows), anything; for one other
//    files may call (external, or defined in a header), a mark, as its
//    callers are all seen only on a run over the whole tree.
// The arguments of calls through a member that is read any other way
// than called, tested or assigned are anything, too.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_TABLESTORES_H
#define MMAP_MIGRATE_MATCHERS_FIND_TABLESTORES_H

#include "matchers/core/Census.h"

#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace mmapmigrate {

/// Appends the stores of \p Ctx's TU to \p Out.
void collectTableStores(clang::ASTContext &Ctx, std::vector<FopsFieldStore> &Out);

} // namespace mmapmigrate

#endif
