//===- TextPassMemo.cpp - Text-pass answers kept while the tree is unchanged ===//
#include "tool/driver/TextPassMemo.h"
#include "tool/driver/ResultCache.h"
#include "tool/support/AtomicFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <chrono>

namespace mmapmigrate {

namespace fs = llvm::sys::fs;
namespace json = llvm::json;

namespace {

/// Hash of the stat data of \p Files, or "" if one of them changed in the
/// last two seconds: a second change within the same timestamp tick would
/// go unseen (git's "racy" entries).
std::string fingerprintOf(const std::vector<std::string> &Files) {
  auto Recent = std::chrono::system_clock::now() - std::chrono::seconds(2);
  std::string Stats;
  Stats.reserve(Files.size() * 96);
  for (const std::string &F : Files) {
    fs::file_status St;
    Stats += F;
    if (fs::status(F, St)) {
      Stats += " missing\n";
      continue;
    }
    if (St.getLastModificationTime() > Recent)
      return "";
    // The mode too: a file made unreadable keeps its mtime.
    Stats += llvm::formatv(" {0} {1} {2} {3}\n", St.getSize(),
                           St.getLastModificationTime().time_since_epoch().count(),
                           St.getUniqueID().getFile(), unsigned(St.permissions()))
                 .str();
  }
  return llvm::utohexstr(llvm::xxh3_64bits(Stats));
}

} // namespace

TextPassMemo::TextPassMemo(std::string CacheDir, llvm::StringRef Tree,
                           const std::vector<std::string> &Files, const RunLog &Log) {
  if (CacheDir.empty())
    return;
  llvm::SmallString<256> Dir(CacheDir);
  llvm::sys::path::append(Dir, "text-pass");
  if (fs::create_directories(Dir))
    return; // No memo; the answers are computed.
  llvm::sys::path::append(Dir, llvm::utohexstr(llvm::xxh3_64bits(Tree)) + ".json");
  Path = std::string(Dir);
  Fingerprint = fingerprintOf(Files);
  if (Fingerprint.empty())
    return;
  auto Damaged = [&](const std::string &Why) {
    Log.note("ignoring damaged " + Path + ": " + Why + "; the text pass is run again");
  };
  std::string WhyNot;
  std::optional<std::string> Text = readChecksummedFile(Path, &WhyNot);
  if (!Text) {
    if (!WhyNot.empty())
      Damaged(WhyNot);
    return;
  }
  llvm::Expected<json::Value> V = json::parse(*Text);
  if (!V) {
    Damaged("it is not JSON: " + llvm::toString(V.takeError()));
    return;
  }
  json::Object *O = V->getAsObject();
  json::Object *A = O ? O->getObject("answers") : nullptr;
  if (!O || !O->getString("tool") || !O->getString("fingerprint") || !A) {
    Damaged("it lacks its tool, fingerprint or answers");
    return;
  }
  if (O->getString("tool") != llvm::StringRef(toolIdentity()) ||
      O->getString("fingerprint") != llvm::StringRef(Fingerprint))
    return; // A changed tree or tool: start afresh.
  Answers = std::move(*A);
}

TextPassMemo::~TextPassMemo() { save(); }

static std::string questionKey(llvm::StringRef Question) {
  return llvm::utohexstr(llvm::xxh3_64bits(Question));
}

const json::Value *TextPassMemo::known(llvm::StringRef Question) const {
  return Answers.get(questionKey(Question));
}

void TextPassMemo::remember(llvm::StringRef Question, json::Value Answer) {
  if (Path.empty() || Fingerprint.empty())
    return;
  Answers[questionKey(Question)] = std::move(Answer);
  Dirty = true;
}

json::Value TextPassMemo::answer(llvm::StringRef Question,
                                 llvm::function_ref<json::Value()> Compute) {
  return answer<json::Value>(
      Question, Compute, [](const json::Value &V) { return V; },
      [](const json::Value &V) { return std::optional<json::Value>(V); });
}

void TextPassMemo::save() {
  if (!Dirty)
    return;
  json::Object O{{"tool", toolIdentity()},
                 {"fingerprint", Fingerprint},
                 {"answers", json::Value(std::move(Answers))}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << json::Value(std::move(O));
  OS.flush();
  // Unsaved answers are computed again.
  llvm::consumeError(writeChecksummedFile(Path, Text));
  Dirty = false;
}

} // namespace mmapmigrate
