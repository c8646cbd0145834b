//===- LintDriver.cpp - Lint a change for new ->mmap users ----------------===//
#include "tool/lint/LintDriver.h"
#include "matchers/core/SourceText.h"
#include "tool/support/AtomicFile.h"
#include "tool/kbuild/CompileDb.h"
#include "tool/support/JsonNesting.h"
#include "tool/support/Subprocess.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace mmapmigrate {

namespace {

/// The tree the lint reads: --root, --kernel, the build dir's source, or
/// the current directory when it is a kernel tree.
llvm::Expected<std::string> lintRoot(ScanOptions &S) {
  if (!S.KernelTree.empty() && !S.BuildDir.empty())
    return usageError("give either --kernel or -p, not both");
  std::string Root = !S.Root.empty()         ? S.Root
                     : !S.KernelTree.empty() ? S.KernelTree
                     : !S.BuildDir.empty()   ? rootForBuildDir(S.BuildDir)
                                             : "";
  if (Root.empty() && !S.BuildDir.empty())
    return usageError("cannot tell the tree of build dir " + S.BuildDir + ": give --root TREE");
  if (Root.empty()) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    if (!isKernelTree(Cwd))
      return usageError("the current directory is not a Linux source tree: run lint at the top "
                        "of one, or give --kernel TREE or -p BUILD_DIR");
    Root = std::string(Cwd);
    S.KernelTree = Root;
  }
  if (!llvm::sys::fs::is_directory(Root))
    return usageError("no such directory: " + Root);
  return realPath(Root);
}

std::string shortId(llvm::StringRef Sha) { return Sha.take_front(12).str(); }

/// A commit id for \p Rev, or a usage error naming the option.
llvm::Expected<std::string> commitOf(llvm::StringRef Root, llvm::StringRef Rev,
                                     llvm::StringRef Option) {
  auto R = runProcess("git", {"-C", Root.str(), "rev-parse", "--verify", "--quiet",
                              "--end-of-options", Rev.str() + "^{commit}"});
  if (!R)
    return R.takeError();
  if (R->Status != 0)
    return usageError("unknown revision '" + Rev + "' (" + Option + ")");
  return llvm::StringRef(R->Out).trim().str();
}

/// The diff from the merge base of --base and --head (or HEAD) to --head
/// (or the working tree), paths relative to \p Root; fills the header
/// fields of \p Out.
llvm::Expected<std::string> gitChange(const LintOptions &Opts, llvm::StringRef Root,
                                      LintOutcome &Out) {
  auto Top = runProcess("git", {"-C", Root.str(), "rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  if (Top->Status != 0)
    return usageError(Root + " is not a git checkout: --base needs one (or pipe a diff to "
                             "lint without --base)");
  auto Base = commitOf(Root, Opts.Base, "--base");
  if (!Base)
    return Base.takeError();
  auto HeadId = Opts.Head.empty() ? commitOf(Root, "HEAD", "the checkout's HEAD")
                                  : commitOf(Root, Opts.Head, "--head");
  if (!HeadId)
    return HeadId.takeError();
  std::string Head = *HeadId;
  // What the head adds since it forked, not what the base gained since.
  std::string From = *Base;
  auto MB = runProcess("git", {"-C", Root.str(), "merge-base", *Base, Head});
  if (!MB)
    return MB.takeError();
  if (MB->Status == 0)
    From = llvm::StringRef(MB->Out).trim().str();
  Out.BaseDesc = Opts.Base + " (" + (From == *Base ? shortId(*Base)
                                                   : "merge base " + shortId(From)) + ")";
  Out.HeadDesc = Opts.Head.empty() ? "the working tree (HEAD " + shortId(Head) + ")"
                                   : Opts.Head + " (" + shortId(Head) + ")";

  std::vector<std::string> Args = {"diff", "--no-color", "--no-ext-diff", "--src-prefix=a/",
                                   "--dst-prefix=b/", "-M", "-U0", "--relative", From};
  if (!Opts.Head.empty())
    Args.push_back(Head);
  return runGit(Root, Args);
}

/// The files are parsed as checked out: with --head, the working tree must
/// hold \p Head's version of every file \p Change touches.
llvm::Error checkHeadCheckedOut(llvm::StringRef Root, llvm::StringRef HeadRev,
                                const ChangeSet &Change) {
  if (Change.Files.empty())
    return llvm::Error::success();
  std::vector<std::string> Check = {"-C", Root.str(), "diff", "--quiet", HeadRev.str(), "--"};
  for (const auto &[Rel, F] : Change.Files)
    Check.push_back(Rel);
  auto Same = runProcess("git", Check);
  if (!Same)
    return Same.takeError();
  if (Same->Status != 0)
    return usageError("the working tree is not " + HeadRev +
                      " in the files the change touches: check out " + HeadRev +
                      " first, or leave out --head to lint the working tree");
  return llvm::Error::success();
}

/// Whether a header's added lines could add or change an ->mmap user
/// seen only through the TUs that include it (a fops macro, an inline).
bool headerMayMatter(const FileChange &F) {
  for (const auto &[Line, Text] : F.Added)
    if (llvm::StringRef(Text).contains("mmap"))
      return true;
  return false;
}

} // namespace

llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path) {
  auto Text = readWholeFile(Path);
  if (!Text)
    return usageError("cannot read baseline " + Path);
  return parseBaseline(*Text, Path);
}

