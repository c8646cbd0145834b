//===- RewriteJournal.cpp - rewrite -i as one transaction -----------------===//
#include "tool/driver/RewriteJournal.h"
#include "matchers/core/SourceText.h"
#include "tool/support/AtomicFile.h"
#include "tool/support/FileLock.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <pthread.h>
#include <set>
#include <thread>
#include <unistd.h>

namespace mmapmigrate {

namespace fs = llvm::sys::fs;
namespace json = llvm::json;

namespace {

constexpr int JournalVersion = 1;

llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

struct JournalEntry {
  std::string File, Temp;
  uint64_t Old = 0, New = 0;
};

struct Journal {
  std::string Path;
  std::string State; // "staging" or "committing"
  std::string Tree, Started;
  int64_t Pid = 0;
  std::vector<JournalEntry> Files;
};

json::Value toJson(const Journal &J) {
  json::Array Files;
  for (const JournalEntry &E : J.Files)
    Files.push_back(json::Object{{"file", E.File},
                                 {"temp", E.Temp},
                                 {"old", llvm::utohexstr(E.Old)},
                                 {"new", llvm::utohexstr(E.New)}});
  return json::Object{{"version", JournalVersion}, {"state", J.State}, {"tree", J.Tree},
                      {"pid", J.Pid},           {"started", J.Started},
                      {"files", std::move(Files)}};
}

bool fromJson(const json::Value &V, Journal &J) {
  const json::Object *O = V.getAsObject();
  if (!O || O->getInteger("version") != JournalVersion)
    return false;
  auto Str = [&](const json::Object &Obj, llvm::StringRef K, std::string &Out) {
    auto S = Obj.getString(K);
    if (S)
      Out = S->str();
    return S.has_value();
  };
  auto Hex = [&](const json::Object &Obj, llvm::StringRef K, uint64_t &Out) {
    auto S = Obj.getString(K);
    return S && !S->getAsInteger(16, Out);
  };
  if (!Str(*O, "state", J.State) || !Str(*O, "tree", J.Tree) || !Str(*O, "started", J.Started))
    return false;
  if (J.State != "staging" && J.State != "committing")
    return false;
  J.Pid = O->getInteger("pid").value_or(0);
  const json::Array *Files = O->getArray("files");
  if (!Files)
    return false;
  for (const json::Value &F : *Files) {
    const json::Object *FO = F.getAsObject();
    JournalEntry E;
    if (!FO || !Str(*FO, "file", E.File) || !Str(*FO, "temp", E.Temp) ||
        !Hex(*FO, "old", E.Old) || !Hex(*FO, "new", E.New))
      return false;
    J.Files.push_back(std::move(E));
  }
  return true;
}

int syncAndClose(int FD) {
  int RC = ::fsync(FD);
  int Err = errno;
  if (::close(FD) != 0 && RC == 0)
    return errno;
  return RC == 0 ? 0 : Err;
}

void syncDirectory(llvm::StringRef Dir) {
  std::string D = Dir.str();
  int FD = ::open(D.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (FD >= 0)
    (void)syncAndClose(FD);
}

/// Writes \p Text to a new file \p Path (never an existing one) and syncs
/// it. Returns "" or why not.
std::string writeNewFileDurably(llvm::StringRef Path, llvm::StringRef Text) {
  int FD;
  if (std::error_code EC = fs::openFileForWrite(Path, FD, fs::CD_CreateNew, fs::OF_None))
    return EC.message();
  const char *P = Text.data();
  size_t Left = Text.size();
  while (Left) {
    ssize_t N = ::write(FD, P, Left);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      std::string Why = std::strerror(errno);
      ::close(FD);
      return Why;
    }
    P += N;
    Left -= size_t(N);
  }
  if (int Err = syncAndClose(FD))
    return std::strerror(Err);
  return "";
}

/// The journal, replaced atomically and synced with its folder: after a
/// crash it is the old state or the new one, never half of either.
llvm::Error writeJournal(const Journal &J) {
  std::string Tmp = J.Path + ".new";
  (void)fs::remove(Tmp);
  std::string Why = writeNewFileDurably(Tmp, withChecksum(llvm::formatv("{0:2}", toJson(J)).str()));
  if (Why.empty()) {
    if (std::error_code EC = fs::rename(Tmp, J.Path))
      Why = EC.message();
  }
  if (!Why.empty()) {
    (void)fs::remove(Tmp);
    return fail("cannot write the rewrite journal " + J.Path + ": " + Why);
  }
  syncDirectory(llvm::sys::path::parent_path(J.Path));
  return llvm::Error::success();
}

/// While alive, SIGINT, SIGTERM, SIGHUP and SIGQUIT wait in this thread:
/// a commit, once begun, runs to its end, and such a signal then ends the
/// run. (Delivered to another thread, it ends the run as kill -9 would,
/// and the journal finishes the commit next time.)
class DeferredTermination {
public:
  DeferredTermination() {
    sigset_t Set;
    sigemptyset(&Set);
    for (int Sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
      sigaddset(&Set, Sig);
    pthread_sigmask(SIG_BLOCK, &Set, &Old);
  }
  ~DeferredTermination() { pthread_sigmask(SIG_SETMASK, &Old, nullptr); }
  DeferredTermination(const DeferredTermination &) = delete;
  DeferredTermination &operator=(const DeferredTermination &) = delete;

private:
  sigset_t Old;
};

/// True if \p Name is `<File>.mmap-migrate-<id>`, a temporary this tool
/// writes next to \p File (the id is at most 8 upper-case hex digits).
bool isOurTemporary(llvm::StringRef Name, llvm::StringRef File) {
  if (!Name.consume_front(File) || !Name.consume_front(".mmap-migrate-"))
    return false;
  return !Name.empty() && Name.size() <= 8 &&
         llvm::all_of(Name, [](char C) { return llvm::isDigit(C) || (C >= 'A' && C <= 'F'); });
}

/// Removes temporaries of our naming next to \p Files that no journal names
/// any more: a run killed while staging whose journal is in another cache
/// dir, or gone. Called with the tree locked and every journal of this
/// cache dir settled, so no live run owns them.
void removeStaleTemporaries(const std::vector<std::string> &Files, const RunLog &Log) {
  std::map<std::string, std::set<std::string>> ByDir;
  for (const std::string &F : Files)
    ByDir[llvm::sys::path::parent_path(F).str()].insert(llvm::sys::path::filename(F).str());
  for (const auto &[Dir, Names] : ByDir) {
    std::error_code EC;
    for (fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
      llvm::StringRef Name = llvm::sys::path::filename(It->path());
      if (llvm::any_of(Names, [&](const std::string &F) { return isOurTemporary(Name, F); }) &&
          !fs::remove(It->path()))
        Log.say("removed " + It->path() + ", a temporary file an interrupted run left");
    }
  }
}

void removeJournal(const Journal &J) {
  (void)fs::remove(J.Path);
  syncDirectory(llvm::sys::path::parent_path(J.Path));
}

std::optional<uint64_t> hashOfFile(llvm::StringRef Path) {
  std::optional<std::string> Text = readWholeFile(Path);
  if (!Text)
    return std::nullopt;
  return llvm::xxh3_64bits(*Text);
}

std::string nowText() {
  return llvm::formatv("{0:%Y-%m-%d %H:%M:%S}", std::chrono::system_clock::now()).str();
}

void pause(unsigned Ms) {
  if (Ms)
    std::this_thread::sleep_for(std::chrono::milliseconds(Ms));
}

/// The new text gets the old file's mode and, when run as root, its owner:
/// a rewrite must not leave root-owned files in someone's checkout.
void copyOwnerAndMode(llvm::StringRef From, llvm::StringRef To) {
  fs::file_status St;
  if (fs::status(From, St))
    return;
  (void)fs::setPermissions(To, St.permissions());
  if (::geteuid() == 0) {
    std::string T = To.str();
    (void)::chown(T.c_str(), St.getUser(), St.getGroup());
  }
}

std::string describe(const Journal &J) {
  return llvm::formatv("an interrupted 'rewrite -i' of {0} (pid {1}, started {2})", J.Tree,
                       J.Pid, J.Started)
      .str();
}

/// Settles one journal; the journal lock is held.
llvm::Expected<std::string> settle(const Journal &J) {
  if (J.State == "staging") {
    unsigned Removed = 0;
    for (const JournalEntry &E : J.Files)
      Removed += !fs::remove(E.Temp, /*IgnoreNonExisting=*/false);
    removeJournal(J);
    return llvm::formatv("undid {0}: it had replaced no file; removed {1} temporary "
                         "file{2}",
                         describe(J), Removed, Removed == 1 ? "" : "s")
        .str();
  }
  // Committing: every file must be its new text already, or its old text
  // with the complete new text waiting beside it. Anything else means the
  // tree changed since, and only a person can say what it should be.
  std::vector<const JournalEntry *> ToRename;
  for (const JournalEntry &E : J.Files) {
    std::optional<uint64_t> Now = hashOfFile(E.File);
    if (Now && *Now == E.New)
      continue;
    if (Now && *Now == E.Old && hashOfFile(E.Temp) == E.New) {
      ToRename.push_back(&E);
      continue;
    }
    return fail("cannot finish " + describe(J) + ": " + E.File +
                " is neither its old nor its new text; check the tree, then remove " + J.Path);
  }
  for (const JournalEntry *E : ToRename)
    if (std::error_code EC = fs::rename(E->Temp, E->File))
      return fail("cannot finish " + describe(J) + ": cannot replace " + E->File + ": " +
                  EC.message());
  std::set<std::string> Dirs;
  for (const JournalEntry &E : J.Files) {
    (void)fs::remove(E.Temp);
    Dirs.insert(llvm::sys::path::parent_path(E.File).str());
  }
  for (const std::string &D : Dirs)
    syncDirectory(D);
  removeJournal(J);
  return llvm::formatv("finished {0}: replaced the {1} of its {2} file{3} that were still old",
                       describe(J), ToRename.size(), J.Files.size(),
                       J.Files.size() == 1 ? "" : "s")
      .str();
}

llvm::Expected<FileLock> lockJournals(llvm::StringRef JournalDir, const RunLog &Log) {
  if (std::error_code EC = fs::create_directories(JournalDir))
    return fail("cannot create " + JournalDir + ": " + EC.message());
  llvm::SmallString<256> LockPath(JournalDir);
  llvm::sys::path::append(LockPath, "lock");
  return FileLock::lockFile(LockPath, "the rewrite journal", Log);
}

} // namespace

std::string journalDirOf(llvm::StringRef CacheRoot) {
  llvm::SmallString<256> Dir(CacheRoot);
  llvm::sys::path::append(Dir, "journal");
  return std::string(Dir);
}

llvm::Expected<std::vector<std::string>> settleInterruptedRewrites(llvm::StringRef JournalDir,
                                                                  const RunLog &Log) {
  std::vector<std::string> Lines;
  // Journals, sorted; a ".json.new" is a run killed while writing one
  // (no temporary files yet), removed once the lock is held.
  auto List = [&](bool RemoveHalfWritten) {
    std::vector<std::string> Paths;
    std::error_code EC;
    for (fs::directory_iterator It(JournalDir, EC), End; It != End && !EC; It.increment(EC))
      if (llvm::StringRef(It->path()).ends_with(".json"))
        Paths.push_back(It->path());
      else if (RemoveHalfWritten && llvm::StringRef(It->path()).ends_with(".json.new"))
        (void)fs::remove(It->path());
    std::sort(Paths.begin(), Paths.end());
    return Paths;
  };
  // Nearly always there is none: no lock for that.
  if (!fs::is_directory(JournalDir) || List(false).empty())
    return Lines;
  auto Lock = lockJournals(JournalDir, Log);
  if (!Lock)
    return Lock.takeError();
  // Under the lock, a journal is a dead run's: a live one holds the lock
  // from its first journal to its last rename.
  std::vector<std::string> Paths = List(true);
  for (const std::string &P : Paths) {
    Journal J;
    J.Path = P;
    std::optional<std::string> Text = readChecksummedFile(P);
    auto V = Text ? json::parse(*Text) : llvm::Expected<json::Value>(fail("unreadable"));
    if (!V) {
      llvm::consumeError(V.takeError());
      return fail("cannot read the rewrite journal " + P +
                  ": it is damaged; check the tree it names, then remove it");
    }
    if (!fromJson(*V, J))
      return fail("cannot read the rewrite journal " + P +
                  ": it is not one this tool writes; check the tree it names, then remove it");
    auto Line = settle(J);
    if (!Line)
      return Line.takeError();
    Lines.push_back(std::move(*Line));
  }
  return Lines;
}

llvm::Error commitInPlace(const std::map<std::string, std::pair<std::string, std::string>> &Contents,
                          const std::map<std::string, uint64_t> &ParsedHashes,
                          const CommitOptions &Opts) {
  if (Contents.empty())
    return llvm::Error::success();
  auto JLock = lockJournals(Opts.JournalDir, Opts.Log);
  if (!JLock)
    return JLock.takeError();
  llvm::SmallString<256> TreeReal;
  if (std::error_code EC = fs::real_path(Opts.Tree, TreeReal))
    return fail("cannot resolve " + Opts.Tree + ": " + EC.message());
  // Another run, with another cache dir, may be writing the same tree.
  auto TLock = FileLock::lockDirectory(TreeReal, "the tree", Opts.Log);
  if (!TLock)
    return TLock.takeError();

  Journal J;
  J.Tree = std::string(TreeReal);
  J.Pid = llvm::sys::Process::getProcessId();
  J.Started = nowText();
  std::string Id = llvm::utohexstr(
      llvm::xxh3_64bits(llvm::formatv("{0} {1} {2}", J.Pid, J.Started, J.Tree).str()) &
      0xffffffffu);
  {
    llvm::SmallString<256> Path(Opts.JournalDir);
    llvm::sys::path::append(Path, "rewrite-" + Id + ".json");
    J.Path = std::string(Path);
  }
  J.State = "staging";

  // Check everything before writing anything.
  for (const auto &[File, OldNew] : Contents) {
    auto H = ParsedHashes.find(File);
    if (H == ParsedHashes.end() || llvm::xxh3_64bits(OldNew.first) != H->second)
      return fail(File + " changed since it was parsed; run the tool again");
    llvm::SmallString<256> Real;
    if (std::error_code EC = fs::real_path(File, Real))
      return fail("cannot resolve " + File + ": " + EC.message());
    if (!isUnder(Real, TreeReal))
      return fail("refusing to write " + File + ": it resolves to " + Real +
                  ", outside the tree " + TreeReal);
    if (!fs::is_regular_file(Real))
      return fail("refusing to write " + File + ": not a regular file");
    if (fs::access(Real, fs::AccessMode::Write))
      return fail("cannot write " + File + ": permission denied");
    J.Files.push_back({std::string(Real), (Real + ".mmap-migrate-" + Id).str(),
                       H->second, llvm::xxh3_64bits(OldNew.second)});
  }
  {
    std::vector<std::string> Real;
    for (const JournalEntry &E : J.Files)
      Real.push_back(E.File);
    removeStaleTemporaries(Real, Opts.Log);
  }
  // Until the commit point, an interrupt (^C, SIGTERM) removes what this
  // run wrote: the journal and the temporaries. The tree is still as it was.
  if (llvm::Error E = writeJournal(J))
    return E;
  llvm::sys::RemoveFileOnSignal(J.Path);
  auto KeepOnSignal = [&] {
    llvm::sys::DontRemoveFileOnSignal(J.Path);
    for (const JournalEntry &F : J.Files)
      llvm::sys::DontRemoveFileOnSignal(F.Temp);
  };
  pause(Opts.PauseMs);

  // Stage: every new text complete and synced beside its file. A directory
  // that cannot take it stops the run here, with the tree untouched.
  size_t I = 0;
  for (const auto &[File, OldNew] : Contents) {
    const JournalEntry &E = J.Files[I++];
    llvm::sys::RemoveFileOnSignal(E.Temp);
    std::string Why = writeNewFileDurably(E.Temp, OldNew.second);
    if (!Why.empty()) {
      for (const JournalEntry &F : J.Files)
        (void)fs::remove(F.Temp);
      removeJournal(J);
      KeepOnSignal();
      return fail("cannot write next to " + File + ": " + Why + "; no file was changed");
    }
    copyOwnerAndMode(E.File, E.Temp);
    pause(Opts.PauseMs);
  }

  // From the commit point on, the temporaries are the new tree: nothing
  // removes them, and termination signals wait until the commit is done.
  KeepOnSignal();
  DeferredTermination Deferred;
  J.State = "committing";
  if (llvm::Error E = writeJournal(J)) {
    for (const JournalEntry &F : J.Files)
      (void)fs::remove(F.Temp);
    removeJournal(J);
    return E;
  }
  pause(Opts.PauseMs);

  std::set<std::string> Dirs;
  for (const JournalEntry &E : J.Files) {
    if (std::error_code EC = fs::rename(E.Temp, E.File))
      return fail("cannot replace " + E.File + ": " + EC.message() +
                  "; the next run finishes the change from " + J.Path);
    Dirs.insert(llvm::sys::path::parent_path(E.File).str());
    pause(Opts.PauseMs);
  }
  for (const std::string &D : Dirs)
    syncDirectory(D);
  removeJournal(J);
  return llvm::Error::success();
}

} // namespace mmapmigrate
