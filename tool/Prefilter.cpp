//===- Prefilter.cpp - Cheap text pass that picks the TUs to parse --------===//
#include "tool/Prefilter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include "matchers/ToolRunner.h"

#include <algorithm>
#include <mutex>

namespace mmapmigrate {
namespace {

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// The first offset >= \p From where \p Word stands as a whole identifier.
size_t findWord(llvm::StringRef Text, llvm::StringRef Word, size_t From = 0) {
  for (size_t Pos = From; (Pos = Text.find(Word, Pos)) != llvm::StringRef::npos;
       Pos += Word.size()) {
    bool Left = Pos == 0 || !isIdentChar(Text[Pos - 1]);
    size_t End = Pos + Word.size();
    if (Left && (End >= Text.size() || !isIdentChar(Text[End])))
      return Pos;
  }
  return llvm::StringRef::npos;
}

/// True if \p Word occurs in \p Text as a whole identifier.
bool containsWord(llvm::StringRef Text, llvm::StringRef Word) {
  return findWord(Text, Word) != llvm::StringRef::npos;
}

/// An assignment to a member named `mmap` or `*_mmap` (the names an ops
/// table's mmap slot has), not to `memmap` or `rammap`.
bool hasMmapAssignment(llvm::StringRef Text) {
  size_t Pos = 0;
  while ((Pos = Text.find("mmap", Pos)) != llvm::StringRef::npos) {
    if (Pos > 0 && isIdentChar(Text[Pos - 1]) && Text[Pos - 1] != '_') {
      Pos += 4;
      continue;
    }
    size_t I = Pos + 4;
    while (I < Text.size() && (Text[I] == ' ' || Text[I] == '\t'))
      ++I;
    if (I < Text.size() && Text[I] == '=' && (I + 1 >= Text.size() || Text[I + 1] != '='))
      return true;
    Pos += 4;
  }
  return false;
}

/// The #define directives of \p Text, continuation lines joined:
/// (name, body) pairs. Looks only where "define" occurs: most lines of a
/// file are not directives.
std::vector<std::pair<std::string, std::string>> defines(llvm::StringRef Text) {
  std::vector<std::pair<std::string, std::string>> Out;
  for (size_t Pos = 0; (Pos = Text.find("define", Pos)) != llvm::StringRef::npos;) {
    size_t LineStart = Text.rfind('\n', Pos);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    llvm::StringRef Prefix = Text.slice(LineStart, Pos).trim(" \t");
    size_t After = Pos + strlen("define");
    Pos = After;
    if (!Prefix.consume_front("#") || !Prefix.ltrim(" \t").empty())
      continue;
    // The logical line: up to a newline not preceded by a backslash.
    size_t End = After;
    std::string Logical;
    while (true) {
      size_t NL = Text.find('\n', End);
      llvm::StringRef Line = Text.slice(End, NL);
      llvm::StringRef Trimmed = Line.rtrim();
      if (NL == llvm::StringRef::npos || !Trimmed.ends_with("\\")) {
        Logical += Line.str();
        End = NL == llvm::StringRef::npos ? Text.size() : NL;
        break;
      }
      Logical += Trimmed.drop_back().str();
      Logical += ' ';
      End = NL + 1;
    }
    Pos = End;
    llvm::StringRef D = llvm::StringRef(Logical).ltrim(" \t");
    size_t NameEnd = 0;
    while (NameEnd < D.size() && isIdentChar(D[NameEnd]))
      ++NameEnd;
    if (NameEnd == 0)
      continue;
    Out.emplace_back(D.substr(0, NameEnd).str(), D.substr(NameEnd).str());
  }
  return Out;
}

} // namespace

bool readSourceText(llvm::StringRef Path, std::string &Out) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return false;
  llvm::StringRef Data = (*Buf)->getBuffer();
  // A NUL byte in the first 8 KiB means this is not source text.
  if (Data.substr(0, 8192).contains('\0'))
    return false;
  Out.assign(Data.begin(), Data.end());
  return true;
}

