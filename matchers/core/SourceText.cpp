//===- SourceText.cpp - Reading kernel sources as text --------------------===//
#include "matchers/core/SourceText.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstring>

namespace mmapmigrate {

bool containsText(llvm::StringRef Text, llvm::StringRef Needle) {
  return memmem(Text.data(), Text.size(), Needle.data(), Needle.size()) != nullptr;
}

size_t findWord(llvm::StringRef Text, llvm::StringRef Word, size_t From) {
  if (Word.empty())
    return llvm::StringRef::npos;
  for (size_t Pos = From; Pos < Text.size(); Pos += Word.size()) {
    const void *Hit =
        memmem(Text.data() + Pos, Text.size() - Pos, Word.data(), Word.size());
    if (!Hit)
      break;
    Pos = static_cast<const char *>(Hit) - Text.data();
    bool Left = Pos == 0 || !isIdentChar(Text[Pos - 1]);
    size_t End = Pos + Word.size();
    if (Left && (End >= Text.size() || !isIdentChar(Text[End])))
      return Pos;
  }
  return llvm::StringRef::npos;
}

bool isMemberCallAt(llvm::StringRef Text, size_t At, size_t Length) {
  llvm::StringRef Before = Text.substr(0, At).rtrim();
  return (Before.ends_with(".") || Before.ends_with("->")) &&
         Text.substr(At + Length).ltrim().starts_with("(");
}

bool containsWord(llvm::StringRef Text, llvm::StringRef Word) {
  return findWord(Text, Word) != llvm::StringRef::npos;
}

std::string readSourceTextOrWhy(llvm::StringRef Path, std::string &Out) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return "could not be read: " + Buf.getError().message();
  llvm::StringRef Data = (*Buf)->getBuffer();
  // Source text holds no NUL byte; memchr over the whole file costs little.
  if (const void *Nul = memchr(Data.data(), 0, Data.size()))
    return "not source text: a NUL byte at offset " +
           std::to_string(static_cast<const char *>(Nul) - Data.data());
  Out.assign(Data.begin(), Data.end());
  return "";
}

bool readSourceText(llvm::StringRef Path, std::string &Out) {
  return readSourceTextOrWhy(Path, Out).empty();
}

namespace {

/// Directories the kernel's own tools, docs and userspace live in.
bool skippedDirectory(llvm::StringRef Rel, llvm::StringRef Name) {
  return Name.starts_with(".") || Rel == "tools" || Rel == "scripts" ||
         Rel == "Documentation" || Rel == "usr";
}

} // namespace

std::vector<std::string> listSourceFiles(llvm::StringRef Root, llvm::StringRef Sub,
                                         bool Headers, std::vector<ListingProblem> *Problems) {
  namespace fs = llvm::sys::fs;
  std::vector<std::string> Out;
  llvm::SmallString<256> Start(Root);
  if (!Sub.empty())
    llvm::sys::path::append(Start, Sub);
  fs::file_status St;
  if (std::error_code EC = fs::status(Start, St)) {
    if (Problems)
      Problems->push_back({std::string(Start), EC.message()});
    return Out;
  }
  if (fs::is_regular_file(St)) {
    Out.push_back(std::string(Start));
    return Out;
  }
  // A walk that does not follow directory symlinks: every directory of the
  // tree is reached through its own path, and a link out of the tree or back
  // up into it (a loop) is not walked. A directory that cannot be read is
  // said, and its siblings are still listed.
  std::vector<std::string> Pending{std::string(Start)};
  while (!Pending.empty()) {
    std::string Dir = std::move(Pending.back());
    Pending.pop_back();
    std::error_code EC;
    fs::directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
    for (; It != End && !EC; It.increment(EC)) {
      llvm::StringRef P = It->path();
      llvm::StringRef Name = llvm::sys::path::filename(P);
      fs::file_type Type = It->type();
      fs::file_status S;
      if (Type == fs::file_type::type_unknown) // No d_type on this file system.
        Type = fs::status(P, S, /*Follow=*/false) ? Type : S.type();
      if (Type == fs::file_type::symlink_file) {
        if (fs::status(P, S, /*Follow=*/true))
          continue; // A dangling link names no source.
        if (fs::is_directory(S))
          continue; // Not followed (see above).
        Type = S.type();
      }
      if (Type == fs::file_type::directory_file) {
        if (!skippedDirectory(P.drop_front(Root.size()).ltrim('/'), Name))
          Pending.push_back(P.str());
        continue;
      }
      if (Type != fs::file_type::regular_file)
        continue;
      if (Name.ends_with(".c") || (Headers && Name.ends_with(".h")))
        Out.push_back(P.str());
    }
    if (EC && Problems)
      Problems->push_back({Dir, EC.message()});
  }
  std::sort(Out.begin(), Out.end());
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

bool isUnder(llvm::StringRef Path, llvm::StringRef Dir) {
  if (Dir.empty())
    return true;
  return Path.starts_with(Dir) &&
         (Path.size() == Dir.size() || Path[Dir.size()] == '/' || Dir.ends_with("/"));
}

std::string relativePath(llvm::StringRef Path, llvm::StringRef Root) {
  if (!Root.empty() && Path.starts_with(Root) && Path.size() > Root.size() &&
      (Path[Root.size()] == '/' || Root.ends_with("/")))
    return Path.drop_front(Root.size()).ltrim('/').str();
  return Path.str();
}

} // namespace mmapmigrate
