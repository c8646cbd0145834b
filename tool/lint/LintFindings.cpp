//===- LintFindings.cpp - The ->mmap users a change adds ------------------===//
#include "tool/lint/LintFindings.h"
#include "matchers/core/SourceText.h"
#include "tool/support/AtomicFile.h"
#include "tool/report/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <map>

namespace mmapmigrate {

std::string lintRuleName(LintRule R) {
  switch (R) {
  case LintRule::NewHandler:
    return "new-mmap-handler";
  case LintRule::NewSlot:
    return "new-mmap-slot";
  case LintRule::MmapTest:
    return "f_op-mmap-test";
  case LintRule::MmapCall:
    return "f_op-mmap-call";
  }
  return "";
}

std::string lintRuleId(LintRule R) { return "mmap-migrate-" + lintRuleName(R); }

const char *lintRuleDescription(LintRule R) {
  switch (R) {
  case LintRule::NewHandler:
    return "The change adds a file_operations ->mmap handler. ->mmap is being replaced by "
           "->mmap_prepare, which sees only a struct vm_area_desc; new code should implement "
           "->mmap_prepare.";
  case LintRule::NewSlot:
    return "The change adds a .mmap slot to a struct file_operations. Set .mmap_prepare to a "
           "handler in ->mmap_prepare form instead.";
  case LintRule::MmapTest:
    return "The change tests file_operations->mmap directly. A file that implements "
           "->mmap_prepare has no ->mmap, so the test refuses it; ask the core "
           "(file_has_valid_mmap_hooks(), can_mmap_file()).";
  case LintRule::MmapCall:
    return "The change calls file_operations->mmap directly, which fails for a file that "
           "implements ->mmap_prepare; call vfs_mmap() (call_mmap() on older trees).";
  }
  return "";
}

const std::vector<LintRule> &allLintRules() {
  static const std::vector<LintRule> All = {LintRule::NewHandler, LintRule::NewSlot,
                                            LintRule::MmapTest, LintRule::MmapCall};
  return All;
}

std::string LintFinding::fingerprint(llvm::StringRef Root) const {
  return lintRuleName(Rule) + " " + relativePath(Pos.File, Root) + " " + Symbol;
}

MmapHelpers mmapHelpersOf(llvm::StringRef TreeRoot) {
  MmapHelpers H;
  llvm::SmallString<256> Path(TreeRoot);
  llvm::sys::path::append(Path, "include", "linux", "fs.h");
  auto Text = readWholeFile(Path);
  if (!Text)
    return H;
  llvm::StringRef T = *Text;
  H.HasValidHooks = T.contains("file_has_valid_mmap_hooks(");
  H.HasCanMmap = T.contains("can_mmap_file(");
  H.HasVfsMmap = T.contains("vfs_mmap(");
  H.HasCallMmap = T.contains("call_mmap(");
  return H;
}

namespace {

/// What to use instead of testing or calling f_op->mmap, naming what the
/// tree has.
std::string adviceFor(bool IsCall, const MmapHelpers &H) {
  if (IsCall) {
    if (H.HasVfsMmap)
      return "call vfs_mmap(), which also handles ->mmap_prepare";
    if (H.HasCallMmap)
      return "call call_mmap() (vfs_mmap() from 6.17), which also handles ->mmap_prepare";
    return "call vfs_mmap() (call_mmap() on older trees)";
  }
  if (H.HasCanMmap)
    return "use can_mmap_file()";
  if (H.HasValidHooks)
    return "use file_has_valid_mmap_hooks()";
  return "use can_mmap_file() or file_has_valid_mmap_hooks() (not in this tree yet: they "
         "came with ->mmap_prepare)";
}

class Selector {
public:
  Selector(const RewritePlan &Plan, const ChangeSet &Change, llvm::StringRef Root,
           const MmapHelpers &Helpers)
      : Plan(Plan), Change(Change), Root(Root), Helpers(Helpers) {
    for (const HandlerOutcome &O : Plan.Outcomes)
      OutcomeOf[O.H.Key] = &O;
    for (const FixGroup &G : Plan.Fixes)
      FixOf[G.Owner] = &G;
  }

