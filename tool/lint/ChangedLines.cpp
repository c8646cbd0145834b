//===- ChangedLines.cpp - What a unified diff adds ------------------------===//
#include "tool/lint/ChangedLines.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cstring>
#include <map>
#include <optional>
#include <vector>

namespace mmapmigrate {

bool ChangeSet::adds(llvm::StringRef Path, unsigned Line) const {
  auto It = Files.find(Path.str());
  return It != Files.end() && It->second.Added.count(Line);
}

namespace {

llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

/// A path as git writes it: maybe in C-style quotes, maybe followed by a
/// tab and a timestamp (diff -u).
std::string unquote(llvm::StringRef P) {
  if (!P.starts_with("\"")) {
    return P.split('\t').first.rtrim().str();
  }
  std::string Out;
  for (size_t I = 1; I < P.size() && P[I] != '"'; ++I) {
    char C = P[I];
    if (C != '\\' || I + 1 >= P.size()) {
      Out += C;
      continue;
    }
    char E = P[++I];
    if (E >= '0' && E <= '7') { // Octal byte, as git quotes UTF-8.
      unsigned V = 0;
      for (unsigned N = 0; N < 3 && I < P.size() && P[I] >= '0' && P[I] <= '7'; ++N, ++I)
        V = V * 8 + (P[I] - '0');
      --I;
      Out += char(V);
      continue;
    }
    Out += E == 'n' ? '\n' : E == 't' ? '\t' : E;
  }
  return Out;
}

/// One hunk: where it sits on both sides, and its lines.
struct Hunk {
  unsigned OldStart = 0, OldCount = 1, NewStart = 0, NewCount = 1;
  std::vector<std::pair<char, std::string>> Lines;
};

bool parseRange(llvm::StringRef R, unsigned &Start, unsigned &Count) {
  auto [S, C] = R.split(',');
  Count = 1;
  if (S.getAsInteger(10, Start))
    return false;
  return C.empty() || !C.getAsInteger(10, Count);
}

/// `@@ -a,b +c,d @@ ...`
bool parseHunkHeader(llvm::StringRef L, Hunk &H) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  L.split(Parts, ' ', 4, false);
  return Parts.size() >= 4 && Parts[0] == "@@" && Parts[3].starts_with("@@") &&
         Parts[1].consume_front("-") && parseRange(Parts[1], H.OldStart, H.OldCount) &&
         Parts[2].consume_front("+") && parseRange(Parts[2], H.NewStart, H.NewCount);
}

/// One file's section of one patch.
struct Section {
  std::string OldPath, NewPath, GitPath;
  bool Deleted = false, Binary = false;
  std::vector<Hunk> Hunks;
};

/// Where line \p L before \p S lands after it; 0 when S removes it.
unsigned moveLine(unsigned L, const Section &S) {
  int Delta = 0;
  for (const Hunk &H : S.Hunks) {
    // A hunk with no old lines sits after line OldStart.
    unsigned Begin = H.OldCount ? H.OldStart : H.OldStart + 1;
    if (L < Begin)
      break;
    if (L >= Begin + H.OldCount) {
      Delta += int(H.NewCount) - int(H.OldCount);
      continue;
    }
    unsigned O = Begin, N = H.NewCount ? H.NewStart : H.NewStart + 1;
    for (const auto &[Op, Text] : H.Lines) {
      if (Op == ' ') {
        if (O == L)
          return N;
        ++O, ++N;
      } else if (Op == '-') {
        if (O == L)
          return 0;
        ++O;
      } else {
        ++N;
      }
    }
    return 0;
  }
  return unsigned(int(L) + Delta);
}

/// The path after the change, with git's b/ prefix taken off when both
/// sides carry a/ b/ prefixes.
std::string pathOf(const Section &S) {
  auto Strip = [&](const std::string &P, llvm::StringRef Prefix) {
    llvm::StringRef Other = Prefix == "b/" ? S.OldPath : S.NewPath;
    llvm::StringRef Want = Prefix == "b/" ? "a/" : "b/";
    if (llvm::StringRef(P).starts_with(Prefix) &&
        (Other.starts_with(Want) || Other == "/dev/null" || Other.empty()))
      return P.substr(2);
    return P;
  };
  if (!S.NewPath.empty() && S.NewPath != "/dev/null")
    return Strip(S.NewPath, "b/");
  if (!S.OldPath.empty() && S.OldPath != "/dev/null")
    return Strip(S.OldPath, "a/");
  return S.GitPath;
}

/// Why \p S cannot be trusted ("" when it can): cut short after its file
/// header, or naming a path that leaves the tree.
std::string problemOf(const Section &S) {
  std::string Path = pathOf(S);
  bool HasHeader = !S.OldPath.empty() || !S.NewPath.empty();
  // git writes ---/+++ only before hunks (or a binary patch): without
  // them the diff was cut short, and its change is unknown.
  if (HasHeader && S.Hunks.empty() && !S.Binary && !S.Deleted)
    return "the diff of " + Path + " ends after its ---/+++ lines: it was cut short";
  for (llvm::StringRef P : {llvm::StringRef(Path), llvm::StringRef(S.GitPath)}) {
    if (P.starts_with("/"))
      return "the diff names " + P.str() + ", an absolute path: give paths relative to the tree";
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    P.split(Parts, '/');
    if (llvm::is_contained(Parts, ".."))
      return "the diff names " + P.str() + ", which leaves the tree";
  }
  return "";
}

void merge(ChangeSet &Out, const Section &S) {
  std::string Path = pathOf(S);
  if (Path.empty())
    return;
  FileChange &F = Out.Files[Path];
  F.Path = Path;
  F.Deleted = S.Deleted;
  F.Binary = F.Binary || S.Binary;
  if (S.Deleted) {
    F.Added.clear();
    return;
  }
  std::map<unsigned, std::string> Moved;
  for (auto &[L, Text] : F.Added)
    if (unsigned To = moveLine(L, S))
      Moved[To] = std::move(Text);
  F.Added = std::move(Moved);
  for (const Hunk &H : S.Hunks) {
    unsigned N = H.NewCount ? H.NewStart : H.NewStart + 1;
    for (const auto &[Op, Text] : H.Lines) {
      if (Op == '+') {
        F.Added[N] = Text;
      }
      if (Op != '-')
        ++N;
    }
  }
}

} // namespace

