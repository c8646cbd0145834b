//===- Prefilter.cpp - Cheap text pass that picks the TUs to parse --------===//
#include "tool/Prefilter.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include "matchers/ToolRunner.h"
#include "matchers/TuScanner.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <mutex>

namespace mmapmigrate {
namespace {

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// glibc's memmem: 3 to 8 times faster over the tree than StringRef::find or
/// std::string::find, which stop at every `_` of `__FB_...`.
bool contains(llvm::StringRef Text, llvm::StringRef Needle) {
  return memmem(Text.data(), Text.size(), Needle.data(), Needle.size()) != nullptr;
}

bool isIdentifier(llvm::StringRef S) {
  return !S.empty() && !llvm::isDigit(S[0]) && llvm::all_of(S, isIdentChar);
}

/// \p S split at the commas outside parentheses, brackets and braces.
std::vector<llvm::StringRef> topLevelItems(llvm::StringRef S) {
  std::vector<llvm::StringRef> Out;
  int Depth = 0;
  size_t Start = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (C == '(' || C == '[' || C == '{')
      ++Depth;
    else if (C == ')' || C == ']' || C == '}')
      --Depth;
    else if (C == ',' && Depth == 0) {
      Out.push_back(S.slice(Start, I));
      Start = I + 1;
    }
  }
  Out.push_back(S.substr(Start));
  return Out;
}

/// The first offset >= \p From where \p Word stands as a whole identifier
/// (memmem, like contains()).
size_t findWord(llvm::StringRef Text, llvm::StringRef Word, size_t From = 0) {
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
  // Later rounds read only the files round 0 saw a "define" in.
  std::vector<char> HasDefine(Files.size(), 0);
  for (bool First = true; First || !Frontier.empty(); First = false) {
    std::set<std::string> Next;
    runInParallel(Files.size(), Jobs, [&](size_t I) {
      std::string Buf;
      if ((!First && !HasDefine[I]) || !readSourceText(Files[I], Buf))
        return;
      llvm::StringRef Text(Buf);
      if (!contains(Text, "define"))
        return;
      HasDefine[I] = 1;
      if (First ? !contains(Text, "mmap")
                : llvm::none_of(Frontier, [&](const std::string &M) { return contains(Text, M); }))
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

SlotListMacros slotListsOf(const std::map<std::string, std::vector<std::string>> &Bodies,
                           const std::set<std::string> &Macros) {
  SlotListMacros Out;
  std::set<std::string> Failed, Visiting;
  std::function<bool(const std::string &)> Resolve = [&](const std::string &Name) {
    if (Out.count(Name))
      return true;
    auto It = Bodies.find(Name);
    if (Failed.count(Name) || Visiting.count(Name) || It == Bodies.end() ||
        It->second.size() != 1)
      return false;
    Visiting.insert(Name);
    // `(a, b) replacement` for a function-like macro, ` replacement` else.
    llvm::StringRef Body(It->second.front());
    std::vector<llvm::StringRef> Params;
    bool Ok = true;
    if (Body.starts_with("(")) {
      size_t Close = Body.find(')');
      Ok = Close != llvm::StringRef::npos;
      if (Ok) {
        for (llvm::StringRef P : topLevelItems(Body.slice(1, Close)))
          Params.push_back(P.trim());
        Body = Body.substr(Close + 1);
      }
    }
    std::string Replacement = blankComments(Body);
    std::vector<MacroSlot> Slots;
    for (llvm::StringRef Item : topLevelItems(Replacement)) {
      if (!Ok)
        break;
      Item = Item.trim();
      if (Item.empty())
        continue;
      if (Item.consume_front(".")) { // .field = value
        auto [Field, Value] = Item.split('=');
        Field = Field.trim();
        Value = Value.trim();
        if (!isIdentifier(Field))
          Ok = false; // .a.b = or .a[1] =
        else if (isMmapSlotName(Field)) {
          Ok = isIdentifier(Value) && !llvm::is_contained(Params, Value);
          Slots.push_back({Field.str(), Value.str()});
        }
        continue;
      }
      // NAME or NAME(args): another macro.
      llvm::StringRef Callee = Item.take_while(isIdentChar);
      llvm::StringRef Args = Item.drop_front(Callee.size()).trim();
      if (!isIdentifier(Callee) || llvm::is_contained(Params, Callee) || Item.contains("##") ||
          (!Args.empty() && !(Args.starts_with("(") && Args.ends_with(")")))) {
        Ok = false;
      } else if (Macros.count(Callee.str())) {
        Ok = Resolve(Callee.str());
        if (Ok)
          llvm::append_range(Slots, Out[Callee.str()]);
      } else {
        // A macro that set an mmap member would be one of Macros.
        Ok = !Item.contains("mmap");
      }
    }
    Visiting.erase(Name);
    if (!Ok || Slots.empty()) {
      Failed.insert(Name);
      return false;
    }
    Out[Name] = std::move(Slots);
    return true;
  };
  for (const std::string &M : Macros)
    Resolve(M);
  return Out;
}

namespace {

/// Every #define in \p Files of a name in \p Names: name -> bodies.
std::map<std::string, std::vector<std::string>>
definitionsOf(const std::vector<std::string> &Files, const std::set<std::string> &Names,
              unsigned Jobs) {
  std::map<std::string, std::vector<std::string>> Out;
  if (Names.empty())
    return Out;
  std::mutex Lock;
  runInParallel(Files.size(), Jobs, [&](size_t I) {
    std::string Buf;
    if (!readSourceText(Files[I], Buf))
      return;
    llvm::StringRef Text(Buf);
    if (!contains(Text, "define") ||
        llvm::none_of(Names, [&](const std::string &N) { return contains(Text, N); }))
      return;
    std::vector<std::pair<std::string, std::string>> Mine;
    for (auto &[Name, Body] : defines(Text))
      if (Names.count(Name))
        Mine.emplace_back(std::move(Name), std::move(Body));
    std::lock_guard<std::mutex> G(Lock);
    for (auto &[Name, Body] : Mine)
      Out[Name].push_back(std::move(Body));
  });
  return Out;
}

} // namespace

SlotListMacros findSlotListMacros(const std::vector<std::string> &Files,
                                  const std::set<std::string> &Macros, unsigned Jobs) {
  SlotListMacros Lists = slotListsOf(definitionsOf(Files, Macros, Jobs), Macros);
  // A handler that is a macro somewhere may expand to something else
  // (NULL is the one macro a slot may name: the parse reports it as such).
  std::set<std::string> Handlers;
  for (const auto &[Name, Slots] : Lists)
    for (const MacroSlot &S : Slots)
      if (S.Handler != "NULL")
        Handlers.insert(S.Handler);
  std::map<std::string, std::vector<std::string>> Defined =
      definitionsOf(Files, Handlers, Jobs);
  for (auto It = Lists.begin(); It != Lists.end();)
    if (llvm::any_of(It->second, [&](const MacroSlot &S) { return Defined.count(S.Handler); }))
      It = Lists.erase(It);
    else
      ++It;
  return Lists;
}

bool usesFopsMacro(llvm::StringRef Text, const std::set<std::string> &Macros) {
  for (const std::string &M : Macros)
    if (containsWord(Text, M))
      return true;
  return false;
}

std::set<std::string> fopsMacrosUsed(llvm::StringRef Text, const std::set<std::string> &Macros) {
  std::set<std::string> Out;
  for (const std::string &M : Macros)
    if (containsWord(Text, M))
      Out.insert(M);
  return Out;
}

bool mayHoldMmapSlot(llvm::StringRef Text, const std::set<std::string> &Macros) {
  if (!hasMmapAssignment(Text) && !usesFopsMacro(Text, Macros))
    return false;
  // Comments often name a macro or show an assignment; look again without.
  std::string Code = blankComments(Text);
  return hasMmapAssignment(Code) || usesFopsMacro(Code, Macros);
}

namespace {
/// True if \p Text starts a line with something that looks like a
/// definition of \p Name: `... name (` with the line's first character not
/// a blank.
bool definesAtTopLevel(llvm::StringRef Text, llvm::StringRef Name) {
  for (size_t At = findWord(Text, Name); At != llvm::StringRef::npos;
       At = findWord(Text, Name, At + Name.size())) {
    size_t I = At + Name.size();
    while (I < Text.size() && (Text[I] == ' ' || Text[I] == '\t'))
      ++I;
    if (I >= Text.size() || Text[I] != '(')
      continue;
    size_t LineStart = Text.rfind('\n', At);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    if (!llvm::isSpace(Text[LineStart]))
      return true;
  }
  return false;
}
} // namespace

std::vector<std::string> filesDefining(const std::vector<std::string> &Files,
                                       const std::set<std::string> &Names, unsigned Jobs) {
  // Over a whole tree (30,000 files) this is seconds of reading and
  // searching: both cores, memmem, and one flag per file keeps the order.
  std::vector<char> Defines(Files.size(), 0);
  runInParallel(Files.size(), Jobs, [&](size_t I) {
    std::string Text;
    if (!readSourceText(Files[I], Text))
      return;
    Defines[I] = llvm::any_of(Names, [&](const std::string &N) {
      return definesAtTopLevel(Text, N);
    });
  });
  std::vector<std::string> Out;
  for (size_t I = 0; I < Files.size(); ++I)
    if (Defines[I])
      Out.push_back(Files[I]);
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

std::optional<std::vector<TextSlot>> otherTableSlotsByText(llvm::StringRef Raw, std::string *Why,
                                                          const SlotListMacros *Lists) {
  auto Parse = [&](const char *Reason, size_t At) -> std::optional<std::vector<TextSlot>> {
    if (Why) {
      size_t Line = 1 + std::count(Raw.begin(), Raw.begin() + std::min(At, Raw.size()), '\n');
      *Why = std::string(Reason) + " (line " + std::to_string(Line) + ")";
    }
    return std::nullopt;
  };
  std::string Code = blankComments(Raw);
  llvm::StringRef T(Code);
  auto DefinedHere = [&](llvm::StringRef Name) {
    for (const char *D : {"define ", "define\t", "undef ", "undef\t"})
      if (T.contains((D + Name).str()))
        return true;
    return false;
  };
  // `static const struct T __maybe_unused name = {`: storage class,
  // qualifiers and kernel attributes (`__ro_after_init`) around the type;
  // from a line start too, as a directive or a macro call without `;`
  // (BTF_ID_LIST_SINGLE(...)) may come right before.
  static const llvm::Regex Decl(
      "(^|[;}\n])[ \t\n]*((static|const|__[A-Za-z0-9_]+)[ \t\n]+)*"
      "struct[ \t\n]+([A-Za-z_][A-Za-z0-9_]*)[ \t\n]+"
      "((const|__[A-Za-z0-9_]+)[ \t\n]+)*([A-Za-z_][A-Za-z0-9_]*)[ \t\n]*=[ \t\n]*$");
  // The type and name of the table whose initializer opens at \p Open.
  auto TableAt = [&](size_t Open) -> std::optional<std::pair<std::string, std::string>> {
    size_t From = T.find_last_of(";}", Open);
    llvm::SmallVector<llvm::StringRef, 8> M;
    llvm::StringRef Head = T.slice(From == llvm::StringRef::npos ? 0 : From, Open);
    if (!Decl.match(Head, &M) || M[7].starts_with("__"))
      return std::nullopt;
    return std::make_pair(M[4].str(), M[7].str());
  };
  // A file may name file_operations elsewhere: each slot below is checked
  // to sit directly in a table of another type.
  std::vector<TextSlot> Out;
  std::map<size_t, std::set<std::string>> FieldsOf; // By the table's `{`.
  // Where a slot may stand: an item of a top-level initializer outside
  // #if, of a table of another type than file_operations. The reason it
  // may not, or "".
  auto Item = [&](size_t Start, int IfDepth, const std::vector<size_t> &Braces,
                  const char *What) -> std::string {
    std::string W(What);
    if (IfDepth != 0)
      return W + " is inside #if";
    if (Braces.size() != 1)
      return W + " is in a function or a nested initializer";
    // The code before, past blanks and directive lines (an item may
    // follow an #endif).
    size_t Prev = Start;
    while (Prev > 0) {
      if (llvm::isSpace(T[Prev - 1])) {
        --Prev;
        continue;
      }
      size_t LineStart = T.rfind('\n', Prev - 1);
      LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
      if (!T.slice(LineStart, Prev).ltrim(" \t").starts_with("#"))
        break;
      Prev = LineStart;
    }
    if (Prev == 0 || (T[Prev - 1] != ',' && T[Prev - 1] != '{'))
      return W + " is set through another member";
    return "";
  };
  auto Add = [&](const std::pair<std::string, std::string> &Table, size_t Open,
                 llvm::StringRef Field, llvm::StringRef Handler, size_t At) -> bool {
    if (!FieldsOf[Open].insert(Field.str()).second)
      return false;
    TextSlot S;
    S.Type = "struct " + Table.first;
    S.Field = Field.str();
    S.Table = Table.second;
    S.Handler = Handler.str();
    S.Line = 1 + std::count(T.begin(), T.begin() + At, '\n');
    size_t LineBegin = T.rfind('\n', At);
    S.Col = At - (LineBegin == llvm::StringRef::npos ? 0 : LineBegin + 1) + 1;
    Out.push_back(std::move(S));
    return true;
  };
  // One pass: brace stack, #if depth, each `<ident>mmap =` and each use of
  // a slot-list macro.
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
    if (Lists && (llvm::isAlpha(C) || C == '_') && (I == 0 || !isIdentChar(T[I - 1]))) {
      size_t E = I;
      while (E < T.size() && isIdentChar(T[E]))
        ++E;
      auto L = Lists->find(T.slice(I, E).str());
      if (L != Lists->end()) {
        std::string No = Item(I, IfDepth, Braces, "a macro that sets an mmap slot");
        if (!No.empty())
          return Parse(No.c_str(), I);
        // NAME or NAME(args), then the end of the item.
        size_t After = E;
        while (After < T.size() && llvm::isSpace(T[After]))
          ++After;
        if (After < T.size() && T[After] == '(') {
          int Depth = 0;
          size_t Close = After;
          for (; Close < T.size(); ++Close)
            if (T[Close] == '(')
              ++Depth;
            else if (T[Close] == ')' && --Depth == 0)
              break;
          llvm::StringRef Args = T.slice(After, Close);
          if (Close >= T.size() || Args.contains("mmap") ||
              llvm::any_of(*Lists, [&](const auto &KV) { return containsWord(Args, KV.first); }))
            return Parse("a macro that sets an mmap slot has mmap in its arguments", I);
          After = Close + 1;
          while (After < T.size() && llvm::isSpace(T[After]))
            ++After;
        }
        if (After >= T.size() || (T[After] != ',' && T[After] != '}'))
          return Parse("a macro that sets an mmap slot is used in an expression", I);
        if (DefinedHere(L->first))
          return Parse("the file defines a macro that sets an mmap slot", I);
        auto Table = TableAt(Braces.back());
        if (!Table)
          return Parse("the table's declaration is not a plain `struct T name =`", I);
        if (Table->first == "file_operations")
          return Parse("a file_operations table", I);
        for (const MacroSlot &S : L->second)
          if ((S.Handler != "NULL" && DefinedHere(S.Handler)) ||
              !Add(*Table, Braces.back(), S.Field, S.Handler, I))
            return Parse("an mmap slot is set twice or names a macro", I);
        I = After - 1;
        continue;
      }
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
    std::string No = Item(Before - 1, IfDepth, Braces, "an mmap slot");
    if (!No.empty())
      return Parse(No.c_str(), I);
    auto Table = TableAt(Braces.back());
    if (!Table)
      return Parse("the table's declaration is not a plain `struct T name =`", I);
    if (Table->first == "file_operations")
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
    if (!Add(*Table, Braces.back(), T.slice(Start, I + 4), Handler, V))
      return Parse("an mmap member is set twice in one table", I);
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
