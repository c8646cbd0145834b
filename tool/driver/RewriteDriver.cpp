//===- RewriteDriver.cpp - Plan and carry out the ->mmap_prepare port -----===//
#include "tool/driver/RewriteDriver.h"
#include "matchers/classify/CensusMerge.h"
#include "rewrites/edit/ActionRewriter.h"
#include "rewrites/edit/HandlerRewriter.h"
#include "rewrites/edit/SlotRewriter.h"
#include "rewrites/verify/Verifier.h"
#include "tool/kbuild/CompileDb.h"
#include "matchers/core/SourceText.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>

namespace mmapmigrate {

llvm::Expected<Profile> chooseProfile(llvm::StringRef Name, llvm::StringRef TreeRoot,
                                      std::string &Why) {
  auto All = loadProfiles(defaultProfileDir());
  if (!All)
    return All.takeError();
  if (!Name.empty()) {
    for (const Profile &P : *All)
      if (P.Name == Name) {
        Why = "profile " + P.Name + " (--profile)";
        return P;
      }
    std::string Known;
    for (const Profile &P : *All)
      Known += (Known.empty() ? "" : ", ") + P.Name;
    return usageError("unknown profile '" + Name.str() + "' (" + Known + ")");
  }
  // What the tree's own headers declare decides, when they know the hook.
  std::vector<std::string> Declared;
  std::string Text;
  for (const char *H : {"include/linux/mm.h", "include/linux/mm_types.h", "include/linux/fs.h"}) {
    llvm::SmallString<256> Path(TreeRoot);
    llvm::sys::path::append(Path, H);
    std::string One;
    if (readSourceText(Path, One))
      Text += One;
  }
  for (const Profile &P : *All)
    for (const auto *List : {&P.DetectRequires, &P.DetectAbsent})
      for (const std::string &Id : *List)
        if (Text.find(Id) != std::string::npos)
          Declared.push_back(Id);
  if (const Profile *P = detectProfile(*All, Declared)) {
    Why = "profile " + P->Name + " (detected from the tree's headers)";
    return *P;
  }
  for (const Profile &P : *All)
    if (P.Name == "7.1") {
      Why = "profile 7.1 (default: the tree's headers do not declare the ->mmap_prepare API)";
      return P;
    }
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "the default profile 7.1 is missing from " +
                                     defaultProfileDir());
}

/// Edits of the converted handlers, normalized.
llvm::Expected<std::vector<Edit>> collectEdits(const RewritePlan &Plan) {
  std::vector<Edit> All;
  for (const FixGroup &G : Plan.Fixes)
    All.insert(All.end(), G.Edits.begin(), G.Edits.end());
  return normalizeEdits(std::move(All));
}

/// The TUs to parse again when \p Files change: those among them with a
/// compile command, and for a handler of \p Owners defined in a header,
/// the TUs of its slots.
std::vector<std::string> tusToVerify(const std::vector<std::string> &Files,
                                     const clang::tooling::CompilationDatabase &DB,
                                     const Census *C, const std::vector<const MmapHandler *> &Owners) {
  std::vector<std::string> Mains;
  for (const std::string &F : Files)
    if (!DB.getCompileCommands(F).empty())
      Mains.push_back(F);
  if (C)
    for (const MmapHandler *H : Owners)
      if (DB.getCompileCommands(H->Pos.File).empty())
        for (const FopsSite &S : C->Sites)
          if (S.HandlerKey == H->Key && !DB.getCompileCommands(S.Pos.File).empty())
            Mains.push_back(S.Pos.File);
  std::sort(Mains.begin(), Mains.end());
  Mains.erase(std::unique(Mains.begin(), Mains.end()), Mains.end());
  return Mains;
}

/// verifyEdits, plus for a handler of \p Owners defined in a header the
/// TUs of its slots (from \p C).
llvm::Expected<std::map<std::string, std::string>>
verifyEditsOf(const RewritePlan &Plan, const Profile &P, const std::vector<Edit> &Edits,
              const std::vector<std::string> &Files, const Census *C,
              const std::vector<const MmapHandler *> &Owners) {
  auto Contents = rewrittenContents(Edits);
  if (!Contents)
    return Contents.takeError();
  std::map<std::string, std::string> New;
  for (const auto &[File, OldNew] : *Contents)
    New[File] = OldNew.second;
  std::vector<std::string> Mains = tusToVerify(Files, *Plan.DB, C, Owners);
  return verifyRewrittenTus(*Plan.DB, Mains, New, P, Plan.Verify);
}

