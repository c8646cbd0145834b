//===- Maintainers.cpp - Which MAINTAINERS section owns a file -------------===//
#include "tool/series/Maintainers.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>

namespace mmapmigrate {
namespace {

/// Glob match of all of \p P against a prefix of \p S.
bool globPrefix(llvm::StringRef P, llvm::StringRef S) {
  if (P.empty())
    return true;
  if (P.front() == '*') {
    for (size_t I = 0; I <= S.size(); ++I)
      if (globPrefix(P.drop_front(), S.drop_front(I)))
        return true;
    return false;
  }
  if (S.empty() || (P.front() != '?' && P.front() != S.front()))
    return false;
  return globPrefix(P.drop_front(), S.drop_front());
}

/// How specific a pattern is: its depth in directories, as get_maintainer
/// counts it (catch-alls that start with '*' count least).
int patternDepth(llvm::StringRef Pattern) {
  if (Pattern.starts_with("*"))
    return -1;
  int Depth = std::count(Pattern.begin(), Pattern.end(), '/');
  return Pattern.ends_with("/") ? Depth : Depth + 1;
}

} // namespace

bool maintainersPatternMatches(llvm::StringRef Pattern, llvm::StringRef Path) {
  if (!globPrefix(Pattern, Path))
    return false;
  return Pattern.ends_with("/") ||
         std::count(Pattern.begin(), Pattern.end(), '/') == std::count(Path.begin(), Path.end(), '/');
}

MaintainersFile::MaintainersFile(llvm::StringRef Text,
                                 llvm::function_ref<bool(llvm::StringRef)> IsDir) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  bool InSection = false;
  for (llvm::StringRef L : Lines) {
    L = L.rtrim();
    if (L.empty()) {
      InSection = false;
      continue;
    }
    // "X:\tvalue": a field of the current section.
    if (L.size() > 2 && L[1] == ':' && (L[2] == '\t' || L[2] == ' ') && InSection) {
      llvm::StringRef Value = L.drop_front(2).trim();
      std::string Pattern = Value.str();
      if (L[0] == 'F' || L[0] == 'X') {
        if (!llvm::StringRef(Pattern).ends_with("/") && IsDir(Pattern))
          Pattern += '/';
        (L[0] == 'F' ? Sections.back().Files : Sections.back().Excluded).push_back(Pattern);
      } else if (L[0] == 'S') {
        Sections.back().Status = Pattern;
      }
      continue;
    }
    // A title starts a section; the preamble's prose has no fields, so a
    // "section" without F: lines never matches.
    if (!InSection) {
      Sections.push_back({L.str(), "", {}, {}});
      InSection = true;
    }
  }
}

std::string MaintainersFile::sectionOf(llvm::StringRef RelPath) const {
  const Section *S = bestSection(RelPath);
  return S ? S->Title : "";
}

std::string MaintainersFile::statusOf(llvm::StringRef RelPath) const {
  const Section *S = bestSection(RelPath);
  return S ? S->Status : "";
}

const MaintainersFile::Section *MaintainersFile::bestSection(llvm::StringRef RelPath) const {
  const Section *Best = nullptr;
  int BestDepth = -1;
  for (const Section &S : Sections) {
    if (std::any_of(S.Excluded.begin(), S.Excluded.end(), [&](const std::string &X) {
          return maintainersPatternMatches(X, RelPath);
        }))
      continue;
    for (const std::string &F : S.Files) {
      int Depth = patternDepth(F);
      if (Depth > BestDepth && maintainersPatternMatches(F, RelPath)) {
        Best = &S;
        BestDepth = Depth;
      }
    }
  }
  return Best;
}

MailRecipients parseGetMaintainerOutput(llvm::StringRef Out) {
  MailRecipients R;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Out.split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    // The address ends at the first '>' (a name) or the first blank (a
    // bare address); the role, in parentheses, follows and may nest them.
    size_t End = L.find('>');
    End = End == llvm::StringRef::npos ? L.find(' ') : End + 1;
    llvm::StringRef Who = L.substr(0, End).trim();
    llvm::StringRef Role = End == llvm::StringRef::npos ? "" : L.substr(End).ltrim();
    if (!isPlainMailAddress(Who))
      continue;
    Role.consume_front("(");
    (Role.starts_with("maintainer") ? R.To : R.Cc).push_back(Who.str());
  }
  return R;
}

bool isPlainMailAddress(llvm::StringRef Entry) {
  llvm::StringRef Addr = Entry;
  if (Entry.ends_with(">")) {
    size_t Open = Entry.rfind('<');
    if (Open == llvm::StringRef::npos || Open == 0 || Entry[Open - 1] != ' ')
      return false;
    llvm::StringRef Name = Entry.substr(0, Open).trim();
    if (Name.empty() || Name.find_first_of("<>()@,;") != llvm::StringRef::npos)
      return false;
    Addr = Entry.slice(Open + 1, Entry.size() - 1);
  }
  auto [Local, Domain] = Addr.split('@');
  return !Local.empty() && !Domain.empty() && Domain.contains('.') &&
         Addr.find_first_of(" <>(),;\"") == llvm::StringRef::npos && !Domain.contains('@');
}

} // namespace mmapmigrate