std::vector<std::string> listSourceFiles(llvm::StringRef Root, llvm::StringRef Sub,
                                         bool Headers) {
  std::vector<std::string> Out;
  llvm::SmallString<256> Start(Root);
  if (!Sub.empty())
    llvm::sys::path::append(Start, Sub);
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Start, St))
    return Out;
  if (llvm::sys::fs::is_regular_file(St)) {
    Out.push_back(std::string(Start));
    return Out;
  }
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Start, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    llvm::StringRef Name = llvm::sys::path::filename(P);
    if (It->type() == llvm::sys::fs::file_type::directory_file) {
      llvm::StringRef Rel = P.drop_front(Root.size()).ltrim('/');
      if (Name.starts_with(".") || Rel == "tools" || Rel == "scripts" ||
          Rel == "Documentation" || Rel == "usr")
        It.no_push();
      continue;
    }
    if (It->type() != llvm::sys::fs::file_type::regular_file)
      continue;
    if (Name.ends_with(".c") || (Headers && Name.ends_with(".h")))
      Out.push_back(P.str());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::set<std::string> findFopsMacros(const std::vector<std::string> &Files, unsigned Jobs) {
  // Breadth first, one file in memory per thread: the tree has about a
  // million #defines, and keeping their bodies for a fixpoint took 1 GiB.
  // Round 0 finds the macros that assign an mmap member; each later round
  // the macros whose body names one found in the round before.
  std::set<std::string> Found, Frontier;
  std::mutex Lock;
  for (bool First = true; First || !Frontier.empty(); First = false) {
    std::set<std::string> Next;
    runInParallel(Files.size(), Jobs, [&](size_t I) {
      std::string Text;
      if (!readSourceText(Files[I], Text) || Text.find("define") == std::string::npos)
        return;
      if (First ? Text.find("mmap") == std::string::npos
                : llvm::none_of(Frontier, [&](const std::string &M) {
                    return Text.find(M) != std::string::npos;
                  }))
        return;
      std::vector<std::string> Hits;
      for (const auto &[Name, Body] : defines(Text))
        if (First ? hasMmapAssignment(Body)
                  : !Found.count(Name) && llvm::any_of(Frontier, [&](const std::string &M) {
                      return containsWord(Body, M);
                    }))
          Hits.push_back(Name);
      std::lock_guard<std::mutex> G(Lock);
      Next.insert(Hits.begin(), Hits.end());
    });
    Frontier.clear();
    for (const std::string &N : Next)
      if (Found.insert(N).second)
        Frontier.insert(N);
  }
  return Found;
}

bool usesFopsMacro(llvm::StringRef Text, const std::set<std::string> &Macros) {
  for (const std::string &M : Macros)
    if (containsWord(Text, M))
      return true;
  return false;
}

bool mayHoldMmapSlot(llvm::StringRef Text, const std::set<std::string> &Macros) {
  if (!hasMmapAssignment(Text) && !usesFopsMacro(Text, Macros))
    return false;
  // Comments often name a macro or show an assignment; look again without.
  std::string Code = blankComments(Text);
  return hasMmapAssignment(Code) || usesFopsMacro(Code, Macros);
}

std::vector<std::string> filesDefining(const std::vector<std::string> &Files,
                                       const std::set<std::string> &Names) {
  std::vector<std::string> Out;
  for (const std::string &F : Files) {
    std::string Text;
    if (!readSourceText(F, Text))
      continue;
    llvm::StringRef T(Text);
    bool Hit = false;
    for (const std::string &N : Names) {
      size_t Pos = 0;
      while (!Hit && (Pos = T.find(N, Pos)) != llvm::StringRef::npos) {
        size_t End = Pos + N.size();
        bool Left = Pos == 0 || !isIdentChar(T[Pos - 1]);
        size_t I = End;
        while (I < T.size() && (T[I] == ' ' || T[I] == '\t'))
          ++I;
        size_t LineStart = T.rfind('\n', Pos);
        LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
        bool AtTopLevel = LineStart < T.size() && !llvm::isSpace(T[LineStart]);
        if (Left && I < T.size() && T[I] == '(' && AtTopLevel)
          Hit = true;
        Pos = End;
      }
      if (Hit)
        break;
    }
    if (Hit)
      Out.push_back(F);
  }
  return Out;
}

