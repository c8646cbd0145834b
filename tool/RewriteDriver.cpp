//===- RewriteDriver.cpp - Plan and carry out the ->mmap_prepare port -----===//
#include "tool/RewriteDriver.h"
#include "rewrites/HandlerRewriter.h"
#include "tool/Prefilter.h"

#include "llvm/Support/Path.h"

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
    return llvm::make_error<UsageError>("unknown profile '" + Name.str() + "' (" + Known + ")");
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

llvm::Expected<RewritePlan> planRewrite(ScanOptions Opts, const Profile &P) {
  // Plans are made while each TU's AST is alive; only handlers the
  // classifier would convert get one.
  Opts.Tu.PlanHandler = [&P](clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
                             MmapHandler &H) {
    if (classifyHandler(H).V != Verdict::Convert)
      return;
    H.Rewrite = planHandlerRewrite(Ctx, FD, P);
    H.RewritePlanned = true;
  };
  Opts.Tu.PlanSlot = [&P](clang::ASTContext &Ctx, const clang::DesignatedInitExpr *D,
                          FopsSite &S) {
    S.Rewrite = planSlotRewrite(Ctx, D, S.Handler, P);
    S.RewritePlanned = true;
  };
  auto Scan = runScan(Opts);
  if (!Scan)
    return Scan.takeError();

  RewritePlan Plan;
  Plan.Root = Scan->Root;
  std::map<std::string, std::vector<const FopsSite *>> SitesOf;
  for (const FopsSite &S : Scan->C.Sites)
    if (!S.HandlerKey.empty())
      SitesOf[S.HandlerKey].push_back(&S);

  std::vector<Edit> All;
  for (const auto &[Key, H] : Scan->C.Handlers) {
    auto SIt = SitesOf.find(Key);
    if (SIt == SitesOf.end())
      continue;
    HandlerOutcome O{H, classifyHandler(H), false, "", (unsigned)SIt->second.size()};
    std::vector<Edit> Edits;
    std::map<std::string, uint64_t> Hashes;
    auto Take = [&](const EditPlan &EP) {
      Edits.insert(Edits.end(), EP.Edits.begin(), EP.Edits.end());
      for (const auto &[F, Hash] : EP.FileHashes)
        Hashes[F] = Hash;
    };
    if (O.C.V != Verdict::Convert) {
      O.Why = O.C.Blocker;
    } else if (*O.C.K == Kind::RemapPfn || *O.C.K == Kind::InsertPages) {
      O.Why = "PFN remaps and page insertion are not rewritten yet (mmap actions come next)";
    } else if (*O.C.K != Kind::GenericDirect && !H.RewritePlanned) {
      O.Why = "no rewrite was planned for its definition";
    } else if (H.Rewrite.refused()) {
      O.Why = H.Rewrite.Refusal;
    } else {
      Take(H.Rewrite);
      for (const FopsSite *S : SIt->second) {
        std::string Where = llvm::sys::path::filename(S->Pos.File).str() + ":" +
                            std::to_string(S->Pos.Line);
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
      }
    }
    if (O.Why.empty()) {
      O.Converted = true;
      FixGroup G;
      G.Check = std::string("mmap-migrate-") + kindId(*O.C.K);
      G.Message = "convert '" + H.Name + "' to ->" + P.Slot + " (profile " + P.Name + ")";
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
  return Plan;
}

} // namespace mmapmigrate
