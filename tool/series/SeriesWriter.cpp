//===- SeriesWriter.cpp - A rewrite plan as git format-patch files ---------===//
#include "tool/series/SeriesWriter.h"
#include "matchers/core/SourceText.h"

#include "rewrites/apply/EditApplier.h"
#include "tool/support/AtomicFile.h"
#include "tool/series/Maintainers.h"
#include "tool/series/SeriesPlan.h"
#include "tool/series/SeriesText.h"
#include "tool/support/Subprocess.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <ctime>
#include <map>
#include <optional>
#include <set>

namespace fs = llvm::sys::fs;

namespace mmapmigrate {
namespace {

llvm::Error failure(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

/// Removes a directory tree when it goes out of scope, unless released.
struct DirCleanup {
  std::string Path;
  ~DirCleanup() {
    if (!Path.empty())
      (void)fs::remove_directories(Path);
  }
};

/// The groupings a series needs from the tree: MAINTAINERS sections for
/// units, git history (else the path) for subject prefixes.
SeriesGrouping treeGrouping(const GitCheckout &Git, std::optional<MaintainersFile> &Maint) {
  llvm::SmallString<256> Path(Git.TopLevel);
  llvm::sys::path::append(Path, "MAINTAINERS");
  std::string Text = readWholeFile(Path).value_or("");
  if (!Text.empty())
    Maint.emplace(Text, [&](llvm::StringRef Rel) {
      llvm::SmallString<256> P(Git.TopLevel);
      llvm::sys::path::append(P, Rel);
      return fs::is_directory(P);
    });
  SeriesGrouping G;
  G.UnitOf = [&Git, &Maint](const std::string &Abs) {
    std::string Rel = relativePath(Abs, Git.TopLevel);
    std::string Section = Maint ? Maint->sectionOf(Rel) : "";
    return Section.empty() ? llvm::sys::path::parent_path(Rel).str() : Section;
  };
  G.PrefixOf = [&Git](const std::vector<std::string> &Abs) {
    std::vector<std::string> Args = {"log", "--no-merges", "--format=%s", "-n", "20", "--"};
    for (const std::string &F : Abs)
      Args.push_back(relativePath(F, Git.TopLevel));
    std::vector<std::string> Subjects, Rel;
    for (const std::string &F : Abs)
      Rel.push_back(relativePath(F, Git.TopLevel));
    if (auto Log = runGit(Git.TopLevel, Args)) {
      llvm::SmallVector<llvm::StringRef, 20> Lines;
      llvm::StringRef(*Log).split(Lines, '\n', -1, false);
      for (llvm::StringRef L : Lines)
        Subjects.push_back(L.str());
    } else {
      llvm::consumeError(Log.takeError());
    }
    std::string Prefix = prefixFromSubjects(Subjects);
    return Prefix.empty() ? prefixFromPaths(Rel) : Prefix;
  };
  return G;
}

/// Takes back the handlers \p Keys from the series, saying \p Why.
void takeBack(RewritePlan &Plan, const std::set<std::string> &Keys, const std::string &Why) {
  for (HandlerOutcome &O : Plan.Outcomes)
    if (Keys.count(O.H.Key)) {
      O.Converted = false;
      O.Why = Why;
    }
  llvm::erase_if(Plan.Fixes, [&](const FixGroup &F) { return Keys.count(F.Owner) != 0; });
  std::vector<Edit> All;
  for (const FixGroup &F : Plan.Fixes)
    All.insert(All.end(), F.Edits.begin(), F.Edits.end());
  if (auto Norm = normalizeEdits(std::move(All)))
    Plan.Edits = std::move(*Norm);
  else
    llvm::consumeError(Norm.takeError()); // A subset of normalized edits cannot overlap.
}

/// The core uses of the groups in \p Keys are left as they are; a table
/// test left so bars the handlers of the tables it may read (TableReach.h):
/// they are taken back here and added to \p Dropped, with the barrier's
/// reason.
void barredWithoutTableTests(RewritePlan &Plan, std::set<std::string> &Keys,
                             std::vector<std::string> &Dropped) {
  for (CoreUseOutcome &O : Plan.CoreUses)
    if (O.Rewritten && Keys.count(coreOwnerOf(O.U))) {
      O.Rewritten = false;
      O.Why = "its patch does not build on its own";
    }
  std::map<std::string, std::string> Barred = barredAfterTakeBack(Plan, Plan.C, Plan.Root);
  for (HandlerOutcome &O : Plan.Outcomes) {
    auto It = Barred.find(O.H.Key);
    if (It == Barred.end())
      continue;
    O.Converted = false;
    O.Why = It->second;
    Dropped.push_back(O.H.Name);
    llvm::erase_if(Plan.Fixes, [&](const FixGroup &F) { return F.Owner == O.H.Key; });
  }
}

/// The patches of \p Plan, each checked to build on top of those before
/// it; a patch that does not is taken out and the series planned again.
llvm::Expected<std::vector<SeriesPatch>>
buildablePatches(RewritePlan &Plan, const Profile &P, const SeriesGrouping &G,
                 std::vector<std::string> &Dropped, const RunLog &Log) {
  for (;;) {
    std::vector<SeriesPatch> Patches = planPatches(Plan, G);
    std::vector<Edit> Applied;
    bool Retry = false;
    for (size_t I = 0; I < Patches.size() && !Retry; ++I) {
      const SeriesPatch &Patch = Patches[I];
      Applied.insert(Applied.end(), Patch.Edits.begin(), Patch.Edits.end());
      std::sort(Applied.begin(), Applied.end());
      auto Failed = verifyEdits(Plan, P, Applied, Patch.Files);
      if (!Failed)
        return Failed.takeError();
      Log.note(llvm::formatv("patch {0} ({1}) re-parsed: {2}", I + 1, Patch.Prefix,
                             Failed->empty() ? "clean" : "errors"));
      if (Failed->empty())
        continue;
      std::string Error = relativePath(Failed->begin()->first, Plan.Root) + ": " +
                          Failed->begin()->second;
      std::set<std::string> Keys;
      for (const HandlerOutcome *O : Patch.Handlers) {
        Dropped.push_back(O->H.Name);
        Keys.insert(O->H.Key);
      }
      // Without the calls the tests cannot go either (CoreUses.h).
      if (!Patch.CoreOwner.empty()) {
        Dropped.push_back(Patch.CoreOwner);
        Keys.insert(Patch.CoreOwner);
        // The tests of both kinds go together, and only after the calls.
        Keys.insert(CoreTestsOwner);
        Keys.insert(CoreTableTestsOwner);
        barredWithoutTableTests(Plan, Keys, Dropped);
      }
      takeBack(Plan, Keys, "its patch (" + Patch.Prefix + ") does not build on its own: " + Error);
      Retry = true;
    }
    if (!Retry)
      return Patches;
  }
}

/// Files of \p Rel (tree-relative) that differ from HEAD or are untracked:
/// the series is made against HEAD, so they would not apply.
llvm::Error checkCommitted(const GitCheckout &Git, const std::vector<std::string> &Rel) {
  std::vector<std::string> Args = {"status", "--porcelain=v1", "--untracked-files=all", "--"};
  Args.insert(Args.end(), Rel.begin(), Rel.end());
  auto Status = runGit(Git.TopLevel, Args);
  if (!Status)
    return Status.takeError();
  llvm::StringRef First = llvm::StringRef(*Status).split('\n').first;
  if (First.empty())
    return llvm::Error::success();
  llvm::StringRef File = First.drop_front(3);
  if (First.starts_with("??"))
    return usageError(File + " is not tracked by git: commit it first, so that the series has a base");
  return usageError(File + " has changes not committed to HEAD: commit or stash them first, so "
                      "that the series applies to its base");
}

using Recipients = MailRecipients;

std::optional<Recipients> maintainersOf(const GitCheckout &Git, llvm::StringRef PatchFile) {
  llvm::SmallString<256> Script(Git.TopLevel);
  llvm::sys::path::append(Script, "scripts", "get_maintainer.pl");
  if (!fs::exists(Script))
    return std::nullopt;
  ProcessOptions PO;
  PO.Cwd = Git.TopLevel;
  auto R = runProcess("perl", {Script.str().str(), "--no-git", "--no-git-fallback",
                               PatchFile.str()},
                      PO);
  if (!R || R->Status != 0) {
    if (!R)
      llvm::consumeError(R.takeError());
    return std::nullopt;
  }
  return parseGetMaintainerOutput(R->Out);
}

std::string header(llvm::StringRef Name, const std::vector<std::string> &Addrs) {
  if (Addrs.empty())
    return "";
  return Name.str() + ": " + llvm::join(Addrs, ",\n    ") + "\n";
}

/// Adds To:/Cc: headers to a format-patch file, at the end of its headers.
void addRecipients(std::string &Mail, const Recipients &R) {
  size_t End = Mail.find("\n\n");
  if (End == std::string::npos)
    return;
  Mail.insert(End + 1, header("To", R.To) + header("Cc", R.Cc));
}

void replaceOnce(std::string &Text, llvm::StringRef From, llvm::StringRef To) {
  size_t At = Text.find(From.str());
  if (At != std::string::npos)
    Text.replace(At, From.size(), To.str());
}

} // namespace

llvm::Expected<GitCheckout> openGitCheckout(llvm::StringRef Root) {
  auto R = runProcess("git", {"-C", Root.str(), "rev-parse", "--show-toplevel"});
  if (!R)
    return R.takeError();
  if (R->Status != 0)
    return usageError(Root + " is not a git checkout: a series is made against its HEAD "
                        "(git init and commit the tree first)");
  GitCheckout G;
  G.TopLevel = llvm::StringRef(R->Out).trim().str();
  auto Head = runGit(G.TopLevel, {"rev-parse", "--verify", "--quiet", "HEAD^{commit}"});
  if (!Head) {
    llvm::consumeError(Head.takeError());
    return usageError(G.TopLevel + " has no commit yet: a series needs a base commit");
  }
  G.Base = llvm::StringRef(*Head).trim().str();
  return G;
}

llvm::Expected<std::string> signoffIdentity(llvm::StringRef Repo, llvm::StringRef Given) {
  if (!Given.empty()) {
    llvm::StringRef Name = Given.split('<').first.trim();
    if (Name.empty() || !Given.contains('@') || !Given.trim().ends_with(">"))
      return usageError("--signoff wants \"Full Name <address>\", not '" + Given + "'");
    return Given.trim().str();
  }
  auto Get = [&](llvm::StringRef Key) -> std::string {
    auto V = runGit(Repo, {"config", "--get", Key.str()});
    if (!V) {
      llvm::consumeError(V.takeError());
      return "";
    }
    return llvm::StringRef(*V).trim().str();
  };
  std::string Name = Get("user.name"), Email = Get("user.email");
  if (Name.empty() || Email.empty())
    return usageError("no identity for Signed-off-by: set git's user.name and user.email, or "
                 "give --signoff \"Full Name <address>\"");
  return Name + " <" + Email + ">";
}

llvm::Error checkOutputDir(llvm::StringRef Dir) {
  if (Dir.empty())
    return usageError("series needs -o DIR, the folder for the patch files");
  if (!fs::exists(Dir))
    return llvm::Error::success();
  if (!fs::is_directory(Dir))
    return usageError(Dir + " exists and is not a folder");
  std::error_code EC;
  fs::directory_iterator It(Dir, EC);
  if (EC)
    return usageError("cannot read " + Dir + ": " + EC.message());
  if (It != fs::directory_iterator())
    return usageError(Dir + " is not empty: give a new or empty folder, so that no old patch "
                       "is mixed into the series");
  return llvm::Error::success();
}

namespace {

/// The files the plan's edits touch, relative to the checkout, in order.
std::vector<std::string> touchedFiles(const RewritePlan &Plan, const GitCheckout &Git) {
  std::vector<std::string> Touched;
  for (const Edit &E : Plan.Edits) // Sorted: one file's edits are together.
    if (std::string Rel = relativePath(E.File, Git.TopLevel); Touched.empty() || Touched.back() != Rel)
      Touched.push_back(std::move(Rel));
  return Touched;
}

/// checkpatch warns on any change to code MAINTAINERS calls obsolete:
/// "No unnecessary modifications please". Those handlers are taken back.
void takeBackObsolete(RewritePlan &Plan, const GitCheckout &Git,
                      const std::optional<MaintainersFile> &Maint) {
  std::map<std::string, std::string> Obsolete; // Key -> section
  for (const HandlerOutcome &O : Plan.Outcomes) {
    std::string Rel = relativePath(O.H.Pos.File, Git.TopLevel);
    if (Maint && O.Converted &&
        llvm::StringRef(Maint->statusOf(Rel)).contains_insensitive("obsolete"))
      Obsolete[O.H.Key] = Maint->sectionOf(Rel);
  }
  for (const auto &[Key, Section] : Obsolete)
    takeBack(Plan, {Key},
             "MAINTAINERS marks " + Section +
                 " obsolete: no unnecessary modifications (checkpatch)");
}

/// A clone that borrows the checkout's objects, where our commits go, with
/// its own index and the signer as author and committer, now.
struct ScratchRepo {
  std::string Repo;
  ProcessOptions Env;
  std::map<std::string, std::string> Modes; ///< Of the touched files in the base.
};

llvm::Expected<ScratchRepo> makeScratchRepo(const GitCheckout &Git, const SeriesOptions &Opts,
                                            const std::vector<std::string> &Touched,
                                            llvm::StringRef Scratch) {
  ScratchRepo S;
  S.Repo = (Scratch + "/repo").str();
  if (auto C = runGit(Git.TopLevel,
                      {"clone", "--quiet", "--shared", "--no-checkout", Git.TopLevel, S.Repo});
      !C)
    return C.takeError();
  // Author, committer and date: the signer, now (one time for all).
  llvm::StringRef Ident(Opts.Signoff);
  std::string Name = Ident.split('<').first.trim().str();
  std::string Email = Ident.split('<').second.split('>').first.str();
  std::string Date = std::to_string(std::time(nullptr)) + " +0000";
  S.Env.SetEnv = {"GIT_INDEX_FILE=" + (Scratch + "/index").str(),
                  "GIT_AUTHOR_NAME=" + Name,   "GIT_AUTHOR_EMAIL=" + Email,
                  "GIT_COMMITTER_NAME=" + Name, "GIT_COMMITTER_EMAIL=" + Email,
                  "GIT_AUTHOR_DATE=" + Date,    "GIT_COMMITTER_DATE=" + Date};
  if (auto R = runGit(S.Repo, {"read-tree", Git.Base}, S.Env); !R)
    return R.takeError();
  std::vector<std::string> Args = {"ls-tree", Git.Base, "--"};
  Args.insert(Args.end(), Touched.begin(), Touched.end());
  auto Tree = runGit(S.Repo, Args);
  if (!Tree)
    return Tree.takeError();
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  llvm::StringRef(*Tree).split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines) // "100644 blob <sha>\t<path>"
    S.Modes[L.split('\t').second.str()] = L.split(' ').first.str();
  return S;
}

/// One commit per patch, each on the one before; their ids in order.
llvm::Expected<std::vector<std::string>>
commitPatches(ScratchRepo &S, const std::vector<SeriesPatch> &Patches, const Profile &P,
              const GitCheckout &Git, const SeriesOptions &Opts) {
  std::vector<std::string> Commits;
  std::string Parent = Git.Base;
  std::vector<Edit> Applied;
  for (const SeriesPatch &Patch : Patches) {
    Applied.insert(Applied.end(), Patch.Edits.begin(), Patch.Edits.end());
    // This patch's files as they stand after it: read only those.
    std::vector<Edit> Own;
    for (const Edit &E : Applied)
      if (std::binary_search(Patch.Files.begin(), Patch.Files.end(), E.File))
        Own.push_back(E);
    std::sort(Own.begin(), Own.end());
    auto Contents = rewrittenContents(Own);
    if (!Contents)
      return Contents.takeError();
    for (const std::string &File : Patch.Files) {
      std::string Rel = relativePath(File, Git.TopLevel);
      ProcessOptions In = S.Env;
      In.Input = Contents->at(File).second;
      auto Blob = runGit(S.Repo, {"hash-object", "-w", "--stdin"}, In);
      if (!Blob)
        return Blob.takeError();
      std::string Mode = S.Modes.count(Rel) ? S.Modes[Rel] : "100644";
      auto R = runGit(S.Repo,
                      {"update-index", "--cacheinfo",
                       Mode + "," + llvm::StringRef(*Blob).trim().str() + "," + Rel},
                      S.Env);
      if (!R)
        return R.takeError();
    }
    auto Tree = runGit(S.Repo, {"write-tree"}, S.Env);
    if (!Tree)
      return Tree.takeError();
    ProcessOptions Msg = S.Env;
    Msg.Input = commitMessage(Patch, P, Opts.Signoff, Git.TopLevel);
    auto Commit = runGit(S.Repo, {"commit-tree", llvm::StringRef(*Tree).trim().str(), "-p",
                                  Parent, "-F", "-"},
                         Msg);
    if (!Commit)
      return Commit.takeError();
    Parent = llvm::StringRef(*Commit).trim().str();
    Commits.push_back(Parent);
  }
  return Commits;
}

/// One series (part \p Part of \p Parts, patches Begin..End) into \p Dir:
/// git format-patch, each patch's recipients from MAINTAINERS, and the
/// cover letter's subject, census and recipients in git's placeholders.
llvm::Error writePart(const ScratchRepo &S, const RewritePlan &Plan, const Profile &P,
                      const GitCheckout &Git, const SeriesOptions &Opts,
                      const std::vector<SeriesPatch> &Patches,
                      const std::vector<std::string> &Commits, size_t Part, size_t Parts,
                      size_t Begin, size_t End, llvm::StringRef Staging, SeriesOutcome &Out) {
  std::string Sub = Parts == 1 ? "" : llvm::formatv("part-{0}", Part + 1).str();
  llvm::SmallString<256> Dir(Staging);
  if (!Sub.empty())
    llvm::sys::path::append(Dir, Sub);
  std::string From = Begin == 0 ? Git.Base : Commits[Begin - 1];
  // Env: the cover letter's From is the signer too.
  auto Files = runGit(S.Repo, {"-c", "format.signOff=false", "-c", "format.coverLetter=false",
                               "-c", "format.useAutoBase=false", "-c", "core.abbrev=12", "-c",
                               "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false",
                               "format-patch", "--cover-letter", "--numbered",
                               "--base=" + Git.Base, "--subject-prefix=PATCH", "-o",
                               Dir.str().str(), From + ".." + Commits[End - 1]},
                      S.Env);
  if (!Files)
    return Files.takeError();
  llvm::SmallVector<llvm::StringRef, 16> Written;
  llvm::StringRef(*Files).split(Written, '\n', -1, false);

  CoverFacts Facts;
  Facts.Part = Part + 1;
  Facts.Parts = Parts;
  Facts.Patches = End - Begin;
  for (size_t I = Begin; I < End; ++I)
    Facts.Handlers += Patches[I].Handlers.size();
  Facts.ProfileWhy = Opts.ProfileWhy;
  Facts.TreeHasApi = Opts.TreeHasApi;
  Facts.Config = Opts.Config;
  Recipients All;
  std::string CoverPath;
  size_t Next = Begin; // format-patch writes the patches in order.
  for (llvm::StringRef Path : Written) {
    std::string Mail = readWholeFile(Path).value_or("");
    std::string Rel = (Sub.empty() ? "" : Sub + "/") + llvm::sys::path::filename(Path).str();
    if (llvm::sys::path::filename(Path).starts_with("0000-")) {
      CoverPath = Path.str();
      Out.Files.push_back(Rel);
      continue;
    }
    if (auto R = maintainersOf(Git, Path)) {
      addRecipients(Mail, *R);
      for (const std::string &A : R->To)
        if (!llvm::is_contained(All.To, A))
          All.To.push_back(A);
      for (const std::string &A : R->Cc)
        if (!llvm::is_contained(All.Cc, A))
          All.Cc.push_back(A);
      if (llvm::Error E = writeFileAtomically(Path, Mail))
        return E;
    }
    Out.Subjects.push_back({Rel, subjectOf(Patches[Next++], P)});
    Out.Files.push_back(Rel);
  }
  // The cover letter: our subject and census in git's placeholders.
  std::string Cover = readWholeFile(CoverPath).value_or("");
  replaceOnce(Cover, "*** SUBJECT HERE ***", coverSubject(P, Facts));
  replaceOnce(Cover, "*** BLURB HERE ***\n", coverBody(Plan, P, Facts));
  llvm::erase_if(All.Cc, [&](const std::string &A) { return llvm::is_contained(All.To, A); });
  addRecipients(Cover, All);
  return writeFileAtomically(CoverPath, Cover);
}

} // namespace

llvm::Expected<SeriesOutcome> writeSeries(RewritePlan &Plan, const Profile &P,
                                          const GitCheckout &Git, const SeriesOptions &Opts) {
  SeriesOutcome Out;
  std::vector<std::string> Touched = touchedFiles(Plan, Git);
  if (Touched.empty())
    return usageError("nothing to put in a series: no handler was rewritten");
  if (llvm::Error E = checkCommitted(Git, Touched))
    return E;

  std::optional<MaintainersFile> Maint;
  SeriesGrouping G = treeGrouping(Git, Maint);
  takeBackObsolete(Plan, Git, Maint);
  auto Patches = buildablePatches(Plan, P, G, Out.Dropped, Opts.Log);
  if (!Patches)
    return Patches.takeError();
  if (Patches->empty())
    return failure("no patch of the series builds on its own");

  llvm::SmallString<256> Scratch;
  if (std::error_code EC = fs::createUniqueDirectory("mmap-migrate-series", Scratch))
    return failure("cannot create a temporary folder: " + EC.message());
  DirCleanup ScratchCleanup{Scratch.str().str()};
  auto Repo = makeScratchRepo(Git, Opts, Touched, Scratch);
  if (!Repo)
    return Repo.takeError();
  auto Commits = commitPatches(*Repo, *Patches, P, Git, Opts);
  if (!Commits)
    return Commits.takeError();

  // Staged next to the output folder, renamed into place at the end.
  llvm::SmallString<256> OutAbs(Opts.OutDir);
  fs::make_absolute(OutAbs);
  llvm::SmallString<256> Staging;
  if (std::error_code EC = fs::createUniqueDirectory(OutAbs + ".tmp", Staging))
    return failure("cannot create a folder next to " + Opts.OutDir + ": " + EC.message());
  DirCleanup StagingCleanup{Staging.str().str()};

  auto Parts = splitIntoSeries(Patches->size(), Opts.MaxPatches);
  Out.Parts = Parts.size();
  Out.Patches = Patches->size();
  for (size_t Part = 0; Part < Parts.size(); ++Part)
    if (llvm::Error E = writePart(*Repo, Plan, P, Git, Opts, *Patches, *Commits, Part,
                                  Parts.size(), Parts[Part].first, Parts[Part].second, Staging,
                                  Out))
      return E;

  // Into place: an empty output folder is replaced, a missing one made.
  if (fs::exists(OutAbs))
    (void)fs::remove(OutAbs);
  if (std::error_code EC = fs::rename(Staging, OutAbs))
    return failure("cannot move the series into " + Opts.OutDir + ": " + EC.message());
  StagingCleanup.Path.clear();
  return Out;
}

} // namespace mmapmigrate