std::string blankComments(llvm::StringRef Text) {
  std::string Out = Text.str();
  enum { Code, Line, Block, Str, Chr } State = Code;
  for (size_t I = 0; I < Out.size(); ++I) {
    char C = Out[I], N = I + 1 < Out.size() ? Out[I + 1] : 0;
    switch (State) {
    case Code:
      if (C == '/' && N == '/')
        State = Line;
      else if (C == '/' && N == '*')
        State = Block;
      else if (C == '"')
        State = Str;
      else if (C == '\'')
        State = Chr;
      if (State == Line || State == Block) {
        Out[I] = Out[I + 1] = ' ';
        ++I;
      }
      break;
    case Line:
      if (C == '\n')
        State = Code;
      else
        Out[I] = ' ';
      break;
    case Block:
      if (C == '*' && N == '/') {
        Out[I] = Out[I + 1] = ' ';
        ++I;
        State = Code;
      } else if (C != '\n') {
        Out[I] = ' ';
      }
      break;
    case Str:
    case Chr:
      if (C == '\\')
        ++I;
      else if (C == (State == Str ? '"' : '\'') || C == '\n')
        State = Code;
      break;
    }
  }
  return Out;
}

std::optional<std::vector<TextSlot>> otherTableSlotsByText(llvm::StringRef Raw, std::string *Why) {
  auto Parse = [&](const char *Reason, size_t At) -> std::optional<std::vector<TextSlot>> {
    if (Why) {
      size_t Line = 1 + std::count(Raw.begin(), Raw.begin() + std::min(At, Raw.size()), '\n');
      *Why = std::string(Reason) + " (line " + std::to_string(Line) + ")";
    }
    return std::nullopt;
  };
  std::string Code = blankComments(Raw);
  llvm::StringRef T(Code);
  // A file may name file_operations elsewhere: each slot below is checked
  // to sit directly in a table of another type.
  std::vector<TextSlot> Out;
  // One pass: brace stack, #if depth, and each `<ident>mmap =`.
  std::vector<size_t> Braces;
  int IfDepth = 0;
  bool LineStart = true;
  for (size_t I = 0; I < T.size(); ++I) {
    char C = T[I];
    if (C == '"' || C == '\'') { // Skip a literal: its braces are not code.
      for (++I; I < T.size() && T[I] != C && T[I] != '\n'; ++I)
        if (T[I] == '\\')
          ++I;
      continue;
    }
    if (LineStart && C == '#') {
      llvm::StringRef D = T.substr(I + 1).ltrim(" \t");
      if (D.starts_with("if"))
        ++IfDepth;
      else if (D.starts_with("endif"))
        --IfDepth;
      size_t Eol = I;
      do // A directive may continue over several lines.
        Eol = T.find('\n', Eol + 1);
      while (Eol != llvm::StringRef::npos && Eol > 0 && T[Eol - 1] == '\\');
      if (Eol == llvm::StringRef::npos)
        break;
      I = Eol;
      LineStart = true;
      continue;
    }
    if (C == '\n')
      LineStart = true;
    else if (C != ' ' && C != '\t')
      LineStart = false;
    if (C == '{') {
      Braces.push_back(I);
      continue;
    }
    if (C == '}') {
      if (!Braces.empty())
        Braces.pop_back();
      continue;
    }
    if (!T.substr(I).starts_with("mmap") || (I + 4 < T.size() && isIdentChar(T[I + 4])))
      continue;
    size_t Eq = I + 4;
    while (Eq < T.size() && (T[Eq] == ' ' || T[Eq] == '\t'))
      ++Eq;
    if (Eq >= T.size() || T[Eq] != '=' || (Eq + 1 < T.size() && T[Eq + 1] == '='))
      continue;
    size_t Start = I;
    while (Start > 0 && isIdentChar(T[Start - 1]))
      --Start;
    size_t Before = Start;
    while (Before > 0 && llvm::isSpace(T[Before - 1]))
      --Before;
    bool Dot = Before > 0 && T[Before - 1] == '.';
    bool Arrow = Before > 1 && T[Before - 1] == '>' && T[Before - 2] == '-';
    if (!Dot && !Arrow) { // A variable that happens to be called mmap.
      I = Eq;
      continue;
    }
    if (Arrow)
      return Parse("an mmap member is assigned at run time", I);
    // Only a designator in a top-level initializer, outside #if, and not
    // a nested one (`.fops.mmap =` is a file_operations slot).
    if (Braces.size() != 1)
      return Parse("an mmap member is set in a function or a nested initializer", I);
    if (IfDepth != 0)
      return Parse("an mmap slot is inside #if", I);
    size_t Prev = Before - 1;
    while (Prev > 0 && llvm::isSpace(T[Prev - 1]))
      --Prev;
    if (Prev == 0 || (T[Prev - 1] != ',' && T[Prev - 1] != '{'))
      return Parse("an mmap member is set through another member", I);
    // `static const struct T __maybe_unused name = {`: storage class,
    // qualifiers and kernel attributes (`__ro_after_init`) around the type;
    // from a line start too, as a directive or a macro call without `;`
    // (BTF_ID_LIST_SINGLE(...)) may come right before.
    static const llvm::Regex Decl(
        "(^|[;}\n])[ \t\n]*((static|const|__[A-Za-z0-9_]+)[ \t\n]+)*"
        "struct[ \t\n]+([A-Za-z_][A-Za-z0-9_]*)[ \t\n]+"
        "((const|__[A-Za-z0-9_]+)[ \t\n]+)*([A-Za-z_][A-Za-z0-9_]*)[ \t\n]*=[ \t\n]*$");
    size_t Open = Braces.back();
    size_t From = T.find_last_of(";}", Open);
    llvm::SmallVector<llvm::StringRef, 8> M;
    llvm::StringRef Head = T.slice(From == llvm::StringRef::npos ? 0 : From, Open);
    if (!Decl.match(Head, &M) || M[7].starts_with("__"))
      return Parse("the table's declaration is not a plain `struct T name =`", I);
    if (M[4] == "file_operations")
      return Parse("a file_operations table", I);
    size_t V = Eq + 1;
    while (V < T.size() && llvm::isSpace(T[V]))
      ++V;
    size_t VEnd = V;
    while (VEnd < T.size() && isIdentChar(T[VEnd]))
      ++VEnd;
    size_t After = VEnd;
    while (After < T.size() && llvm::isSpace(T[After]))
      ++After;
    llvm::StringRef Handler = T.slice(V, VEnd);
    if (Handler.empty() || llvm::isDigit(Handler[0]) || After >= T.size() ||
        (T[After] != ',' && T[After] != '}'))
      return Parse("an mmap slot is set from an expression", I);
    // A handler name that is a macro would resolve to something else.
    if (T.contains(("define " + Handler).str()) || T.contains(("define\t" + Handler).str()))
      return Parse("an mmap slot names a macro", I);
    TextSlot S;
    S.Type = ("struct " + M[4]).str();
    S.Field = T.slice(Start, I + 4).str();
    S.Table = M[7].str();
    S.Handler = Handler.str();
    S.Line = 1 + std::count(T.begin(), T.begin() + V, '\n');
    size_t LineBegin = T.rfind('\n', V);
    S.Col = V - (LineBegin == llvm::StringRef::npos ? 0 : LineBegin + 1) + 1;
    Out.push_back(std::move(S));
    I = Eq;
  }
  return Out;
}

std::vector<size_t> wordOffsets(llvm::StringRef Text, llvm::StringRef Word) {
  std::vector<size_t> Out;
  for (size_t At = findWord(Text, Word); At != llvm::StringRef::npos;
       At = findWord(Text, Word, At + Word.size()))
    Out.push_back(At);
  return Out;
}

std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Out;
  if (llvm::sys::fs::real_path(Path, Out))
    return Path.str();
  return std::string(Out);
}

} // namespace mmapmigrate
