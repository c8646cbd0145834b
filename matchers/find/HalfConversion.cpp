//===- HalfConversion.cpp - Signs of a rename that stopped half-way -------===//
#include "matchers/find/HalfConversion.h"

#include "matchers/classify/VmaApiCatalog.h"
#include "matchers/core/SourceText.h"

#include "llvm/ADT/StringExtras.h"

#include <map>
#include <optional>

namespace mmapmigrate {
namespace {

constexpr llvm::StringLiteral PrepareSuffix = "_prepare";
constexpr llvm::StringLiteral Prefix = "half-converted: ";

bool isIdent(char C) { return llvm::isAlnum(C) || C == '_'; }

unsigned lineAt(llvm::StringRef Text, size_t At) {
  return 1 + Text.take_front(At).count('\n');
}

size_t skipBlanks(llvm::StringRef Text, size_t I) {
  while (I < Text.size() && llvm::isSpace(Text[I]))
    ++I;
  return I;
}

/// The last non-blank character before \p At, or 0.
char lastBefore(llvm::StringRef Text, size_t At) {
  while (At > 0 && llvm::isSpace(Text[At - 1]))
    --At;
  return At ? Text[At - 1] : 0;
}

/// The offset just past the ')' matching the '(' at \p Open, or npos.
size_t pastParens(llvm::StringRef Text, size_t Open) {
  unsigned Depth = 0;
  for (size_t I = Open; I < Text.size(); ++I) {
    if (Text[I] == '(')
      ++Depth;
    else if (Text[I] == ')' && --Depth == 0)
      return I + 1;
  }
  return llvm::StringRef::npos;
}

bool onDirectiveLine(llvm::StringRef Text, size_t At) {
  size_t LineStart = Text.rfind('\n', At);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  // A continued #define: the line before ends in a backslash.
  while (LineStart >= 2 && Text[LineStart - 2] == '\\') {
    size_t Prev = Text.rfind('\n', LineStart - 2);
    LineStart = Prev == llvm::StringRef::npos ? 0 : Prev + 1;
  }
  return Text.substr(LineStart).ltrim(" \t").starts_with("#");
}

NameUseKind kindAt(llvm::StringRef Code, size_t At, size_t End) {
  if (onDirectiveLine(Code, At))
    return NameUseKind::Other;
  char Before = lastBefore(Code, At);
  size_t After = skipBlanks(Code, End);
  char Next = After < Code.size() ? Code[After] : 0;
  if (Before == '=' && (Next == ',' || Next == ';' || Next == '}'))
    return NameUseKind::Slot;
  size_t LineStart = Code.rfind('\n', At);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  // Kernel style: a file-scope declaration starts its line; a statement is
  // indented.
  if (Next != '(' || llvm::isSpace(Code[LineStart]))
    return NameUseKind::Other;
  size_t Close = pastParens(Code, After);
  if (Close == llvm::StringRef::npos)
    return NameUseKind::Other;
  size_t Tail = skipBlanks(Code, Close);
  if (Tail < Code.size() && Code[Tail] == '{')
    return NameUseKind::Definition;
  if (Tail < Code.size() && Code[Tail] == ';')
    return NameUseKind::Prototype;
  return NameUseKind::Other;
}

/// Where each of a set of names is used, over the files that mention them.
struct NameUses {
  struct At {
    std::string File;
    NameUse U;
  };
  std::map<std::string, std::vector<At>> ByName;

