//===- Acceptance.cpp - Which planned rewrites are taken, and why not -----===//
#include "rewrites/plan/Acceptance.h"
#include "matchers/core/SourceText.h"
#include "matchers/core/TableFlow.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

namespace mmapmigrate {

bool deferrable(const MmapHandler &H, const Profile &P,
                std::vector<std::pair<unsigned, unsigned>> &Calls) {
  if (!P.HasMappedHook && !P.HasMmapComplete)
    return false;
  MmapHandler Rest = H;
  Rest.Findings.clear();
  for (const Finding &F : H.Findings) {
    if (F.K != Kind::NeedsMapped) {
      Rest.Findings.push_back(F);
      continue;
    }
    if ((F.Rule != "side-effect" && F.Rule != "mapping-lifetime") || F.InLoop)
      return false;
    const SourcePos &At = F.InHelper ? F.Via : F.Pos;
    if (At.File != H.Pos.File)
      return false;
    Calls.push_back({At.Line, At.Col});
  }
  return !Calls.empty() && classifyHandler(Rest).V == Verdict::Convert;
}

std::set<std::string> wordsToLookFor(const Census &C, const RewritePlans &Plans) {
  std::set<std::string> Words;
  for (const auto &[Key, H] : C.Handlers) {
    const EditPlan *Def = Plans.handler(Key);
    if (!H.IsStatic && Def && !Def->refused())
      Words.insert(H.Name);
  }
  bool FieldUses = llvm::any_of(C.MmapUses, [](const MmapMemberUse &U) {
    return llvm::any_of(U.reads(), [](const MmapMemberUse::Read &R) {
      return R.From == TableSource::Field || R.From == TableSource::Param;
    });
  });
  // Callers the scan did not see (unseenCaller()).
  for (const std::string &Place : callPlacesReachingUses(C.MmapUses, C.FieldStores))
    Words.insert(placeWord(Place));
  for (const FopsSite &S : C.Sites) {
    if (const SitePlan *SP = Plans.site(S); SP && !SP->MacroBody.empty())
      Words.insert(SP->MacroBody);
    // A table named where no TU parsed cleanly may be stored there into a
    // field a barrier reads (TableReach.h).
    if (!S.Table.empty() && FieldUses)
      Words.insert(S.Table);
  }
  return Words;
}

namespace {

/// "file.c:12": where a slot is, as the reasons name it.
std::string slotWhere(const FopsSite &S) {
  return llvm::sys::path::filename(S.Pos.File).str() + ":" + std::to_string(S.Pos.Line);
}

} // namespace

std::optional<std::string> classifierRefusal(const MmapHandler &H, const Classification &Cl,
                                             const Profile &P, bool Planned) {
  std::vector<std::pair<unsigned, unsigned>> Deferred;
  if (Cl.V == Verdict::Convert || (Planned && deferrable(H, P, Deferred)))
    return std::nullopt;
  std::string Why = Cl.Blocker;
  if (Cl.K && *Cl.K == Kind::NeedsMapped && !P.HasMappedHook && !P.HasMmapComplete)
    Why += "; profile " + P.Name + " has no hook for work that needs the mapping to exist";
  return Why;
}

std::optional<std::string> pageInsertionRefusal(const Classification &Cl) {
  if (*Cl.K != Kind::InsertPages)
    return std::nullopt;
  // Read off the 7.1 API (docs/rewrite-6.12.md, "Page insertion"):
  // map_kernel_pages records desc->pgoff but maps from pages[0], and
  // checks only that the range fits the vma.
  return "page insertion is not rewritten: mmap_action_map_kernel_pages() maps from the "
         "array's first page and checks only that the range fits the vma, where "
         "vm_map_pages() starts at vm_pgoff and fails a vma the array cannot fill";
}

std::optional<std::string> definitionRefusal(const Classification &Cl, const EditPlan *Def) {
  // The core's generic handlers need no edit of a definition.
  if (*Cl.K != Kind::GenericDirect && !Def)
    return "no rewrite was planned for its definition";
  if (Def && Def->refused())
    return Def->Refusal;
  return std::nullopt;
}

std::optional<std::string> macroSlotRefusal(const std::string &Macro, const std::string &Key,
                                            const AcceptanceContext &Ctx) {
  // Editing the #define changes every table it builds, so every use must be
  // a site this run converts.
  std::set<std::pair<std::string, unsigned>> Sites;
  std::string Use;
  for (const FopsSite &S : Ctx.C.Sites) {
    const SitePlan *SP = Ctx.Plans.site(S);
    if (!SP || SP->MacroBody != Macro)
      continue;
    if (S.HandlerKey != Key) {
      Use = relativePath(S.Pos.File, Ctx.Root) + ":" + std::to_string(S.Pos.Line) +
            ", where it builds a table for " + S.Handler;
      break;
    }
    Sites.insert({realPath(S.Pos.File), S.Pos.Line});
  }
  if (Use.empty())
    Use = Ctx.Mentions().find(Macro, [&](const std::string &F, llvm::StringRef Text, size_t At,
                                         unsigned Line) -> std::string {
      // The logical line: back over continued lines to its start.
      size_t Start = Text.rfind('\n', At);
      while (Start != llvm::StringRef::npos && Start > 0 && Text[Start - 1] == '\\')
        Start = Text.rfind('\n', Start - 1);
      llvm::StringRef Logical = Text.substr(Start == llvm::StringRef::npos ? 0 : Start + 1).ltrim();
      std::string Where = relativePath(F, Ctx.Root) + ":" + std::to_string(Line);
      if (Logical.consume_front("#")) {
        if (Logical.ltrim().starts_with("define") &&
            Logical.ltrim().drop_front(6).ltrim().starts_with(Macro))
          return ""; // Its own #define.
        return Where + ", inside another preprocessor directive";
      }
      return Sites.count({realPath(F), Line}) ? ""
                                              : Where + ", which this configuration does not build";
    });
  if (Use.empty())
    return std::nullopt;
  return "the slot is written by macro " + Macro + ", which is also used at " + Use +
         ": the macro is rewritten only when all its users convert";
}

std::optional<std::string> slotRefusal(const FopsSite &S, const SitePlan *Plan) {
  if (!Plan)
    return "the slot in '" + S.Table + "' (" + slotWhere(S) + ") is " +
           (S.Macro.empty() ? "not a designated initialiser (" + S.Form + ")"
                            : "built by macro " + S.Macro +
                                  ": the macro is rewritten only when all its users convert");
  if (Plan->Slot.refused())
    return Plan->Slot.Refusal + " ('" + S.Table + "', " + slotWhere(S) + ")";
  return std::nullopt;
}

std::optional<std::string> addedSlotRefusal(const FopsSite &S, const SitePlan &Plan,
                                            const EditPlan &Def) {
  if (Def.AddedSlots.empty() || (!Plan.AddedSlot.refused() && !Plan.AddedSlot.Edits.empty()))
    return std::nullopt;
  return "cannot add ." + Def.AddedSlots.front() + " next to the slot in '" + S.Table + "' (" +
         slotWhere(S) + "): " + Plan.AddedSlot.Refusal;
}

std::optional<std::string> unrenamedMentionRefusal(const MmapHandler &H, const Classification &Cl,
                                                   const std::vector<Edit> &Edits,
                                                   const AcceptanceContext &Ctx) {
  // Renaming a function other files can call is safe only when every
  // mention moves with it.
  if (H.IsStatic || *Cl.K == Kind::GenericDirect)
    return std::nullopt;
  std::string Where = Ctx.Mentions().find(H.Name, [&](const std::string &F, llvm::StringRef,
                                                      size_t At, unsigned Line) -> std::string {
    std::string Real = realPath(F);
    bool Renamed = std::any_of(Edits.begin(), Edits.end(), [&](const Edit &E) {
      return E.File == Real && E.Offset == At && E.Length == H.Name.size();
    });
    return Renamed ? "" : relativePath(F, Ctx.Root) + ":" + std::to_string(Line);
  });
  if (Where.empty())
    return std::nullopt;
  return H.Name + "() is not static and is also named at " + Where +
         ", which the rewrite does not change";
}

std::optional<std::string> macroNameRefusal(const MmapHandler &H,
                                            const std::vector<const FopsSite *> &Sites,
                                            const RewritePlans &Plans) {
  for (const std::string &M : H.NamedInMacros) {
    bool Rewritten = std::any_of(Sites.begin(), Sites.end(), [&](const FopsSite *S) {
      const SitePlan *SP = Plans.site(*S);
      return SP && SP->MacroBody == M;
    });
    if (!Rewritten)
      return H.Name + " is also named in the definition of macro " + M +
             ", which the rewrite does not change";
  }
  return std::nullopt;
}

namespace {

/// The edits of every slot naming the handler, or why one cannot be made.
std::optional<std::string> takeSlots(const MmapHandler &H, const EditPlan &Def,
                                     const std::vector<const FopsSite *> &Sites,
                                     const AcceptanceContext &Ctx,
                                     llvm::function_ref<void(const EditPlan &)> Take) {
  std::set<std::string> MacrosChecked; // One tree look per macro, not per site.
  for (const FopsSite *S : Sites) {
    const SitePlan *SP = Ctx.Plans.site(*S);
    if (SP && !SP->Slot.refused() && !SP->MacroBody.empty() &&
        MacrosChecked.insert(SP->MacroBody).second)
      if (auto Why = macroSlotRefusal(SP->MacroBody, H.Key, Ctx))
        return Why;
    if (auto Why = slotRefusal(*S, SP))
      return Why;
    Take(SP->Slot);
    if (auto Why = addedSlotRefusal(*S, *SP, Def))
      return Why;
    if (!Def.AddedSlots.empty())
      Take(SP->AddedSlot);
  }
  return std::nullopt;
}

} // namespace

std::string unseenFieldStore(const std::string &Table, const std::string &Field,
                             const AcceptanceContext &Ctx) {
  llvm::Regex Store("(\\.|->)[[:space:]]*" + llvm::StringRef(Field).rsplit("::").second.str() +
                    "[[:space:]]*=([^=]|$)");
  return Ctx.Mentions().find(Table, [&](const std::string &File, llvm::StringRef Code, size_t At,
                                        unsigned Line) -> std::string {
    if (!llvm::StringRef(File).ends_with(".c") || Ctx.C.CleanTus.count(File))
      return "";
    size_t Begin = Code.substr(0, At).find_last_of(";{},");
    llvm::StringRef Statement =
        Code.slice(Begin == llvm::StringRef::npos ? 0 : Begin + 1, Code.find_first_of(";},", At));
    if (!Store.match(Statement))
      return "";
    return relativePath(File, Ctx.Root) + ":" + std::to_string(Line) +
           " stores it into a member of that name, and no TU parsed that file cleanly";
  });
}

std::string unseenCaller(const std::string &Place, const AcceptanceContext &Ctx) {
  bool Member = isMemberCallPlace(Place);
  return Ctx.Mentions().find(placeWord(Place), [&](const std::string &File, llvm::StringRef Code,
                                                   size_t At, unsigned Line) -> std::string {
    if (!llvm::StringRef(File).ends_with(".c") || Ctx.C.CleanTus.count(File))
      return "";
    if (Member && !isMemberCallAt(Code, At, placeWord(Place).size()))
      return "";
    return relativePath(File, Ctx.Root) + ":" + std::to_string(Line) +
           (Member ? " calls through a member of that name" : " names " + placeWord(Place) + "()") +
           ", and no TU parsed that file cleanly";
  });
}

std::string unseenStoreInto(const std::string &Table, const std::string &Place,
                            const AcceptanceContext &Ctx) {
  return isCallPlace(Place) ? unseenCaller(Place, Ctx) : unseenFieldStore(Table, Place, Ctx);
}

std::optional<std::string> barrierRefusalOf(const std::vector<const FopsSite *> &Sites,
                                            const AcceptanceContext &Ctx) {
  if (!Ctx.Barriers)
    return std::nullopt;
  std::vector<std::string> Tables;
  for (const FopsSite *S : Sites)
    Tables.push_back(S->Table);
  auto Unseen = [&](const std::string &Table, const std::string &Place) {
    return unseenStoreInto(Table, Place, Ctx);
  };
  std::string Why = barrierRefusal(*Ctx.Barriers, Tables, Unseen);
  if (Why.empty())
    return std::nullopt;
  return Why;
}

HandlerDecision decideHandler(const MmapHandler &H, const Classification &Cl,
                              const std::vector<const FopsSite *> &Sites,
                              const AcceptanceContext &Ctx) {
  HandlerDecision D;
  auto Take = [&](const EditPlan &EP) {
    D.Edits.insert(D.Edits.end(), EP.Edits.begin(), EP.Edits.end());
    for (const auto &[F, Hash] : EP.FileHashes)
      D.Hashes[F] = Hash;
  };
  const EditPlan *Def = Ctx.Plans.handler(H.Key);
  const EditPlan None;
  std::optional<std::string> Why = classifierRefusal(H, Cl, Ctx.P, Def != nullptr);
  if (!Why)
    Why = pageInsertionRefusal(Cl);
  if (!Why)
    Why = definitionRefusal(Cl, Def);
  if (!Why) {
    Take(Def ? *Def : None);
    Why = takeSlots(H, Def ? *Def : None, Sites, Ctx, Take);
  }
  if (!Why)
    Why = unrenamedMentionRefusal(H, Cl, D.Edits, Ctx);
  if (!Why)
    Why = macroNameRefusal(H, Sites, Ctx.Plans);
  if (!Why)
    Why = barrierRefusalOf(Sites, Ctx);
  if (Why) {
    D.Why = *Why;
    return D;
  }
  if (Def)
    D.Notes = Def->Notes;
  // State left in prepare on purpose: the patch says which and why.
  for (const EffectClaim &C : H.Claims)
    if (C.Rule == "sticky-state")
      D.Notes.push_back("line " + std::to_string(C.Pos.Line) + " still " + C.Text);
  return D;
}

} // namespace mmapmigrate