llvm::Expected<std::map<std::string, std::string>>
verifyEdits(const RewritePlan &Plan, const Profile &P, const std::vector<Edit> &Edits,
            const std::vector<std::string> &Files) {
  return verifyEditsOf(Plan, P, Edits, Files, nullptr, {});
}

/// Re-parses every TU the edits touch; handlers whose edits sit in a TU
/// that no longer compiles are taken back, with the compiler's message.
llvm::Error verifyPlan(RewritePlan &Plan, const ScanOutcome &Scan, const Profile &P) {
  std::vector<std::string> Files;
  for (const Edit &E : Plan.Edits) // Sorted: one file's edits are together.
    if (Files.empty() || Files.back() != E.File)
      Files.push_back(E.File);
  std::vector<const MmapHandler *> Owners;
  for (const HandlerOutcome &O : Plan.Outcomes)
    if (O.Converted)
      Owners.push_back(&O.H);
  auto Verified = verifyEditsOf(Plan, P, Plan.Edits, Files, &Scan.C, Owners);
  if (!Verified)
    return Verified.takeError();
  std::map<std::string, std::string> &Failed = *Verified;
  if (Failed.empty())
    return llvm::Error::success();

  for (HandlerOutcome &O : Plan.Outcomes) {
    if (!O.Converted)
      continue;
    auto G = std::find_if(Plan.Fixes.begin(), Plan.Fixes.end(),
                          [&](const FixGroup &F) { return F.Owner == O.H.Key; });
    std::string Broken;
    if (G != Plan.Fixes.end()) {
      for (const Edit &E : G->Edits)
        if (Failed.count(E.File))
          Broken = Failed[E.File];
      for (const FopsSite &S : Scan.C.Sites)
        if (S.HandlerKey == O.H.Key && Failed.count(S.Pos.File))
          Broken = Failed[S.Pos.File];
    }
    if (Broken.empty())
      continue;
    O.Converted = false;
    O.Why = "the rewritten code does not compile: " + Broken;
    Plan.Fixes.erase(G);
  }
  auto Edits = collectEdits(Plan);
  if (!Edits)
    return Edits.takeError();
  Plan.Edits = std::move(*Edits);
  return llvm::Error::success();
}

/// Sources that can name a handler with external linkage: the whole tree
/// for a kernel tree, else the compiled and scanned files and the headers
/// next to them.
std::vector<std::string> filesThatMayName(const ScanOutcome &Scan) {
  if (isKernelTree(Scan.Root))
    return listSourceFiles(Scan.Root, "", /*Headers=*/true);
  std::set<std::string> Files, Dirs;
  std::vector<std::string> Known = Scan.DB->getAllFiles();
  for (const FopsSite &S : Scan.C.Sites)
    Known.push_back(S.Pos.File);
  for (const auto &[Key, H] : Scan.C.Handlers)
    Known.push_back(H.Pos.File);
  for (const std::string &F : Known) {
    Files.insert(F);
    Dirs.insert(llvm::sys::path::parent_path(F).str());
  }
  std::error_code EC;
  for (const std::string &D : Dirs)
    for (llvm::sys::fs::directory_iterator It(D, EC), End; It != End && !EC; It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".h")
        Files.insert(It->path());
  return {Files.begin(), Files.end()};
}

/// The code (comments blanked: a stale comment breaks nothing) of the files
/// that mention any of the words asked about, read in one pass over the
/// tree however many handlers and macros need checking.
class MentionIndex {
public:
  MentionIndex(const std::vector<std::string> &Files, const std::set<std::string> &Words) {
    for (const std::string &F : Files) {
      std::string Text;
      if (!readSourceText(F, Text) ||
          std::none_of(Words.begin(), Words.end(),
                       [&](const std::string &W) { return Text.find(W) != std::string::npos; }))
        continue;
      Code.emplace(F, blankComments(Text));
    }
  }