namespace {

/// \p Text cut to 40 bytes, bytes outside printable ASCII as \xHH, so that
/// an error quoting it stays one readable line.
std::string quoted(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text.take_front(40)) {
    unsigned char U = C;
    if (U >= 0x20 && U < 0x7f)
      Out += C;
    else
      Out += "\\x" + llvm::utohexstr(U, /*LowerCase=*/true, /*Width=*/2);
  }
  return Out + (Text.size() > 40 ? "..." : "");
}

llvm::Expected<std::set<std::string>> sarifBaseline(llvm::StringRef T, llvm::StringRef Path) {
  std::set<std::string> Out;
  if (!jsonNestingIsSafe(T))
    return usageError("baseline " + Path + " is not a SARIF log: nested more than " +
                      llvm::Twine(MaxJsonNesting) + " levels deep");
  auto V = llvm::json::parse(T);
  if (!V)
    return usageError("baseline " + Path + " is not valid JSON: " + llvm::toString(V.takeError()));
  const llvm::json::Object *O = V->getAsObject();
  const llvm::json::Array *Runs = O ? O->getArray("runs") : nullptr;
  if (!Runs)
    return usageError("baseline " + Path + " is JSON but not a SARIF log (no runs)");
  for (const llvm::json::Value &Run : *Runs) {
    const llvm::json::Object *RO = Run.getAsObject();
    const llvm::json::Object *Tool = RO ? RO->getObject("tool") : nullptr;
    const llvm::json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    std::optional<llvm::StringRef> Name = Driver ? Driver->getString("name") : std::nullopt;
    // Another tool's log holds no fingerprint of ours: it would accept nothing.
    if (!Name || *Name != "mmap-migrate")
      return usageError("baseline " + Path + " is not a SARIF log of mmap-migrate lint (tool " +
                        (Name ? "'" + quoted(*Name) + "'" : std::string("unnamed")) + ")");
    if (const llvm::json::Array *Results = RO->getArray("results"))
      for (const llvm::json::Value &R : *Results)
        if (const llvm::json::Object *RObj = R.getAsObject())
          if (const llvm::json::Object *FP = RObj->getObject("partialFingerprints"))
            if (auto S = FP->getString("mmapMigrateLint/v1"))
              Out.insert(S->str());
  }
  return Out;
}

/// One fingerprint per line (LintFinding::fingerprint), `#` comments.
llvm::Expected<std::set<std::string>> textBaseline(llvm::StringRef T, llvm::StringRef Path) {
  std::set<std::string> Out;
  std::set<std::string> Rules;
  for (LintRule R : allLintRules())
    Rules.insert(lintRuleName(R));
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  T.split(Lines, '\n');
  for (size_t N = 0; N < Lines.size(); ++N) {
    llvm::StringRef L = Lines[N].trim();
    if (L.empty() || L.starts_with("#"))
      continue;
    llvm::SmallVector<llvm::StringRef, 4> Fields;
    L.split(Fields, ' ', -1, false);
    bool Printable = llvm::all_of(L, [](char C) { return (unsigned char)C >= 0x20 && C != 0x7f; });
    if (Fields.size() < 3 || !Rules.count(Fields[0].str()) || !Printable)
      return usageError("baseline " + Path + " line " + llvm::Twine(N + 1) +
                        " is not a 'rule path symbol' fingerprint: '" + quoted(L) + "'");
    Out.insert(L.str());
  }
  return Out;
}

} // namespace

llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Text, llvm::StringRef Path) {
  llvm::StringRef T = Text;
  T.consume_front("\xef\xbb\xbf"); // A UTF-8 byte order mark, as some editors write.
  // A binary file is refused whole: a control byte inside what reads as a
  // `#` comment would otherwise be accepted with it.
  for (size_t I = 0; I < T.size(); ++I) {
    unsigned char C = T[I];
    if ((C < 0x20 && C != '\t' && C != '\n' && C != '\r') || C == 0x7f)
      return usageError("baseline " + Path + " is not text: byte 0x" +
                        llvm::utohexstr(C, /*LowerCase=*/true, /*Width=*/2) + " at offset " +
                        llvm::Twine(I));
  }
  T = T.ltrim();
  if (T.starts_with("{"))
    return sarifBaseline(T, Path);
  return textBaseline(T, Path);
}

