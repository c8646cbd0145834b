//===- BodyConfigs.h - The configurations a handler's body holds -*- C++ -*-===//
//
// A preprocessor conditional in a handler's body makes it one handler per
// configuration. What this parse cannot see it records for the scan: the
// blocks it skipped, each with the flip that compiles it (another parse
// analyses and plans that arm), and whether a block it compiled, which
// another configuration leaves out with nothing in its place, could change
// what the rest of the body does when it is gone.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_BODYCONFIGS_H
#define MMAP_MIGRATE_MATCHERS_FIND_BODYCONFIGS_H

#include "matchers/core/Census.h"

#include "clang/Basic/SourceLocation.h"

#include <tuple>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace mmapmigrate {

/// Fills \p H's SkippedArms and UndroppableBlock from \p Skipped (the
/// ranges the preprocessor skipped: file, begin, end offsets) for the
/// body of \p Def, when it has a conditional.
void describeBodyConfigurations(const clang::ASTContext &Ctx, const clang::FunctionDecl *Def,
                                const std::vector<std::tuple<clang::FileID, unsigned, unsigned>> &Skipped,
                                MmapHandler &H);

} // namespace mmapmigrate

#endif