  /// Calls \p Each for every whole-word \p Word with the file, its code, the
  /// offset and the line; the first non-empty answer is returned.
  std::string find(const std::string &Word,
                   llvm::function_ref<std::string(const std::string &, llvm::StringRef, size_t,
                                                  unsigned)>
                       Each) const {
    for (const auto &[F, Text] : Code)
      for (size_t At : wordOffsets(Text, Word)) {
        unsigned Line = 1 + std::count(Text.begin(), Text.begin() + At, '\n');
        std::string Answer = Each(F, Text, At, Line);
        if (!Answer.empty())
          return Answer;
      }
    return "";
  }

private:
  std::map<std::string, std::string> Code; ///< Sorted: answers do not depend on listing order.
};

/// The first place in \p Files that names \p Name without an edit of \p Edits
/// renaming it there ("file:line"), or empty. Renaming a function other
/// files can call is safe only when every mention moves with it.
std::string unrenamedMention(const std::string &Name, const std::vector<Edit> &Edits,
                             const MentionIndex &Code, llvm::StringRef Root) {
  return Code.find(Name, [&](const std::string &F, llvm::StringRef, size_t At,
                             unsigned Line) -> std::string {
    std::string Real = realPath(F);
    bool Renamed = std::any_of(Edits.begin(), Edits.end(), [&](const Edit &E) {
      return E.File == Real && E.Offset == At && E.Length == Name.size();
    });
    return Renamed ? "" : relativePath(F, Root) + ":" + std::to_string(Line);
  });
}

/// For a slot written in macro \p Macro's #define: the first use of the
/// macro that is not one of the sites of handler \p Key ("file:line", with
/// why), or empty. Editing the #define changes every table it builds, so
/// every use must be a site this run converts.
std::string macroUseNotConverted(const std::string &Macro, const std::string &Key,
                                 const Census &C, const MentionIndex &Code,
                                 llvm::StringRef Root) {
  std::set<std::pair<std::string, unsigned>> Sites;
  for (const FopsSite &S : C.Sites)
    if (S.MacroBody == Macro) {
      if (S.HandlerKey != Key)
        return relativePath(S.Pos.File, Root) + ":" + std::to_string(S.Pos.Line) +
               ", where it builds a table for " + S.Handler;
      Sites.insert({realPath(S.Pos.File), S.Pos.Line});
    }
  return Code.find(Macro, [&](const std::string &F, llvm::StringRef Text, size_t At,
                              unsigned Line) -> std::string {
    // The logical line: back over continued lines to its start.
    size_t Start = Text.rfind('\n', At);
    while (Start != llvm::StringRef::npos && Start > 0 && Text[Start - 1] == '\\')
      Start = Text.rfind('\n', Start - 1);
    llvm::StringRef Logical = Text.substr(Start == llvm::StringRef::npos ? 0 : Start + 1).ltrim();
    std::string Where = relativePath(F, Root) + ":" + std::to_string(Line);
    if (Logical.consume_front("#")) {
      if (Logical.ltrim().starts_with("define") &&
          Logical.ltrim().drop_front(6).ltrim().starts_with(Macro))
        return ""; // Its own #define.
      return Where + ", inside another preprocessor directive";
    }
    return Sites.count({realPath(F), Line}) ? "" : Where + ", which this configuration does not build";
  });
}

/// A needs-mapped handler that would convert but for calls whose work needs
/// the mapping to exist, when the profile has a hook for such work: the
/// handler's own calls that lead to them (expansion line, column).
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