  std::vector<LintFinding> run() {
    std::map<std::string, std::vector<const FopsSite *>> SitesOf;
    for (const FopsSite &S : Plan.C.Sites) {
      if (!S.HandlerKey.empty())
        SitesOf[S.HandlerKey].push_back(&S);
      else if (!S.IsNull && added(S))
        unresolvedSlot(S);
    }
    for (const auto &[Key, Sites] : SitesOf) {
      auto HIt = Plan.C.Handlers.find(Key);
      if (HIt == Plan.C.Handlers.end())
        continue;
      const MmapHandler &H = HIt->second;
      if (H.HasBody && added(H.Pos)) {
        newHandler(H, Sites);
        continue;
      }
      for (const FopsSite *S : Sites)
        if (added(*S))
          newSlot(H, *S);
    }
    // A pointer only printed is harmless; call_mmap() is the older
    // trees' own dispatcher.
    for (const MmapMemberUse &U : Plan.C.MmapUses)
      if (U.readsSlot() && U.Kind != MmapUseKind::Printed && added(U.Pos))
        use(U);
    std::sort(Out.begin(), Out.end(), [](const LintFinding &A, const LintFinding &B) {
      return std::tie(A.Pos, A.Symbol) < std::tie(B.Pos, B.Symbol);
    });
    return std::move(Out);
  }

private:
  bool added(const SourcePos &P) const {
    return !P.File.empty() && Change.adds(relativePath(P.File, Root), P.Line);
  }
  bool added(const FopsSite &S) const { return added(S.Pos) || added(S.Spelled); }

  static std::string where(const FopsSite &S) {
    return "'" + S.Table + "'" + (S.Macro.empty() ? "" : " (built by macro " + S.Macro + ")");
  }

  /// The suggestion for handler \p H: its rewrite as a diff, limited to
  /// the edits planned for slot \p Only when given (a generic slot: the
  /// core's handler has one group for every slot naming it).
  void suggest(LintFinding &F, const MmapHandler &H, const FopsSite *Only = nullptr) {
    auto OIt = OutcomeOf.find(H.Key);
    auto GIt = FixOf.find(H.Key);
    if (OIt == OutcomeOf.end() || !OIt->second->Converted || GIt == FixOf.end()) {
      std::string Why = OIt != OutcomeOf.end() ? OIt->second->Why : "";
      if (Why.empty())
        Why = classifyHandler(H).Blocker;
      F.WhyNoSuggestion = Why.empty() ? "no rewrite was planned for it" : Why;
      return;
    }
    std::vector<Edit> Edits = GIt->second->Edits;
    if (Only) {
      const SitePlan *SP = Plan.Plans.site(*Only);
      llvm::erase_if(Edits, [&](const Edit &E) {
        return !SP || (!llvm::is_contained(SP->Slot.Edits, E) &&
                       !llvm::is_contained(SP->AddedSlot.Edits, E));
      });
    }
    auto Sorted = normalizeEdits(std::move(Edits));
    if (!Sorted) {
      F.WhyNoSuggestion = llvm::toString(Sorted.takeError());
      return;
    }
    auto Contents = rewrittenContents(*Sorted);
    if (!Contents) {
      F.WhyNoSuggestion = llvm::toString(Contents.takeError());
      return;
    }
    for (const auto &[File, OldNew] : *Contents)
      F.Suggestion += unifiedDiff(OldNew.first, OldNew.second, relativePath(File, Root));
    for (const std::string &N : OIt->second->Notes)
      F.Notes.push_back({H.Pos, N});
  }

  /// The suggestion for use \p U: its edit, when the rewrite takes it.
  void suggest(LintFinding &F, const MmapMemberUse &U) {
    auto O = llvm::find_if(Plan.CoreUses, [&](const CoreUseOutcome &C) { return C.U.Pos == U.Pos; });
    auto P = Plan.Plans.Uses.find(U.Pos);
    if (O == Plan.CoreUses.end() || !O->Rewritten || P == Plan.Plans.Uses.end()) {
      F.WhyNoSuggestion = O == Plan.CoreUses.end() || O->Why.empty() ? "no rewrite was planned for it"
                                                                       : O->Why;
      return;
    }
    auto Sorted = normalizeEdits(P->second.Edits);
    auto Contents = Sorted ? rewrittenContents(*Sorted) : Sorted.takeError();
    if (!Contents) {
      F.WhyNoSuggestion = llvm::toString(Contents.takeError());
      return;
    }
    for (const auto &[File, OldNew] : *Contents)
      F.Suggestion += unifiedDiff(OldNew.first, OldNew.second, relativePath(File, Root));
  }

