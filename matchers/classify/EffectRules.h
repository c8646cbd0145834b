//===- EffectRules.h - What may run in ->mmap_prepare, rule by rule -*- C++ -*-===//
//
// ->mmap_prepare must be stateless: the mapping can still fail after it
// returns and nothing undoes what it did. So a handler converts only when
// every store, call and asm statement in it, and in everything it calls, is
// claimed by a rule that says why it is harmless there. Each rule is one
// unit (an id, one line of explanation, the code that recognises it),
// registered in one list, as clang-tidy registers checks. What no rule
// claims is a finding: changes-state, verdict manual.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CLASSIFY_EFFECTRULES_H
#define MMAP_MIGRATE_MATCHERS_CLASSIFY_EFFECTRULES_H

#include "matchers/classify/EffectData.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class ValueDecl;
} // namespace clang

namespace mmapmigrate {

/// What kind of site the effect check looks at.
enum class SiteForm { Store, Call, Asm };

/// One expression or statement that may change state.
struct EffectSite {
  SiteForm F = SiteForm::Store;
  const clang::Stmt *S = nullptr;
  const clang::Expr *Target = nullptr;             ///< Store: what is written.
  const clang::CallExpr *Call = nullptr;           ///< Call.
  const clang::FunctionDecl *Callee = nullptr;     ///< Call: the direct callee.
};

/// What the walker knows at the site: variables, bindings, and how to go
/// into a callee.
class EffectScope {
public:
  virtual ~EffectScope() = default;
  virtual clang::ASTContext &context() = 0;
  /// \p D is a variable of this function that holds the handler's vma.
  virtual bool isVma(const clang::ValueDecl *D) const = 0;
  /// \p D is a pointer parameter bound, at every call that reached here, to
  /// a local of the caller.
  virtual bool pointsToCallerLocal(const clang::ValueDecl *D) const = 0;
  /// \p D is a local pointer to memory this function allocated (the
  /// allocation has its own finding).
  virtual bool isOwnAllocation(const clang::ValueDecl *D) const = 0;
  /// The vma analysis already recorded a finding that explains \p S.
  virtual bool explainedByVmaFinding(const clang::Stmt *S) const = 0;
  /// Walks \p Def as part of the handler. False when the walk would go
  /// deeper (or wider) than the analysis follows.
  virtual bool follow(const clang::CallExpr *Call, const clang::FunctionDecl *Def) = 0;
  /// Records a lock taken or released; pairs are settled when the function
  /// ends.
  virtual void lockOp(bool Acquire, const std::string &Family, const std::string &Lock,
                      const clang::Stmt *At) = 0;
};

/// What a rule says of a site.
struct Ruling {
  bool Harmless = true;
  std::string Text;    ///< What a reviewer reads.
  bool Silent = false; ///< A claim that needs no line of its own (a finding explains it).
};

/// One rule: recognises some sites and rules on them.
struct EffectRule {
  const char *Id;
  const char *Explanation; ///< One line: why what it recognises is (not) harmless.
  std::optional<Ruling> (*Judge)(const EffectSite &, EffectScope &);
};

/// Every rule, in the order they are asked; the first that recognises a
/// site decides. The last rules are findings that recognise everything.
const std::vector<EffectRule> &effectRules();

/// The rule with id \p Id, or nullptr.
const EffectRule *findEffectRule(llvm::StringRef Id);

/// Asks the rules about \p Site; returns the deciding rule and its ruling.
std::pair<const EffectRule *, Ruling> judgeEffect(const EffectSite &Site, EffectScope &Scope);

/// True when the parse skipped a body of \p F (a header function no handler
/// file names): "unknown" here means "not looked at", not "defined elsewhere".
bool bodySkipped(const clang::FunctionDecl *F);

/// How the lock check names a lock: the argument as written, looking through
/// calls the data marks `identity` (spinlock_check()).
std::string lockName(const clang::Expr *Arg, clang::ASTContext &Ctx);

} // namespace mmapmigrate

#endif
