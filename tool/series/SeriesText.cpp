//===- SeriesText.cpp - Subjects, commit messages and cover letters --------===//
#include "tool/series/SeriesText.h"
#include "matchers/core/SourceText.h"

#include "rewrites/edit/HandlerRewriter.h"
#include "rewrites/profiles/Profile.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <map>
#include <set>

namespace mmapmigrate {

const char *const SeriesSummary = "replace deprecated mmap hook with mmap_prepare";

namespace {

/// "struct vm_area_desc" from "struct vm_area_desc *desc".
std::string descriptorType(const Profile &P) {
  llvm::StringRef Decl(P.ParamDecl);
  size_t Star = Decl.find('*');
  std::string Type = Decl.take_front(Star).trim().str();
  return Type.empty() ? "struct vm_area_desc" : Type;
}

std::string why(const Profile &P) {
  return "The f_op->mmap hook is deprecated in favour of f_op->" + P.Slot +
         ", which describes the mapping to be made through a " + descriptorType(P) +
         " before the VMA exists, so that a failure leaves nothing to undo.";
}

/// The helper a generic wrapper calls, from its evidence.
std::string wrappedHelper(const MmapHandler &H) {
  for (const Finding &F : H.Findings)
    if (F.Rule == "generic-call" && !F.Detail.empty())
      return F.Detail;
  return "";
}

/// One sentence on what changes in a converted handler.
std::string conversionSentence(const HandlerOutcome &O, const Profile &P) {
  const MmapHandler &H = O.H;
  std::string New = preparedName(H.Name, P);
  std::string S = "Convert " + H.Name + "() to " + New + "()";
  Kind K = O.C.K ? *O.C.K : Kind::PureSetup;
  std::string Clause = kindCommitSentence(K);
  if (Clause.empty())
    Clause = kindCommitSentence(Kind::PureSetup);
  // The kind table says what changes; the profile says where work goes.
  std::string Helper = wrappedHelper(H);
  std::string Hook = P.HasMappedHook ? "vm_ops->" + P.Mapped.Member : "f_op->" + P.Complete.Slot;
  if (K == Kind::RemapPfn && P.HasMmapComplete)
    S += " and " + H.Name + P.Complete.Suffix + "()";
  auto Filled = fillTemplate(
      Clause,
      {{"helper", Helper.empty() ? "a generic ->mmap helper" : Helper + "()"},
       {"helper_prepare",
        Helper.empty() ? "that helper's _prepare form" : preparedName(Helper, P) + "()"},
       {"remap", P.HasMmapComplete
                     ? "needs the VMA, so it moves to f_op->" + P.Complete.Slot +
                           ", which runs once the VMA is set up"
                     : "is now requested as an mmap action, which the core carries out once "
                       "the VMA is set up"},
       {"hook", Hook}});
  if (!Filled) {
    llvm::consumeError(Filled.takeError()); // A bad kind table: say less, not wrong.
    Filled = std::string(kindCommitSentence(Kind::PureSetup));
  }
  S += ": " + *Filled;
  S += ".";
  if (!H.IsStatic)
    S += " " + H.Name + "() is not static: its declarations and every user change "
         "with it, in this patch.";
  return S;
}

} // namespace

std::string patchSubject(llvm::StringRef Prefix, const Profile &P) {
  std::string Subject = Prefix.str() + ": " + SeriesSummary;
  if (P.Slot != "mmap_prepare")
    Subject = Prefix.str() + ": replace deprecated mmap hook with " + P.Slot;
  if (Subject.size() > 75)
    Subject = Prefix.str() + ": convert to " + P.Slot;
  return Subject;
}

std::string wrapParagraph(llvm::StringRef Text, unsigned Width, llvm::StringRef First,
                          llvm::StringRef Rest) {
  std::string Out, Line = First.str();
  bool Empty = true;
  llvm::SmallVector<llvm::StringRef, 32> Words;
  Text.split(Words, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef W : Words) {
    if (!Empty && Line.size() + 1 + W.size() > Width) {
      Out += Line + "\n";
      Line = Rest.str();
      Empty = true;
    }
    if (!Empty)
      Line += ' ';
    Line += W.str();
    Empty = false;
  }
  if (!Empty)
    Out += Line + "\n";
  return Out;
}

std::string subjectOf(const SeriesPatch &Patch, const Profile &P) {
  if (Patch.CoreOwner == CoreCallsOwner)
    return Patch.Prefix + ": map files with " + P.MmapCall + "(), not f_op->mmap or call_mmap()";
  if (Patch.CoreOwner == CoreTestsOwner)
    return Patch.Prefix + ": test for either mmap hook with " + P.MmapHooksTest + "()";
  if (Patch.CoreOwner == CoreTableTestsOwner)
    return Patch.Prefix + ": also test for ->" + P.Slot + " where ->mmap is tested";
  return patchSubject(Patch.Prefix, P);
}

namespace {

/// "do_mmap() in mm/mmap.c, ..." for the uses of a core patch.
std::string usersOf(const SeriesPatch &Patch, llvm::StringRef Root) {
  std::vector<std::string> Seen;
  for (const CoreUseOutcome *O : Patch.CoreUses) {
    std::string One = (O->U.Function.empty() ? std::string("file scope")
                                             : O->U.Function + "()") +
                      " in " + relativePath(O->U.Pos.File, Root);
    if (!llvm::is_contained(Seen, One))
      Seen.push_back(One);
  }
  std::string Out;
  for (size_t I = 0; I < Seen.size(); ++I)
    Out += (I == 0 ? "" : I + 1 == Seen.size() ? " and " : ", ") + Seen[I];
  return Out;
}

std::string coreMessage(const SeriesPatch &Patch, const Profile &P, llvm::StringRef Root,
                        llvm::StringRef Signoff) {
  std::string Body = subjectOf(Patch, P) + "\n\n";
  if (Patch.CoreOwner == CoreCallsOwner) {
    Body += wrapParagraph("A file that implements ->" + P.Slot + " has no ->mmap: code that "
                          "calls f_op->mmap itself, or call_mmap(), which did only that, calls "
                          "a NULL pointer for it. " + P.MmapCall + "() calls whichever hook "
                          "the file has, and ->mmap exactly as before.") + "\n";
    Body += wrapParagraph("Call it in " + usersOf(Patch, Root) + ".") + "\n";
  } else if (Patch.CoreOwner == CoreTableTestsOwner) {
    Body += wrapParagraph("A table that implements ->" + P.Slot + " has no ->mmap: a test "
                          "of ->mmap alone takes it for a table that cannot be mapped, and "
                          "the code the test guards goes the wrong way for it.") + "\n";
    Body += wrapParagraph("Test ->" + P.Slot + " too in " + usersOf(Patch, Root) + ". This "
                          "relies on the patches before it: no call of ->mmap is left that a "
                          "table these tests now let through could reach.") + "\n";
  } else {
    Body += wrapParagraph("A test of f_op->mmap refuses a file that implements only ->" +
                          P.Slot + ": mapping or executing it fails with -ENODEV. " +
                          P.MmapHooksTest + "() asks about either hook, and is false for a "
                          "file with both.") + "\n";
    Body += wrapParagraph("Use it in " + usersOf(Patch, Root) + ". This relies on the "
                          "previous patch: no caller calls f_op->mmap directly any more, so a "
                          "file these tests now let through is mapped through its own hook.") +
            "\n";
  }
  Body += "No functional change for files that implement ->mmap.\n\n";
  Body += "Generated with mmap-migrate " MMAP_MIGRATE_VERSION " (profile " + P.Name + ").\n\n";
  Body += "Signed-off-by: " + Signoff.str() + "\n";
  return Body;
}

} // namespace

std::string commitMessage(const SeriesPatch &Patch, const Profile &P, llvm::StringRef Signoff,
                          llvm::StringRef Root) {
  if (!Patch.CoreOwner.empty())
    return coreMessage(Patch, P, Root, Signoff);
  std::string Body = patchSubject(Patch.Prefix, P) + "\n\n";
  Body += wrapParagraph(why(P)) + "\n";
  // Slots that name the core's helper: the same one-line change each.
  std::vector<const HandlerOutcome *> Generic;
  for (const HandlerOutcome *O : Patch.Handlers)
    if (O->C.K && *O->C.K == Kind::GenericDirect)
      Generic.push_back(O);
  if (!Generic.empty()) {
    std::string What = "Point the file_operations that use ";
    unsigned Slots = 0;
    for (size_t I = 0; I < Generic.size(); ++I) {
      What += (I == 0 ? "" : I + 1 == Generic.size() ? " or " : ", ") + Generic[I]->H.Name + "()";
      Slots += Generic[I]->Sites;
    }
    What += " as their ->mmap hook at the helper's ->" + P.Slot + " form instead (";
    for (size_t I = 0; I < Generic.size(); ++I)
      What += (I == 0 ? "" : ", ") + preparedName(Generic[I]->H.Name, P) + "()";
    What += llvm::formatv("), in {0} {1}. The helpers set the mapping up the same way.", Slots,
                          Slots == 1 ? "table" : "tables")
                .str();
    Body += wrapParagraph(What) + "\n";
  }
  for (const HandlerOutcome *O : Patch.Handlers)
    if (!O->C.K || *O->C.K != Kind::GenericDirect)
      Body += wrapParagraph(conversionSentence(*O, P)) + "\n";
  bool Caveats = false;
  for (const HandlerOutcome *O : Patch.Handlers)
    for (const std::string &N : O->Notes) {
      Body += wrapParagraph("Note for " + preparedName(O->H.Name, P) + "(): " + N + ".") + "\n";
      Caveats = true;
    }
  if (!Caveats)
    Body += "No functional change intended.\n\n";
  Body += "Generated with mmap-migrate " MMAP_MIGRATE_VERSION " (profile " + P.Name + ").\n\n";
  Body += "Signed-off-by: " + Signoff.str() + "\n";
  return Body;
}

std::string coverSubject(const Profile &P, const CoverFacts &F) {
  std::string S = llvm::formatv("convert {0} ->mmap {1} to ->{2}", F.Handlers,
                                F.Handlers == 1 ? "handler" : "handlers", P.Slot)
                      .str();
  if (F.Parts > 1)
    S += llvm::formatv(" (part {0}/{1})", F.Part, F.Parts).str();
  return S;
}

std::string coverBody(const RewritePlan &Plan, const Profile &P, const CoverFacts &F) {
  std::string Out = wrapParagraph(why(P)) + "\n";

  unsigned Converted = 0, Slots = 0;
  std::set<std::string> Files;
  for (const HandlerOutcome &O : Plan.Outcomes)
    if (O.Converted) {
      ++Converted;
      Slots += O.Sites;
    }
  for (const Edit &E : Plan.Edits)
    Files.insert(E.File);
  Out += wrapParagraph(llvm::formatv("mmap-migrate converted {0} {1}, used by {2} "
                                     "file_operations, in {3} {4}; this {5} carries {6} "
                                     "of those patches. Target API: {7}: {8}.",
                                     Converted, Converted == 1 ? "handler" : "handlers", Slots,
                                     Files.size(), Files.size() == 1 ? "file" : "files",
                                     F.Parts > 1 ? "part" : "series", F.Patches, F.ProfileWhy,
                                     P.Description)
                           .str()) +
         "\n";
  if (F.Parts > 1)
    Out += wrapParagraph(llvm::formatv("This is part {0} of {1}; it applies on top of the "
                                       "parts before it, and every part has the same census "
                                       "below.",
                                       F.Part, F.Parts)
                             .str()) +
           "\n";
  if (!F.TreeHasApi)
    Out += wrapParagraph("The base tree's headers do not declare this API yet: the series "
                         "depends on the core changes that add it. Each patch was checked "
                         "against mmap-migrate's declarations of the API.") +
           "\n";
  Out += wrapParagraph("Every patch applies in order on the base commit below, and after each "
                       "one every C file it touches was parsed again with clang (" +
                       F.Config + ") without errors.") +
         "\n";

  // The census: every handler a table names, by kind.
  std::map<std::string, std::pair<unsigned, unsigned>> ByKind;
  for (const HandlerOutcome &O : Plan.Outcomes) {
    auto &[Done, Left] = ByKind[O.C.K ? kindId(*O.C.K) : "not-analysed"];
    ++(O.Converted ? Done : Left);
  }
  Out += "Handlers in the tree, by kind:\n\n";
  Out += llvm::formatv("  {0,-18} {1,8} {2,10} {3,11}\n", "kind", "handlers", "converted",
                       "left alone")
             .str();
  unsigned TotalDone = 0, TotalLeft = 0;
  auto Row = [&](llvm::StringRef Name, unsigned Done, unsigned Left) {
    Out += llvm::formatv("  {0,-18} {1,8} {2,10} {3,11}\n", Name, Done + Left, Done, Left).str();
  };
  for (Kind K : allKinds()) {
    auto It = ByKind.find(kindId(K));
    if (It == ByKind.end())
      continue;
    Row(kindId(K), It->second.first, It->second.second);
    TotalDone += It->second.first;
    TotalLeft += It->second.second;
  }
  if (auto It = ByKind.find("not-analysed"); It != ByKind.end()) {
    Row("not-analysed", It->second.first, It->second.second);
    TotalDone += It->second.first;
    TotalLeft += It->second.second;
  }
  Row("total", TotalDone, TotalLeft);
  Out += "\n";

  if (TotalLeft) {
    Out += "Left alone, with the reason:\n\n";
    for (const HandlerOutcome &O : Plan.Outcomes) {
      if (O.Converted)
        continue;
      std::string Why = O.Why.empty() ? O.C.Blocker : O.Why;
      if (Why.empty())
        Why = "needs a manual conversion";
      Out += wrapParagraph(relativePath(O.H.Pos.File, Plan.Root) + ": " + O.H.Name + "(): " +
                               Why,
                           75, "  ", "    ");
    }
    Out += "\n";
  }
  return Out;
}

} // namespace mmapmigrate
