//===- TextSlots.cpp - Other ops tables' mmap slots, read from the text ---===//
#include "matchers/find/TextSlots.h"
#include "matchers/core/SourceText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace mmapmigrate {

namespace {

// `static const struct T __maybe_unused name = {`: storage class,
// qualifiers and kernel attributes (`__ro_after_init`) around the type;
// from a line start too, as a directive or a macro call without `;`
// (BTF_ID_LIST_SINGLE(...)) may come right before.
const llvm::Regex &tableDecl() {
  static const llvm::Regex Decl(
      "(^|[;}\n])[ \t\n]*((static|const|__[A-Za-z0-9_]+)[ \t\n]+)*"
      "struct[ \t\n]+([A-Za-z_][A-Za-z0-9_]*)[ \t\n]+"
      "((const|__[A-Za-z0-9_]+)[ \t\n]+)*([A-Za-z_][A-Za-z0-9_]*)[ \t\n]*=[ \t\n]*$");
  return Decl;
}

/// One pass over a file's code (comments blanked): brace stack, #if depth,
/// each `<ident>mmap =` and each use of a slot-list macro. A file may name
/// file_operations elsewhere: each slot is checked to sit directly in a
/// table of another type. The first thing that is not that stops the read,
/// with the reason.
class TextSlotReader {
public:
  TextSlotReader(llvm::StringRef Raw, const SlotListMacros *Lists)
      : Raw(Raw), Code(blankComments(Raw)), T(Code), Lists(Lists) {}
  // T points into Code.
  TextSlotReader(const TextSlotReader &) = delete;
  TextSlotReader &operator=(const TextSlotReader &) = delete;

  std::optional<std::vector<TextSlot>> read(std::string *Why) {
    for (size_t I = 0; I < T.size() && Refusal.empty(); ++I)
      I = step(I);
    if (Refusal.empty())
      return std::move(Out);
    if (Why) {
      size_t Line = 1 + std::count(Raw.begin(), Raw.begin() + std::min(RefusedAt, Raw.size()), '\n');
      *Why = Refusal + " (line " + std::to_string(Line) + ")";
    }
    return std::nullopt;
  }

private:
  /// Reads what starts at \p I; returns the last offset it consumed.
  size_t step(size_t I) {
    char C = T[I];
    if (C == '"' || C == '\'') { // Skip a literal: its braces are not code.
      for (++I; I < T.size() && T[I] != C && T[I] != '\n'; ++I)
        if (T[I] == '\\')
          ++I;
      return I;
    }
    if (LineStart && C == '#')
      return directive(I);
    if (C == '\n')
      LineStart = true;
    else if (C != ' ' && C != '\t')
      LineStart = false;
    if (C == '{') {
      Braces.push_back(I);
      return I;
    }
    if (C == '}') {
      if (!Braces.empty())
        Braces.pop_back();
      return I;
    }
    if (Lists && (llvm::isAlpha(C) || C == '_') && (I == 0 || !isIdentChar(T[I - 1]))) {
      size_t E = I;
      while (E < T.size() && isIdentChar(T[E]))
        ++E;
      auto L = Lists->find(T.slice(I, E).str());
      if (L != Lists->end())
        return slotListMacro(I, E, L->first, L->second);
    }
    if (!T.substr(I).starts_with("mmap") || (I + 4 < T.size() && isIdentChar(T[I + 4])))
      return I;
    return mmapMember(I);
  }

  /// A directive: #if depth, and past its continued lines.
  size_t directive(size_t I) {
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
      return T.size();
    LineStart = true;
    return Eol;
  }

  /// A use of slot-list macro \p Name (NAME or NAME(args)) at \p I..E.
  size_t slotListMacro(size_t I, size_t E, llvm::StringRef Name,
                       const std::vector<MacroSlot> &Slots) {
    std::string No = item(I, "a macro that sets an mmap slot");
    if (!No.empty())
      return refuse(No, I);
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
        return refuse("a macro that sets an mmap slot has mmap in its arguments", I);
      After = Close + 1;
      while (After < T.size() && llvm::isSpace(T[After]))
        ++After;
    }
    if (After >= T.size() || (T[After] != ',' && T[After] != '}'))
      return refuse("a macro that sets an mmap slot is used in an expression", I);
    if (definedHere(Name))
      return refuse("the file defines a macro that sets an mmap slot", I);
    auto Table = tableAt(Braces.back());
    if (!Table)
      return refuse("the table's declaration is not a plain `struct T name =`", I);
    if (Table->first == "file_operations")
      return refuse("a file_operations table", I);
    for (const MacroSlot &S : Slots)
      if ((S.Handler != "NULL" && definedHere(S.Handler)) ||
          !add(*Table, Braces.back(), S.Field, S.Handler, I))
        return refuse("an mmap slot is set twice or names a macro", I);
    return After - 1;
  }