  void newHandler(const MmapHandler &H, const std::vector<const FopsSite *> &Sites) {
    LintFinding F;
    F.Rule = LintRule::NewHandler;
    F.Pos = H.Pos;
    F.Symbol = H.Name;
    Classification C = classifyHandler(H);
    F.Message = "new ->mmap handler '" + H.Name + "'" +
                (C.K ? std::string(" (") + kindId(*C.K) + ")" : "") +
                ": ->mmap is deprecated, implement ->mmap_prepare instead";
    for (const FopsSite *S : Sites)
      F.Notes.push_back({S->Pos, "->mmap of " + where(*S)});
    suggest(F, H);
    Out.push_back(std::move(F));
  }

  void newSlot(const MmapHandler &H, const FopsSite &S) {
    LintFinding F;
    F.Rule = LintRule::NewSlot;
    F.Pos = S.Pos;
    F.Symbol = S.Table + "." + H.Name;
    F.Message = where(S) + " gets an ->mmap slot ('" + H.Name +
                "'): ->mmap is deprecated, set .mmap_prepare instead";
    if (S.Spelled.Line && !(S.Spelled == S.Pos))
      F.Notes.push_back({S.Spelled, "the slot is written here"});
    if (H.HasBody)
      F.Notes.push_back({H.Pos, "'" + H.Name + "' is defined here"});
    bool Generic = classifyHandler(H).K == Kind::GenericDirect;
    suggest(F, H, Generic ? &S : nullptr);
    Out.push_back(std::move(F));
  }

  void unresolvedSlot(const FopsSite &S) {
    LintFinding F;
    F.Rule = LintRule::NewSlot;
    F.Pos = S.Pos;
    F.Symbol = S.Table + ".?";
    F.Message = where(S) + " gets an ->mmap slot: ->mmap is deprecated, set .mmap_prepare "
                           "instead";
    F.WhyNoSuggestion = "its handler could not be resolved: " + S.Unresolved;
    Out.push_back(std::move(F));
  }

  void use(const MmapMemberUse &U) {
    LintFinding F;
    bool IsCall = U.Kind == MmapUseKind::Call;
    F.Rule = IsCall ? LintRule::MmapCall : LintRule::MmapTest;
    F.Pos = U.Pos;
    F.Symbol = U.Function.empty() ? "(file scope)" : U.Function;
    if (IsCall)
      F.Message = "calls f_op->mmap directly, which fails for files that implement "
                  "->mmap_prepare: " + adviceFor(true, Helpers);
    else if (U.Kind == MmapUseKind::TableTest)
      F.Message = "tests an ops table's ->mmap, which misses tables that implement "
                  "->mmap_prepare: test ->mmap_prepare too";
    else
      F.Message = "tests f_op->mmap directly, which refuses files that implement "
                  "->mmap_prepare: " + adviceFor(false, Helpers);
    suggest(F, U);
    Out.push_back(std::move(F));
  }

