//===- HandlerAnalyzer.h - Facts about one ->mmap handler body ---*- C++ -*-===//
//
// Walks the body of an ->mmap implementation, and the bodies of functions it
// calls that are visible in the same TU (to a bounded depth), and records
// every use of the vma: field reads and writes, calls that take it, places
// where it is stored, plus calls whose meaning is known from the catalogue
// (side effects, lock drops, ...). Every other store, call and asm
// statement goes to the effect rules (EffectRules.h): claimed harmless, or
// a changes-state finding. It draws no conclusion: see Classifier.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_HANDLERANALYZER_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_HANDLERANALYZER_H

#include "matchers/core/Census.h"
#include "clang/Basic/SourceLocation.h"

namespace clang {
class ASTContext;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace mmapmigrate {

/// What the analysis of one handler found and claimed, in source order.
struct HandlerFacts {
  std::vector<Finding> Findings;
  std::vector<EffectClaim> Claims;
};

/// Analyses one handler: vma helpers are followed to \p MaxDepth, other
/// callees (for their effects) to \p MaxEffectDepth.
HandlerFacts analyzeHandler(clang::ASTContext &Ctx, const clang::FunctionDecl *Handler,
                            unsigned MaxDepth = 3, unsigned MaxEffectDepth = 8);

/// The rule of the finding a preprocessor conditional in a body makes.
inline constexpr const char *BodyConditionalRule = "body-conditional";

/// Where the first preprocessor conditional (#if, #ifdef, #else, ...) inside
/// \p Def's body starts, or an invalid location: code another configuration
/// compiles, which neither this parse nor a rewrite can check.
clang::SourceLocation bodyConditional(const clang::ASTContext &Ctx,
                                      const clang::FunctionDecl *Def);

/// A helper the vma goes to that a rewrite converts together with the
/// handler (one level deep): a static function written out in the main
/// file, so every caller is in this translation unit, with one vma
/// parameter and no preprocessor conditional in its body.
bool convertsWithHandler(const clang::ASTContext &Ctx, const clang::FunctionDecl *Helper);

/// The text of \p S as written in the file: a macro's use, not its
/// expansion.
std::string writtenText(const clang::ASTContext &Ctx, const clang::Stmt *S);

/// Converts a clang location to a SourcePos (expansion location, real path).
SourcePos toSourcePos(const clang::ASTContext &Ctx, clang::SourceLocation Loc);

} // namespace mmapmigrate

#endif