llvm::Expected<LintOutcome> runLint(LintOptions Opts) {
  LintOutcome Out;
  std::set<std::string> Baseline;
  if (!Opts.BaselineFile.empty()) {
    auto B = readBaseline(Opts.BaselineFile);
    if (!B)
      return B.takeError();
    Baseline = std::move(*B);
  }
  auto Root = lintRoot(Opts.Scan);
  if (!Root)
    return Root.takeError();
  Out.Root = *Root;
  std::string Why;
  auto P = chooseProfile(Opts.ProfileName, Out.Root, Why);
  if (!P)
    return P.takeError();
  Out.ProfileName = P->Name;
  Out.Config = !Opts.Scan.KernelTree.empty() ? Opts.Scan.Arch + " " + Opts.Scan.Config
                                             : "the commands in " + Opts.Scan.BuildDir +
                                                   "/compile_commands.json";

  std::string DiffText;
  if (!Opts.Base.empty()) {
    auto D = gitChange(Opts, Out.Root, Out);
    if (!D)
      return D.takeError();
    DiffText = std::move(*D);
  } else if (!Opts.Head.empty()) {
    return usageError("--head needs --base");
  } else if (Opts.DiffText) {
    // `git diff badrev | lint` gives an empty stdin: that must not pass.
    if (llvm::StringRef(*Opts.DiffText).trim().empty() && !Opts.AllowEmpty)
      return usageError("the diff on stdin is empty (did the command that made it fail?); "
                        "give --allow-empty if the change is empty on purpose");
    DiffText = *Opts.DiffText;
    Out.BaseDesc = "the diff on stdin";
    Out.HeadDesc = "the tree as it is (the diff applied)";
  } else {
    return usageError("lint needs the change: --base REV, or a diff on stdin");
  }
  auto Parsed = parseUnifiedDiff(DiffText);
  if (!Parsed)
    return Parsed.takeError();
  Out.Change = std::move(*Parsed);
  const ChangeSet &Change = Out.Change;
  if (!Opts.Head.empty())
    if (llvm::Error E = checkHeadCheckedOut(Out.Root, Opts.Head, Change))
      return std::move(E);

  // The C files the change touches are parsed whatever their text; a
  // header that may add an ->mmap user through its includers makes it the
  // whole tree.
  std::vector<std::string> Paths;
  bool WholeTree = false;
  std::set<std::string> Touched; // Absolute.
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  if (!Opts.Scan.BuildDir.empty()) {
    auto Loaded = loadBuildDirDb(Opts.Scan.BuildDir);
    if (!Loaded)
      return Loaded.takeError();
    DB = std::move(*Loaded);
  }
  std::set<std::string> InDb;
  if (DB)
    for (const std::string &F : DB->getAllFiles())
      InDb.insert(realPath(F));
  for (const auto &[Rel, F] : Change.Files) {
    llvm::SmallString<256> Abs(Out.Root);
    llvm::sys::path::append(Abs, Rel);
    Touched.insert(std::string(Abs));
    if (F.Deleted || F.Binary)
      continue;
    llvm::StringRef Ext = llvm::sys::path::extension(Rel);
    if (Ext == ".h" && headerMayMatter(F))
      WholeTree = true;
    if (Ext != ".c")
      continue;
    if (!llvm::sys::fs::exists(Abs))
      return usageError("the change adds " + Rel + ", which is not in " + Out.Root +
                        ": lint reads the tree with the change applied");
    std::string Real = realPath(Abs);
    if (DB && !InDb.count(Real)) {
      // Flags are never guessed for a file the build does not know.
      Out.NotChecked.push_back({Real, 0, "not in compile_commands.json"});
      continue;
    }
    Paths.push_back(Real);
  }

  MmapHelpers Helpers = mmapHelpersOf(Out.Root);
  RewritePlan Plan;
  if (WholeTree || !Paths.empty()) {
    ScanOptions S = Opts.Scan;
    S.Paths = WholeTree ? std::vector<std::string>{} : Paths;
    if (S.Root.empty() && !S.BuildDir.empty())
      S.Root = Out.Root;
    auto Planned = planRewrite(S, *P, Opts.VerifyArgs);
    if (!Planned)
      return Planned.takeError();
    Plan = std::move(*Planned);
    Out.TusParsed = Plan.C.TusParsed;
  }
  // Touched files that no parse covered are read as text.
  for (const NotAnalysed &N : Plan.C.NotAnalysedList)
    if (N.Line == 0 && Touched.count(N.File))
      Out.NotChecked.push_back(N);

  std::vector<LintFinding> All = newMmapUsers(Plan, Change, Out.Root, Helpers);
  std::vector<LintFinding> Text =
      newMmapUsersFromText(Change, Out.Root, Out.NotChecked, All, Plan.C, Helpers);
  All.insert(All.end(), Text.begin(), Text.end());
  std::stable_sort(All.begin(), All.end(), [](const LintFinding &A, const LintFinding &B) {
    return A.Pos < B.Pos;
  });
  for (LintFinding &F : All) {
    if (Baseline.count(F.fingerprint(Out.Root)))
      ++Out.Accepted;
    else
      Out.Findings.push_back(std::move(F));
  }
  std::sort(Out.NotChecked.begin(), Out.NotChecked.end(),
            [](const NotAnalysed &A, const NotAnalysed &B) { return A.File < B.File; });
  return Out;
}

} // namespace mmapmigrate
