//===- TuPlanner.cpp - Plan edits while a TU's AST is alive ---------------===//
#include "rewrites/plan/TuPlanner.h"
#include "matchers/classify/Classifier.h"
#include "rewrites/edit/ActionRewriter.h"
#include "rewrites/edit/CoreUseRewriter.h"
#include "rewrites/edit/HandlerRewriter.h"
#include "rewrites/edit/SlotRewriter.h"
#include "rewrites/plan/Acceptance.h"

namespace mmapmigrate {

namespace {

class TuPlanner : public TuObserver {
public:
  TuPlanner(const Profile &P, RewritePlans &Out) : P(P), Out(Out) {}

  void handlerAnalysed(clang::ASTContext &Ctx, const clang::FunctionDecl *Def,
                       const MmapHandler &H) override {
    // Calls to functions of other files are judged after the merge, on
    // their summaries: plan as if they were harmless, decide then.
    // A body conditional is judged after the merge too, once each
    // configuration is planned (BodyConfigPass.h): plan this one's arm.
    MmapHandler Local = withoutBodyConditional(withoutExternCallees(H));
    std::vector<std::pair<unsigned, unsigned>> Deferred;
    if (classifyHandler(Local).V != Verdict::Convert && !deferrable(Local, P, Deferred))
      return;
    InactiveAlias Alias{H.InactiveAliasTarget, H.InactiveStub, H.InactiveAliasOffset,
                        H.InactiveAliasTargetOffset, H.InactiveAliasTargetEnd};
    Out.Handlers.emplace(H.Key, planHandlerRewrite(Ctx, Def, P, Deferred, Alias));
  }

  void designatedSlot(clang::ASTContext &Ctx, const clang::DesignatedInitExpr *D,
                      const FopsSite &S) override {
    SitePlan Plan;
    Plan.Slot = planSlotRewrite(Ctx, D, S.Handler, P, &Plan.MacroBody);
    if (P.HasMmapComplete)
      Plan.AddedSlot = planAddedSlot(Ctx, D, P.Complete.Slot, completeName(S.Handler, P));
    // The first of equal sites is the one the merge keeps.
    Out.Sites.emplace(siteKey(S), std::move(Plan));
  }

  void mmapUse(clang::ASTContext &Ctx, const clang::Expr *E, const MmapMemberUse &U) override {
    // The API's own bodies read the hooks by design (vfs_mmap() calls
    // f_op->mmap): no plan, so nothing can turn them into recursion.
    if (U.Kind == MmapUseKind::Printed || P.isMmapApi(U.Function))
      return;
    // As for a handler in such a file: what the parse dropped is unknown.
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      EditPlan Refused;
      Refused.Refusal = "its file was parsed with errors (uses of the slot may be missing)";
      Out.Uses.emplace(U.Pos, std::move(Refused));
      return;
    }
    Out.Uses.insert_or_assign(U.Pos, planMmapUseRewrite(Ctx, E, U, P));
  }

private:
  const Profile &P;
  RewritePlans &Out;
};

} // namespace

std::string Planner::key() const { return "profile " + P.Name + " " + P.Digest; }

std::unique_ptr<TuObserver> Planner::forTu(RewritePlans &Out) const {
  return std::make_unique<TuPlanner>(P, Out);
}

} // namespace mmapmigrate
