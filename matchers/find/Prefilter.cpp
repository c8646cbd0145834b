//===- Prefilter.cpp - Cheap text pass that picks the TUs to parse --------===//
#include "matchers/find/Prefilter.h"
#include "matchers/core/Census.h"
#include "matchers/core/Parallel.h"
#include "matchers/core/SourceText.h"
#include "matchers/core/TableFlow.h"
#include "matchers/find/TuScanner.h" // isMmapSlotName

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"


#include <algorithm>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>

namespace mmapmigrate {
namespace {

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
      if (!containsText(Text, "define"))
        return;
      HasDefine[I] = 1;
      if (First ? !containsText(Text, "mmap")
                : llvm::none_of(Frontier, [&](const std::string &M) { return containsText(Text, M); }))
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
    if (!containsText(Text, "define") ||
        llvm::none_of(Names, [&](const std::string &N) { return containsText(Text, N); }))
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
/// The next `->mmap` (not `->mmap_prepare`) in \p Text from \p From: where
/// its `->` starts, and where `mmap` ends. Any table's slot: `f->f_op->mmap`,
/// debugfs's `real_fops->mmap`, DRM's `driver->fops->mmap`; the parse tells
/// a file_operations from other ops tables.
std::optional<std::pair<size_t, size_t>> nextSlotRead(llvm::StringRef Text, size_t From) {
  for (size_t Pos = Text.find("->", From); Pos != llvm::StringRef::npos;
       Pos = Text.find("->", Pos + 2)) {
    llvm::StringRef Rest = Text.substr(Pos + 2).ltrim(" \t\r\n\\");
    if (Rest.starts_with("mmap") && (Rest.size() == 4 || !isIdentChar(Rest[4])))
      return std::make_pair(Pos, Text.size() - Rest.size() + 4);
  }
  return std::nullopt;
}

/// Whether `mmap` is a whole argument of a call: `PATCH_FOPS(mmap)`,
/// `SET_OP(ops, mmap)`. A macro may make it a member access (cxl's
/// `fops->NAME`) that no text search for `->mmap` finds; only the parse
/// tells whether it does.
bool passesMmapAsArgument(llvm::StringRef Text) {
  for (size_t Pos = Text.find("mmap"); Pos != llvm::StringRef::npos;
       Pos = Text.find("mmap", Pos + 4)) {
    if ((Pos > 0 && isIdentChar(Text[Pos - 1])) ||
        (Pos + 4 < Text.size() && isIdentChar(Text[Pos + 4])))
      continue;
    llvm::StringRef Before = Text.substr(0, Pos).rtrim(" \t\r\n\\");
    llvm::StringRef After = Text.substr(Pos + 4).ltrim(" \t\r\n\\");
    if ((Before.ends_with("(") || Before.ends_with(",")) &&
        (After.starts_with(")") || After.starts_with(",")))
      return true;
  }
  return false;
}

bool hasMmapHookUse(llvm::StringRef Text) {
  return containsWord(Text, "call_mmap") || nextSlotRead(Text, 0) || passesMmapAsArgument(Text);
}
} // namespace

bool usesMmapHook(llvm::StringRef Text) {
  if (!Text.contains("call_mmap") && !Text.contains("mmap"))
    return false;
  return hasMmapHookUse(Text) && hasMmapHookUse(blankComments(Text));
}

namespace {
/// Whether the `->mmap` whose `->` starts at \p Pos of \p Code is
/// only tested: `!x->f_op->mmap`, `(t->mmap)`, `... && x->f_op->mmap ||`.
bool isBareTest(llvm::StringRef Code, size_t Pos, size_t End) {
  size_t B = Pos;
  // Back over the object expression: identifiers, `->`, `.`, spaces.
  while (B > 0 && (isIdentChar(Code[B - 1]) || llvm::StringRef(" \t\n.->").contains(Code[B - 1])))
    --B;
  llvm::StringRef Before = Code.substr(0, B).rtrim(" \t\n");
  if (Before.ends_with("!"))
    return true;
  llvm::StringRef After = Code.substr(End).ltrim(" \t\n");
  bool EndsCondition = After.starts_with("&&") || After.starts_with("||") ||
                       After.starts_with("?") ||
                       (After.starts_with(")") && !After.drop_front().ltrim(" \t\n").starts_with("("));
  if (!EndsCondition)
    return false;
  if (Before.ends_with("&&") || Before.ends_with("||"))
    return true;
  // `if (x->f_op->mmap)`, not `hook(x->f_op->mmap)` nor `(x->f_op->mmap)(...)`.
  if (!Before.consume_back("("))
    return false;
  Before = Before.rtrim(" \t\n");
  return Before.ends_with("!") || Before.ends_with("if") || Before.ends_with("while");
}

/// `x->mmap = h;`: a slot written (the census's business), not read.
bool isSlotWrite(llvm::StringRef Code, size_t End) {
  llvm::StringRef After = Code.substr(End).ltrim(" \t\n");
  return After.starts_with("=") && !After.starts_with("==");
}

/// `ops->mmap(a, b, c)`: a call with other than two arguments cannot be of
/// file_operations::mmap(struct file *, struct vm_area_struct *), which C
/// would refuse to compile (a bin_attribute's, a UML op's).
bool isCallOfOtherArity(llvm::StringRef Code, size_t End) {
  llvm::StringRef After = Code.substr(End).ltrim(" \t\n");
  if (!After.consume_front("("))
    return false;
  unsigned Depth = 0, Commas = 0;
  bool Empty = true;
  for (char C : After) {
    if (C == '"' || C == '\'')
      return false; // A literal may hold commas: cannot tell.
    if (C == '(' || C == '[' || C == '{')
      ++Depth;
    else if ((C == ')' || C == ']' || C == '}') && Depth > 0)
      --Depth;
    else if (C == ')')
      return Empty || Commas != 1;
    else if (C == ',' && Depth == 0)
      ++Commas;
    if (!llvm::StringRef(" \t\n)").contains(C))
      Empty = false;
  }
  return false; // Unbalanced: cannot tell.
}
} // namespace

namespace {
/// The uses of the slot in \p Text with comments blanked, in order.
std::vector<TextHookUse> hookUses(llvm::StringRef Text) {
  std::vector<TextHookUse> Out;
  if (!Text.contains("call_mmap") && !Text.contains("mmap"))
    return Out;
  std::string Blank = blankComments(Text);
  llvm::StringRef Code(Blank);
  std::vector<std::pair<size_t, bool>> At; // Offset of the name, whether a member.
  std::set<size_t> Fops, Bare;             // Members read through `f_op`, only tested.
  for (size_t Pos = Code.find("call_mmap"); Pos != llvm::StringRef::npos;
       Pos = Code.find("call_mmap", Pos + 9))
    if ((Pos == 0 || !isIdentChar(Code[Pos - 1])) &&
        (Pos + 9 == Code.size() || !isIdentChar(Code[Pos + 9])))
      At.push_back({Pos, false});
  for (auto Read = nextSlotRead(Code, 0); Read; Read = nextSlotRead(Code, Read->second))
    if (!isSlotWrite(Code, Read->second) && !isCallOfOtherArity(Code, Read->second)) {
      At.push_back({Read->second - 4, true});
      if (isBareTest(Code, Read->first, Read->second))
        Bare.insert(Read->second - 4);
      llvm::StringRef Before = Code.substr(0, Read->first).rtrim(" \t\n");
      size_t Word = Before.size();
      while (Word > 0 && isIdentChar(Before[Word - 1]))
        --Word;
      if (Before.substr(Word) == "f_op")
        Fops.insert(Read->second - 4);
    }
  std::sort(At.begin(), At.end());
  for (auto [Pos, Member] : At) {
    llvm::StringRef Before = Code.substr(0, Pos);
    size_t LineStart = Before.rfind('\n');
    unsigned Col = 1 + (LineStart == llvm::StringRef::npos ? Pos : Pos - LineStart - 1);
    Out.push_back({unsigned(1 + Before.count('\n')), Col, Member, Fops.count(Pos) != 0,
                   Bare.count(Pos) != 0});
  }
  return Out;
}
} // namespace

std::vector<TextHookUse> mmapHookUsesByText(llvm::StringRef Text) { return hookUses(Text); }

std::pair<unsigned, const char *> inactiveHookUse(llvm::StringRef Block) {
  std::vector<TextHookUse> Uses = hookUses(Block);
  for (const TextHookUse &U : Uses)
    if (U.Member && !U.ThroughFop)
      return {U.Line, InactiveTableUseReason};
  for (const TextHookUse &U : Uses)
    if (!U.BareTest)
      return {U.Line, InactiveHookCallReason};
  return {0, nullptr};
}

unsigned firstMmapHookCallLine(llvm::StringRef Text) {
  for (const TextHookUse &U : hookUses(Text))
    if (!U.BareTest)
      return U.Line;
  return 0;
}

unsigned firstMmapHookUseLine(llvm::StringRef Text) {
  std::vector<TextHookUse> Uses = hookUses(Text);
  return Uses.empty() ? 0 : Uses.front().Line;
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

std::vector<std::string> filesWhoseText(const std::vector<std::string> &Files, unsigned Jobs,
                                        llvm::function_ref<bool(llvm::StringRef)> Holds) {
  // Over a whole tree (30,000 files) this is seconds of reading and
  // searching: both cores, memmem, and one flag per file keeps the order.
  std::vector<char> Hit(Files.size(), 0);
  runInParallel(Files.size(), Jobs, [&](size_t I) {
    std::string Text;
    if (readSourceText(Files[I], Text))
      Hit[I] = Holds(Text);
  });
  std::vector<std::string> Out;
  for (size_t I = 0; I < Files.size(); ++I)
    if (Hit[I])
      Out.push_back(Files[I]);
  return Out;
}

std::vector<std::string> filesDefining(const std::vector<std::string> &Files,
                                       const std::set<std::string> &Names, unsigned Jobs) {
  return filesWhoseText(Files, Jobs, [&](llvm::StringRef Text) {
    return llvm::any_of(Names, [&](const std::string &N) { return definesAtTopLevel(Text, N); });
  });
}

namespace {
/// Whether \p Text may call \p Place (TableFlow.h): it names the function,
/// or calls through a member of that name (`->get_fd(`).
bool mayCall(llvm::StringRef Text, llvm::StringRef Place) {
  std::string Word = placeWord(Place);
  if (!isMemberCallPlace(Place))
    return containsWord(Text, Word);
  return llvm::any_of(wordOffsets(Text, Word),
                      [&](size_t At) { return isMemberCallAt(Text, At, Word.size()); });
}
} // namespace

std::vector<std::string> filesCalling(const std::vector<std::string> &Files,
                                      const std::set<std::string> &Places, unsigned Jobs) {
  return filesWhoseText(Files, Jobs, [&](llvm::StringRef Text) {
    return llvm::any_of(Places, [&](const std::string &P) { return mayCall(Text, P); });
  });
}

} // namespace mmapmigrate