  const RewritePlan &Plan;
  const ChangeSet &Change;
  std::string Root;
  const MmapHelpers &Helpers;
  std::map<std::string, const HandlerOutcome *> OutcomeOf;
  std::map<std::string, const FixGroup *> FixOf;
  std::vector<LintFinding> Out;
};

/// The code of \p Line without its comments, as far as one line shows.
std::string withoutComments(llvm::StringRef Line, bool &InBlock) {
  std::string Out;
  for (size_t I = 0; I < Line.size(); ++I) {
    if (InBlock) {
      if (Line.substr(I).starts_with("*/"))
        InBlock = false, ++I;
      continue;
    }
    if (Line.substr(I).starts_with("//"))
      break;
    if (Line.substr(I).starts_with("/*")) {
      InBlock = true, ++I;
      continue;
    }
    Out += Line[I];
  }
  return Out;
}

/// A text finding's symbol: its line's code, blanks folded, so that the
/// fingerprint survives re-indenting.
std::string lineSymbol(std::string Code) {
  std::replace_if(Code.begin(), Code.end(), llvm::isSpace, ' ');
  llvm::SmallVector<llvm::StringRef, 8> Words;
  llvm::StringRef(Code).split(Words, ' ', -1, false);
  std::string Out = "line:";
  for (llvm::StringRef W : Words)
    Out += " " + W.str();
  return Out;
}

} // namespace

std::vector<LintFinding> newMmapUsers(const RewritePlan &Plan, const ChangeSet &Change,
                                      llvm::StringRef Root, const MmapHelpers &Helpers) {
  return Selector(Plan, Change, Root, Helpers).run();
}

std::vector<LintFinding> newMmapUsersFromText(const ChangeSet &Change, llvm::StringRef Root,
                                              const std::vector<NotAnalysed> &NotChecked,
                                              const std::vector<LintFinding> &Parsed,
                                              const Census &C, const MmapHelpers &Helpers) {
  // Lines some parse already accounts for, found or not.
  std::set<std::pair<std::string, unsigned>> Known;
  auto Know = [&](const SourcePos &P) { Known.insert({P.File, P.Line}); };
  for (const LintFinding &F : Parsed)
    Know(F.Pos);
  for (const FopsSite &S : C.Sites)
    Know(S.Pos), Know(S.Spelled);
  for (const OtherTableSite &O : C.OtherTables)
    Know(O.Pos);
  for (const MmapMemberUse &U : C.MmapUses)
    Know(U.Pos);

  static const llvm::Regex Slot("\\.[[:space:]]*mmap[[:space:]]*=");
  static const llvm::Regex Use("f_op[[:space:]]*->[[:space:]]*mmap([^_[:alnum:]]|$)");
  static const llvm::Regex Call("f_op[[:space:]]*->[[:space:]]*mmap[[:space:]]*\\(");
  std::vector<LintFinding> Out;
  // Slots in #if blocks this configuration does not compile: the scan
  // lists them with their line.
  for (const NotAnalysed &N : C.NotAnalysedList) {
    if (!N.Line || !Change.adds(relativePath(N.File, Root), N.Line) ||
        !Known.insert({N.File, N.Line}).second)
      continue;
    LintFinding F;
    F.Rule = LintRule::NewSlot;
    F.Pos = {N.File, N.Line, 0};
    F.FromText = true;
    F.Symbol = "line " + std::to_string(N.Line);
    auto FIt = Change.Files.find(relativePath(N.File, Root));
    if (FIt != Change.Files.end()) {
      bool InBlock = false;
      F.Symbol = lineSymbol(withoutComments(FIt->second.Added.at(N.Line), InBlock));
    }
    F.Message = "a .mmap slot is added: ->mmap is deprecated, set .mmap_prepare instead";
    F.WhyNoSuggestion = "read from the text: " + N.Reason;
    Out.push_back(std::move(F));
  }
  std::map<std::string, std::string> WhyUnparsed; // The first reason per file.
  for (const NotAnalysed &N : NotChecked)
    WhyUnparsed.emplace(N.File, N.Reason);
  for (const auto &[Rel, FC] : Change.Files) {
    llvm::StringRef Ext = llvm::sys::path::extension(Rel);
    if (FC.Deleted || FC.Binary || (Ext != ".c" && Ext != ".h"))
      continue;
    llvm::SmallString<256> Abs(Root);
    llvm::sys::path::append(Abs, Rel);
    auto UIt = WhyUnparsed.find(std::string(Abs));
    bool Header = Ext == ".h";
    if (UIt == WhyUnparsed.end() && !Header)
      continue;
    std::string Why = UIt != WhyUnparsed.end()
                          ? "read from the text: the file was not analysed (" + UIt->second + ")"
                          : "read from the text: no analysed translation unit reaches this "
                            "line of the header";
    bool InBlock = false;
    for (const auto &[Line, Text] : FC.Added) {
      std::string Code = withoutComments(Text, InBlock);
      if (Known.count({std::string(Abs), Line}))
        continue;
      LintFinding F;
      F.Pos = {std::string(Abs), Line, 0};
      F.FromText = true;
      F.Symbol = lineSymbol(Code);
      if (Slot.match(Code)) {
        F.Rule = LintRule::NewSlot;
        F.Message = "a .mmap slot is added (it may belong to another ops table): ->mmap is "
                    "deprecated, set .mmap_prepare instead";
      } else if (Use.match(Code)) {
        bool IsCall = Call.match(Code);
        F.Rule = IsCall ? LintRule::MmapCall : LintRule::MmapTest;
        F.Message = std::string(IsCall ? "calls" : "tests") + " f_op->mmap directly: " +
                    adviceFor(IsCall, Helpers);
      } else {
        continue;
      }
      F.WhyNoSuggestion = Why;
      Out.push_back(std::move(F));
    }
  }
  return Out;
}

} // namespace mmapmigrate