  /// `<ident>mmap` at \p I: a designator `.xmmap = handler` in a table of
  /// another type is a slot; a variable of that name is nothing.
  size_t mmapMember(size_t I) {
    size_t Eq = I + 4;
    while (Eq < T.size() && (T[Eq] == ' ' || T[Eq] == '\t'))
      ++Eq;
    if (Eq >= T.size() || T[Eq] != '=' || (Eq + 1 < T.size() && T[Eq + 1] == '='))
      return I;
    size_t Start = I;
    while (Start > 0 && isIdentChar(T[Start - 1]))
      --Start;
    size_t Before = Start;
    while (Before > 0 && llvm::isSpace(T[Before - 1]))
      --Before;
    bool Dot = Before > 0 && T[Before - 1] == '.';
    bool Arrow = Before > 1 && T[Before - 1] == '>' && T[Before - 2] == '-';
    if (!Dot && !Arrow) // A variable that happens to be called mmap.
      return Eq;
    if (Arrow)
      return refuse("an mmap member is assigned at run time", I);
    // Only a designator in a top-level initializer, outside #if, and not
    // a nested one (`.fops.mmap =` is a file_operations slot).
    std::string No = item(Before - 1, "an mmap slot");
    if (!No.empty())
      return refuse(No, I);
    auto Table = tableAt(Braces.back());
    if (!Table)
      return refuse("the table's declaration is not a plain `struct T name =`", I);
    if (Table->first == "file_operations")
      return refuse("a file_operations table", I);
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
      return refuse("an mmap slot is set from an expression", I);
    // A handler name that is a macro would resolve to something else.
    if (T.contains(("define " + Handler).str()) || T.contains(("define\t" + Handler).str()))
      return refuse("an mmap slot names a macro", I);
    if (!add(*Table, Braces.back(), T.slice(Start, I + 4), Handler, V))
      return refuse("an mmap member is set twice in one table", I);
    return Eq;
  }

  size_t refuse(const std::string &Why, size_t At) {
    Refusal = Why;
    RefusedAt = At;
    return T.size();
  }

  bool definedHere(llvm::StringRef Name) const {
    for (const char *D : {"define ", "define\t", "undef ", "undef\t"})
      if (T.contains((D + Name).str()))
        return true;
    return false;
  }

  /// The type and name of the table whose initializer opens at \p Open.
  std::optional<std::pair<std::string, std::string>> tableAt(size_t Open) const {
    size_t From = T.find_last_of(";}", Open);
    llvm::SmallVector<llvm::StringRef, 8> M;
    llvm::StringRef Head = T.slice(From == llvm::StringRef::npos ? 0 : From, Open);
    if (!tableDecl().match(Head, &M) || M[7].starts_with("__"))
      return std::nullopt;
    return std::make_pair(M[4].str(), M[7].str());
  }

  /// Where a slot may stand: an item of a top-level initializer outside
  /// #if, of a table of another type than file_operations. The reason it
  /// may not, or "".
  std::string item(size_t Start, const char *What) const {
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
  }

  bool add(const std::pair<std::string, std::string> &Table, size_t Open, llvm::StringRef Field,
           llvm::StringRef Handler, size_t At) {
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
  }

  llvm::StringRef Raw;
  std::string Code;
  llvm::StringRef T;
  const SlotListMacros *Lists;
  std::vector<TextSlot> Out;
  std::map<size_t, std::set<std::string>> FieldsOf; // By the table's `{`.
  std::vector<size_t> Braces;
  int IfDepth = 0;
  bool LineStart = true;
  std::string Refusal;
  size_t RefusedAt = 0;
};

} // namespace

std::optional<std::vector<TextSlot>> otherTableSlotsByText(llvm::StringRef Raw, std::string *Why,
                                                          const SlotListMacros *Lists) {
  return TextSlotReader(Raw, Lists).read(Why);
}

} // namespace mmapmigrate