llvm::Expected<RewritePlan> planRewrite(ScanOptions Opts, const Profile &P,
                                        const std::vector<std::string> &VerifyArgs,
                                        bool Verify) {
  Opts.Tu.PlanKey = "profile " + P.Name + " " + P.Digest;
  // Plans are made while each TU's AST is alive; only handlers the
  // classifier would convert get one.
  Opts.Tu.PlanHandler = [&P](clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
                             MmapHandler &H) {
    // Calls to functions of other files are judged after the merge, on
    // their summaries: plan as if they were harmless, decide then.
    MmapHandler Local = withoutExternCallees(H);
    std::vector<std::pair<unsigned, unsigned>> Deferred;
    if (classifyHandler(Local).V != Verdict::Convert && !deferrable(Local, P, Deferred))
      return;
    H.Rewrite = planHandlerRewrite(Ctx, FD, P, Deferred);
    H.RewritePlanned = true;
  };
  Opts.Tu.PlanSlot = [&P](clang::ASTContext &Ctx, const clang::DesignatedInitExpr *D,
                          FopsSite &S) {
    S.Rewrite = planSlotRewrite(Ctx, D, S.Handler, P, &S.MacroBody);
    S.RewritePlanned = true;
    if (P.HasMmapComplete)
      S.AddedSlot = planAddedSlot(Ctx, D, P.Complete.Slot, completeName(S.Handler, P));
  };
  auto Scan = runScan(Opts);
  if (!Scan)
    return Scan.takeError();

  RewritePlan Plan;
  Plan.Root = Scan->Root;
  Plan.DB = Scan->DB;
  Plan.Verify.TreeRoot = Scan->Root;
  Plan.Verify.ExtraArgsBefore = Opts.ExtraArgsBefore;
  Plan.Verify.ExtraArgs = Opts.ExtraArgs;
  Plan.Verify.ExtraArgs.insert(Plan.Verify.ExtraArgs.end(), VerifyArgs.begin(), VerifyArgs.end());
  Plan.Verify.Jobs = Opts.Jobs;
  std::map<std::string, std::vector<const FopsSite *>> SitesOf;
  for (const FopsSite &S : Scan->C.Sites)
    if (!S.HandlerKey.empty())
      SitesOf[S.HandlerKey].push_back(&S);

  // Renames other files could see: every name and macro to look for, then
  // one pass over the sources that may mention them.
  std::set<std::string> Words;
  for (const auto &[Key, H] : Scan->C.Handlers)
    if (!H.IsStatic && H.RewritePlanned && !H.Rewrite.refused())
      Words.insert(H.Name);
  for (const FopsSite &S : Scan->C.Sites)
    if (!S.MacroBody.empty())
      Words.insert(S.MacroBody);
  std::optional<MentionIndex> Mentions;
  auto Code = [&]() -> const MentionIndex & {
    if (!Mentions)
      Mentions.emplace(filesMentioning(*Scan, filesThatMayName(*Scan), Words), Words);
    return *Mentions;
  };

  std::vector<Edit> All;
  for (const auto &[Key, H] : Scan->C.Handlers) {
    auto SIt = SitesOf.find(Key);
    if (SIt == SitesOf.end())
      continue;
    HandlerOutcome O{H, classifyHandler(H), false, "", (unsigned)SIt->second.size(), {}};
    std::vector<Edit> Edits;
    std::set<std::string> MacrosChecked; // One tree look per macro, not per site.
    std::map<std::string, uint64_t> Hashes;
    auto Take = [&](const EditPlan &EP) {
      Edits.insert(Edits.end(), EP.Edits.begin(), EP.Edits.end());
      for (const auto &[F, Hash] : EP.FileHashes)
        Hashes[F] = Hash;
    };
    std::vector<std::pair<unsigned, unsigned>> Deferred;
    if (O.C.V != Verdict::Convert && !(H.RewritePlanned && deferrable(H, P, Deferred))) {
      O.Why = O.C.Blocker;
      if (O.C.K && *O.C.K == Kind::NeedsMapped && !P.HasMappedHook && !P.HasMmapComplete)
        O.Why += "; profile " + P.Name + " has no hook for work that needs the mapping to exist";
    } else if (*O.C.K == Kind::InsertPages) {
      // vm_map_pages() checks the page count against the vma and honours
      // vm_pgoff; that map_kernel_pages keeps both is not established.
      O.Why = "page insertion is not rewritten: that mmap_action_map_kernel_pages() keeps "
              "vm_map_pages()'s offset and bounds checks is not established";
    } else if (*O.C.K != Kind::GenericDirect && !H.RewritePlanned) {
      O.Why = "no rewrite was planned for its definition";
    } else if (H.Rewrite.refused()) {
      O.Why = H.Rewrite.Refusal;
    } else {
      Take(H.Rewrite);
      for (const FopsSite *S : SIt->second) {
        std::string Where = llvm::sys::path::filename(S->Pos.File).str() + ":" +
                            std::to_string(S->Pos.Line);
        if (S->RewritePlanned && !S->Rewrite.refused() && !S->MacroBody.empty() &&
            MacrosChecked.insert(S->MacroBody).second) {
          std::string Use = macroUseNotConverted(S->MacroBody, Key, Scan->C, Code(), Scan->Root);
          if (!Use.empty()) {
            O.Why = "the slot is written by macro " + S->MacroBody +
                    ", which is also used at " + Use +
                    ": the macro is rewritten only when all its users convert";
            break;
          }
        }
        if (!S->RewritePlanned) {
          O.Why = "the slot in '" + S->Table + "' (" + Where + ") is " +
                  (S->Macro.empty() ? "not a designated initialiser (" + S->Form + ")"
                                    : "built by macro " + S->Macro +
                                          ": the macro is rewritten only when all its "
                                          "users convert");
          break;
        }
        if (S->Rewrite.refused()) {
          O.Why = S->Rewrite.Refusal + " ('" + S->Table + "', " + Where + ")";
          break;
        }
        Take(S->Rewrite);
        if (!H.Rewrite.AddedSlots.empty()) {
          if (S->AddedSlot.refused() || S->AddedSlot.Edits.empty()) {
            O.Why = "cannot add ." + H.Rewrite.AddedSlots.front() + " next to the slot in '" +
                    S->Table + "' (" + Where + "): " + S->AddedSlot.Refusal;
            break;
          }
          Take(S->AddedSlot);
        }
      }
    }
    if (O.Why.empty() && !H.IsStatic && *O.C.K != Kind::GenericDirect) {
      std::string Where = unrenamedMention(H.Name, Edits, Code(), Scan->Root);
      if (!Where.empty())
        O.Why = H.Name + "() is not static and is also named at " + Where +
                ", which the rewrite does not change";
    }
    if (O.Why.empty())
      for (const std::string &M : H.NamedInMacros) {
        bool Rewritten = std::any_of(SIt->second.begin(), SIt->second.end(),
                                     [&](const FopsSite *S) { return S->MacroBody == M; });
        if (!Rewritten) {
          O.Why = H.Name + " is also named in the definition of macro " + M +
                  ", which the rewrite does not change";
          break;
        }
      }
    if (O.Why.empty()) {
      O.Converted = true;
      O.Notes = H.Rewrite.Notes;
      // State left in prepare on purpose: the patch says which and why.
      for (const EffectClaim &C : H.Claims)
        if (C.Rule == "sticky-state")
          O.Notes.push_back("line " + std::to_string(C.Pos.Line) + " still " + C.Text);
      FixGroup G;
      G.Owner = Key;
      G.Check = std::string("mmap-migrate-") + kindId(*O.C.K);
      G.Message = "convert '" + H.Name + "' to ->" + P.Slot + " (profile " + P.Name + ")";
      for (const std::string &N : O.Notes)
        G.Message += "; " + N;
      G.File = Edits.empty() ? H.Pos.File : Edits.front().File;
      G.Offset = Edits.empty() ? 0 : Edits.front().Offset;
      G.Edits = Edits;
      Plan.Fixes.push_back(std::move(G));
      All.insert(All.end(), Edits.begin(), Edits.end());
      Plan.Hashes.insert(Hashes.begin(), Hashes.end());
    }
    Plan.Outcomes.push_back(std::move(O));
  }
  std::sort(Plan.Outcomes.begin(), Plan.Outcomes.end(),
            [](const HandlerOutcome &A, const HandlerOutcome &B) {
              return std::tie(A.H.Pos, A.H.Name) < std::tie(B.H.Pos, B.H.Name);
            });
  auto Norm = normalizeEdits(std::move(All));
  if (!Norm)
    return Norm.takeError();
  Plan.Edits = std::move(*Norm);
  if (Verify && !Plan.Edits.empty())
    if (llvm::Error E = verifyPlan(Plan, *Scan, P))
      return E;
  // The census says what was decided.
  for (const HandlerOutcome &O : Plan.Outcomes) {
    auto It = Scan->C.Handlers.find(O.H.Key);
    if (It != Scan->C.Handlers.end())
      It->second.Planner = MmapHandler::PlannerDecision{O.Converted, O.Why};
  }
  Scan->C.Profile = P.Name;
  Plan.C = std::move(Scan->C);
  Plan.Scan = std::move(*Scan);
  return Plan;
}

} // namespace mmapmigrate
