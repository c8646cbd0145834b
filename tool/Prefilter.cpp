//===- Prefilter.cpp - Cheap text pass that picks the TUs to parse --------===//
#include "tool/Prefilter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

namespace mmapmigrate {
namespace {

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// True if \p Word occurs in \p Text as a whole identifier.
bool containsWord(llvm::StringRef Text, llvm::StringRef Word) {
  size_t Pos = 0;
  while ((Pos = Text.find(Word, Pos)) != llvm::StringRef::npos) {
    bool Left = Pos == 0 || !isIdentChar(Text[Pos - 1]);
    size_t End = Pos + Word.size();
    bool Right = End >= Text.size() || !isIdentChar(Text[End]);
    if (Left && Right)
      return true;
    Pos = End;
  }
  return false;
}

bool hasMmapAssignment(llvm::StringRef Text) {
  size_t Pos = 0;
  while ((Pos = Text.find("mmap", Pos)) != llvm::StringRef::npos) {
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
/// (name, body) pairs.
std::vector<std::pair<std::string, std::string>> defines(llvm::StringRef Text) {
  std::vector<std::pair<std::string, std::string>> Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I].ltrim(" \t");
    if (!L.consume_front("#"))
      continue;
    L = L.ltrim(" \t");
    if (!L.consume_front("define"))
      continue;
    std::string Logical = L.str();
    while (!Logical.empty() && llvm::StringRef(Logical).rtrim().ends_with("\\") &&
           I + 1 < Lines.size()) {
      Logical = llvm::StringRef(Logical).rtrim().drop_back().str();
      Logical += " " + Lines[++I].str();
    }
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

std::set<std::string> findFopsMacros(const std::vector<std::string> &Files) {
  std::vector<std::pair<std::string, std::string>> All;
  std::set<std::string> Found;
  for (const std::string &F : Files) {
    std::string Text;
    if (!readSourceText(F, Text) || Text.find("define") == std::string::npos)
      continue;
    for (auto &D : defines(Text)) {
      if (hasMmapAssignment(D.second))
        Found.insert(D.first);
      else
        All.push_back(std::move(D));
    }
  }
  // Macros that expand other fops-building macros build fops too.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Name, Body] : All)
      if (!Found.count(Name) && llvm::any_of(Found, [&](const std::string &M) {
            return containsWord(Body, M);
          })) {
        Found.insert(Name);
        Changed = true;
      }
  }
  return Found;
}

bool mayHoldMmapSlot(llvm::StringRef Text, const std::set<std::string> &Macros) {
  if (hasMmapAssignment(Text))
    return true;
  for (const std::string &M : Macros)
    if (containsWord(Text, M))
      return true;
  return false;
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

} // namespace mmapmigrate