llvm::Expected<ChangeSet> parseUnifiedDiff(llvm::StringRef Diff) {
  ChangeSet Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  if (!Lines.empty() && Lines.back().empty()) // The final newline ends no line.
    Lines.pop_back();
  std::optional<Section> Cur;
  bool SawDiff = false;
  std::string Problem; // The first section that cannot be trusted.
  auto Flush = [&] {
    if (Cur) {
      std::string Why = problemOf(*Cur);
      if (!Why.empty() && Problem.empty())
        Problem = Why;
      merge(Out, *Cur);
    }
    Cur.reset();
  };
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I].rtrim('\r');
    if (L.starts_with("diff --git ")) {
      Flush();
      Cur.emplace();
      SawDiff = true;
      // "a/x b/x": the new side is the last " b/" (paths rarely hold one).
      llvm::StringRef Rest = L.drop_front(strlen("diff --git "));
      size_t B = Rest.rfind(" b/");
      Cur->GitPath = B == llvm::StringRef::npos ? std::string() : unquote(Rest.substr(B + 3));
      continue;
    }
    if (L.starts_with("--- ") && I + 1 < Lines.size() && Lines[I + 1].starts_with("+++ ")) {
      // A new section unless git's header already opened this one.
      if (!Cur || !Cur->Hunks.empty() || !Cur->NewPath.empty()) {
        Flush();
        Cur.emplace();
      }
      SawDiff = true;
      Cur->OldPath = unquote(L.drop_front(4));
      Cur->NewPath = unquote(Lines[++I].rtrim('\r').drop_front(4));
      Cur->Deleted = Cur->NewPath == "/dev/null";
      continue;
    }
    if (!Cur)
      continue;
    if (L.starts_with("deleted file mode")) {
      Cur->Deleted = true;
      continue;
    }
    if (L.starts_with("rename to ")) {
      Cur->GitPath = unquote(L.drop_front(strlen("rename to ")));
      continue;
    }
    if (L.starts_with("Binary files ") || L == "GIT binary patch") {
      Cur->Binary = true;
      continue;
    }
    if (!L.starts_with("@@ "))
      continue;
    Hunk H;
    if (!parseHunkHeader(L, H))
      return fail("malformed hunk header in the diff: '" + L + "'");
    unsigned Old = 0, New = 0;
    while (Old < H.OldCount || New < H.NewCount) {
      if (++I >= Lines.size())
        return fail("the diff ends inside a hunk of " + pathOf(*Cur));
      llvm::StringRef HL = Lines[I];
      if (HL.starts_with("\\")) // "\ No newline at end of file"
        continue;
      // Some mailers drop the space of an empty context line.
      char Op = HL.empty() ? ' ' : HL.front();
      if (Op != ' ' && Op != '+' && Op != '-')
        return fail("hunk of " + pathOf(*Cur) + " is shorter than its header says (at '" +
                    HL.take_front(40) + "')");
      H.Lines.push_back({Op, HL.empty() ? "" : HL.drop_front().rtrim('\r').str()});
      Old += Op != '+';
      New += Op != '-';
    }
    if (Old != H.OldCount || New != H.NewCount)
      return fail("hunk of " + pathOf(*Cur) + " is longer than its header says");
    Cur->Hunks.push_back(std::move(H));
  }
  Flush();
  if (!Problem.empty())
    return fail(Problem);
  if (!SawDiff && !Diff.trim().empty())
    return fail("no unified diff found in the input");
  return Out;
}

} // namespace mmapmigrate