  const At *first(const std::string &Name, NameUseKind K) const {
    auto It = ByName.find(Name);
    if (It != ByName.end())
      for (const At &A : It->second)
        if (A.U.K == K)
          return &A;
    return nullptr;
  }
  bool has(const std::string &Name, NameUseKind K) const { return first(Name, K); }
};

/// Files' text with comments blanked, each read once: the files with
/// ->mmap_prepare slots are read again for the uses of their names.
class CodeReader {
public:
  /// Null when the file cannot be read or looks binary.
  const std::string *code(const std::string &File) {
    auto [It, New] = Code.try_emplace(File);
    std::string Text;
    if (New && readSourceText(File, Text))
      It->second = blankComments(Text);
    return It->second ? &*It->second : nullptr;
  }

private:
  std::map<std::string, std::optional<std::string>> Code;
};

NameUses collectUses(const std::set<std::string> &Names, FilesMentioningFn Mentioning,
                     CodeReader &Reader) {
  NameUses Out;
  for (const std::string &F : Mentioning(Names)) {
    const std::string *Code = Reader.code(F);
    if (!Code)
      continue;
    for (const std::string &N : Names)
      for (const NameUse &U : usesOf(*Code, N))
        Out.ByName[N].push_back({F, U});
  }
  return Out;
}

} // namespace

bool isHalfConversion(const NotAnalysed &N) {
  return llvm::StringRef(N.Reason).starts_with(Prefix);
}

std::vector<NameUse> usesOf(llvm::StringRef Code, llvm::StringRef Name) {
  std::vector<NameUse> Out;
  for (size_t At : wordOffsets(Code, Name))
    Out.push_back({kindAt(Code, At, At + Name.size()), lineAt(Code, At)});
  return Out;
}

std::vector<std::pair<std::string, unsigned>> prepareSlotsOf(llvm::StringRef Code) {
  std::vector<std::pair<std::string, unsigned>> Out;
  for (size_t At : wordOffsets(Code, "mmap_prepare")) {
    size_t P = At;
    while (P > 0 && llvm::isSpace(Code[P - 1]))
      --P;
    bool Member = P > 0 && (Code[P - 1] == '.' || (P > 1 && Code.slice(P - 2, P) == "->"));
    size_t Eq = skipBlanks(Code, At + strlen("mmap_prepare"));
    if (!Member || Eq >= Code.size() || Code[Eq] != '=' ||
        (Eq + 1 < Code.size() && Code[Eq + 1] == '='))
      continue;
    size_t B = skipBlanks(Code, Eq + 1), E = B;
    while (E < Code.size() && isIdent(Code[E]))
      ++E;
    if (E == B || llvm::isDigit(Code[B]))
      continue;
    size_t After = skipBlanks(Code, E);
    if (After < Code.size() && Code[After] != ',' && Code[After] != ';' && Code[After] != '}')
      continue; // A call, a token paste, an expression: not a plain name.
    llvm::StringRef Name = Code.slice(B, E);
    if (Name == "NULL")
      continue;
    Out.push_back({Name.str(), lineAt(Code, At)});
  }
  return Out;
}

std::vector<NotAnalysed> findHalfConversions(const Census &C, llvm::StringRef Root,
                                             FilesMentioningFn Mentioning) {
  // The ->mmap_prepare slots of the tree (the census follows ->mmap only).
  struct PrepareSlot {
    std::string File, Name;
    unsigned Line;
  };
  std::vector<PrepareSlot> PrepareSlots;
  CodeReader Reader;
  for (const std::string &F : Mentioning({"mmap_prepare"})) {
    const std::string *Code = Reader.code(F);
    if (!Code)
      continue;
    for (auto &[Name, Line] : prepareSlotsOf(*Code))
      PrepareSlots.push_back({F, Name, Line});
  }
  // Pairs of an ->mmap name and its _prepare form worth a look: from
  // ->mmap_prepare slots, and from ->mmap slots whose handler has no body.
  std::set<std::string> Names;
  // The core's generic_file_*mmap_prepare come with the API (from mm/,
  // which a partial scan may not read), not from a rename here.
  llvm::erase_if(PrepareSlots, [](const PrepareSlot &S) {
    return !llvm::StringRef(S.Name).ends_with(PrepareSuffix) ||
           isGenericMmap(llvm::StringRef(S.Name).drop_back(PrepareSuffix.size()));
  });
  for (const PrepareSlot &S : PrepareSlots) {
      Names.insert(S.Name);
      Names.insert(llvm::StringRef(S.Name).drop_back(PrepareSuffix.size()).str());
  }
  std::vector<const FopsSite *> Bodiless;
  for (const FopsSite &S : C.Sites) {
    auto H = C.Handlers.find(S.HandlerKey);
    if (S.Handler.empty() || (H != C.Handlers.end() && H->second.HasBody))
      continue;
    Bodiless.push_back(&S);
    Names.insert(S.Handler);
    Names.insert(S.Handler + PrepareSuffix.str());
  }
  std::vector<NotAnalysed> Out;
  if (Names.empty())
    return Out;
  NameUses Uses = collectUses(Names, Mentioning, Reader);
  auto Where = [&](const NameUses::At &A) {
    return relativePath(A.File, Root) + ":" + std::to_string(A.U.Line);
  };
  // Judged only when every use is a definition, a prototype or a slot.
  auto Plain = [&](const std::string &Name) { return !Uses.has(Name, NameUseKind::Other); };

  for (const PrepareSlot &S : PrepareSlots) {
    std::string Old = llvm::StringRef(S.Name).drop_back(PrepareSuffix.size()).str();
    const NameUses::At *OldDef = Uses.first(Old, NameUseKind::Definition);
    if (Uses.has(S.Name, NameUseKind::Definition) || !Plain(S.Name) || !OldDef)
      continue;
    Out.push_back({S.File, S.Line,
                   Prefix.str() + ".mmap_prepare names '" + S.Name +
                       "', which no file defines; its ->mmap form '" + Old +
                       "' is still defined at " + Where(*OldDef)});
  }

  std::set<std::string> Renamed; // ->mmap names whose _prepare form replaced them.
  auto ReplacedBy = [&](const std::string &Old) -> const NameUses::At * {
    if (Uses.has(Old, NameUseKind::Definition) || !Plain(Old))
      return nullptr;
    return Uses.first(Old + PrepareSuffix.str(), NameUseKind::Definition);
  };
  for (const FopsSite *S : Bodiless)
    if (const NameUses::At *NewDef = ReplacedBy(S->Handler)) {
      Renamed.insert(S->Handler);
      Out.push_back({S->Pos.File, S->Pos.Line,
                     Prefix.str() + ".mmap names '" + S->Handler +
                         "', which no file defines; its ->mmap_prepare form '" + S->Handler +
                         PrepareSuffix.str() + "' is defined at " + Where(*NewDef)});
    }
  for (const PrepareSlot &S : PrepareSlots)
    Renamed.insert(llvm::StringRef(S.Name).drop_back(PrepareSuffix.size()).str());
  for (const std::string &Old : Renamed) {
    const NameUses::At *NewDef = ReplacedBy(Old);
    auto It = Uses.ByName.find(Old);
    if (!NewDef || It == Uses.ByName.end())
      continue;
    for (const NameUses::At &A : It->second)
      if (A.U.K == NameUseKind::Prototype)
        Out.push_back({A.File, A.U.Line,
                       Prefix.str() + "stale prototype of '" + Old +
                           "', which no file defines; '" + Old + PrepareSuffix.str() +
                           "' replaced it at " + Where(*NewDef)});
  }
  return Out;
}

} // namespace mmapmigrate
