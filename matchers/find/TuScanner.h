//===- TuScanner.h - Find ->mmap sites and handlers in one TU ----*- C++ -*-===//
//
// The per-translation-unit step: a frontend action that finds every
// `struct file_operations` slot naming an ->mmap handler (designated,
// positional, arrays, compound literals, macro-built, runtime assignments),
// other ops tables with an mmap slot, `.mmap` slots in inactive #if blocks,
// and analyses the body of each handler it can see.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_TUSCANNER_H
#define MMAP_MIGRATE_MATCHERS_FIND_TUSCANNER_H

#include "matchers/core/Census.h"

#include "clang/Tooling/Tooling.h"

#include <functional>
#include <memory>
#include <set>

namespace clang {
class DesignatedInitExpr;
} // namespace clang

namespace mmapmigrate {

/// Options of the per-TU scan.
struct TuScanOptions {
  /// Handlers (by name) whose bodies another TU's tables want analysed even
  /// though no table in this TU names them.
  std::set<std::string> WantedHandlers;
  /// Externally visible functions (by name) that handlers of other TUs
  /// call: their definitions here get a summary (TuResult::Summaries).
  std::set<std::string> WantedSummaries;
  /// Skip bodies of functions outside the main file that cannot be handlers
  /// or vma helpers (they take no vm_area_struct pointer).
  bool SkipIrrelevantBodies = true;
  /// Skip those bodies on their raw text where it is safe (RawBodySkip.h),
  /// instead of letting clang expand every macro in them.
  bool SkipBodyText = true;
  /// Parse (do not skip) the bodies of header functions the main file
  /// names: a handler may call them, and the effect check judges a body it
  /// has rather than calling the function unknown.
  bool ParseNamedHeaderBodies = true;
  unsigned MaxHelperDepth = 3;
  /// Fill TuResult::FilesRead (for the result cache).
  bool RecordFilesRead = false;
};

/// Sees what the scan keeps while the TU's AST is alive, for a later stage
/// that needs the nodes (the rewrite plans its edits there). The facts are
/// read-only: what an observer makes is its own, kept beside them.
class TuObserver {
public:
  virtual ~TuObserver();
  /// A handler the TU's result keeps, whose body \p Def was analysed.
  virtual void handlerAnalysed(clang::ASTContext &Ctx, const clang::FunctionDecl *Def,
                               const MmapHandler &H) = 0;
  /// A designated slot \p D that names exactly one handler.
  virtual void designatedSlot(clang::ASTContext &Ctx, const clang::DesignatedInitExpr *D,
                              const FopsSite &S) = 0;
  /// A use \p U of f_op->mmap (\p E its MemberExpr) or a call_mmap() call
  /// (\p E the CallExpr), anywhere in the TU.
  virtual void mmapUse(clang::ASTContext &Ctx, const clang::Expr *E, const MmapMemberUse &U) = 0;
};

/// Makes a factory whose actions fill \p Out (one TU per factory use) and
/// show \p Observer, when given, what they keep.
std::unique_ptr<clang::tooling::FrontendActionFactory>
makeTuScanFactory(const TuScanOptions &Opts, TuResult &Out, TuObserver *Observer = nullptr);

/// The key under which a handler is merged across TUs: its name if it has
/// external linkage, "file:name" if it is static.
std::string handlerKey(llvm::StringRef Name, bool IsStatic, llvm::StringRef File);

/// The name of an mmap slot of some ops table: `mmap`, `proc_mmap`,
/// `foo_mmap`. The text pass uses it too, so that both agree.
bool isMmapSlotName(llvm::StringRef Name);

} // namespace mmapmigrate

#endif
