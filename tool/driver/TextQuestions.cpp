//===- TextQuestions.cpp - The text pass's questions, memoised ------------===//
#include "tool/driver/TextQuestions.h"
#include "matchers/core/Parallel.h"
#include "matchers/core/SourceText.h"
#include "matchers/find/TextSlots.h"
#include "tool/driver/ResultCache.h"

namespace mmapmigrate {

namespace {

/// Sorts \p Files by what their text shows (TextPicks). With \p SettleByText,
/// a file whose text alone proves that its mmap members all belong to other
/// ops tables is not parsed: its slots are read from the text.
TextPicks prefilter(const std::vector<std::string> &Files, const std::set<std::string> &Macros,
                    const SlotListMacros &Lists, unsigned Jobs, bool SettleByText) {
  // Per file: parse it, settle it as text (a TuResult), say why it cannot
  // be read, or drop it.
  std::vector<std::optional<TuResult>> Settled(Files.size());
  std::vector<std::string> Unread(Files.size());
  std::vector<char> Keep(Files.size(), 0);
  runInParallel(Files.size(), Jobs, [&](size_t I) {
    std::string Text;
    Unread[I] = readSourceTextOrWhy(Files[I], Text);
    if (!Unread[I].empty())
      return;
    if (!mayHoldMmapSlot(Text, Macros)) {
      // A core caller (do_mmap(), exec) has no slot but must be parsed.
      Keep[I] = usesMmapHook(Text);
      return;
    }
    // Of the fops macros, the text can expand only the slot lists.
    std::optional<std::vector<TextSlot>> Slots;
    std::set<std::string> Used = SettleByText ? fopsMacrosUsed(Text, Macros) : std::set<std::string>();
    if (SettleByText && llvm::all_of(Used, [&](const std::string &M) { return Lists.count(M); }))
      Slots = otherTableSlotsByText(Text, nullptr, Used.empty() ? nullptr : &Lists);
    if (!Slots || usesMmapHook(Text)) {
      Keep[I] = 1;
      return;
    }
    TuResult R;
    R.MainFile = realPath(Files[I]);
    R.ReadAsText = true;
    for (const TextSlot &S : *Slots)
      R.OtherTables.push_back({S.Type, S.Field, {R.MainFile, S.Line, S.Col}, S.Handler, S.Table});
    Settled[I] = std::move(R);
  });
  TextPicks Out;
  for (size_t I = 0; I < Files.size(); ++I) {
    if (Keep[I])
      Out.Parse.push_back(Files[I]);
    else if (Settled[I])
      Out.ByText.push_back(std::move(*Settled[I]));
    else if (!Unread[I].empty())
      Out.Unread.push_back({Files[I], 0, Unread[I]});
    else
      ++Out.NoMmapMember;
  }
  return Out;
}

} // namespace

std::optional<std::vector<std::string>> stringsOf(const llvm::json::Value &V) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A)
    return std::nullopt;
  std::vector<std::string> Out;
  for (const llvm::json::Value &E : *A) {
    std::optional<llvm::StringRef> S = E.getAsString();
    if (!S)
      return std::nullopt;
    Out.push_back(S->str());
  }
  return Out;
}

std::string question(llvm::StringRef What, const std::set<std::string> &Names,
                     const std::vector<std::string> &Files) {
  std::string Q = What.str();
  for (const std::string &N : Names)
    Q += " " + N;
  for (const std::string &F : Files)
    Q += "\n" + F;
  return Q;
}

std::set<std::string> fopsMacrosMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                                     unsigned Jobs) {
  using Names = std::set<std::string>;
  return Memo.answer<Names>(
      "fops-macros", [&] { return findFopsMacros(Files, Jobs); },
      [](const Names &N) { return stringArray(N); },
      [](const llvm::json::Value &V) -> std::optional<Names> {
        std::optional<std::vector<std::string>> L = stringsOf(V);
        if (!L)
          return std::nullopt;
        return Names(L->begin(), L->end());
      });
}

SlotListMacros slotListsMemo(TextPassMemo &Memo, const std::vector<std::string> &Sources,
                             const std::set<std::string> &Macros, unsigned Jobs) {
  return Memo.answer<SlotListMacros>(
      question("slot-lists", Macros, {}), [&] { return findSlotListMacros(Sources, Macros, Jobs); },
      [](const SlotListMacros &L) {
        llvm::json::Object O;
        for (const auto &[Name, Slots] : L) {
          llvm::json::Array A;
          for (const MacroSlot &S : Slots)
            A.push_back(llvm::json::Array{S.Field, S.Handler});
          O[Name] = std::move(A);
        }
        return llvm::json::Value(std::move(O));
      },
      [](const llvm::json::Value &V) -> std::optional<SlotListMacros> {
        const llvm::json::Object *O = V.getAsObject();
        if (!O)
          return std::nullopt;
        SlotListMacros L;
        for (const auto &[Name, Slots] : *O) {
          const llvm::json::Array *A = Slots.getAsArray();
          if (!A)
            return std::nullopt;
          for (const llvm::json::Value &S : *A) {
            std::optional<std::vector<std::string>> Pair = stringsOf(S);
            if (!Pair || Pair->size() != 2)
              return std::nullopt;
            L[Name.str()].push_back({(*Pair)[0], (*Pair)[1]});
          }
        }
        return L;
      });
}

TextPicks prefilterMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                         const std::set<std::string> &Macros,
                         llvm::function_ref<SlotListMacros()> Lists, unsigned Jobs,
                         bool SettleByText) {
  return Memo.answer<TextPicks>(
      question(SettleByText ? "prefilter+text+hooks+args" : "prefilter+hooks+args", Macros, Files),
      [&] {
        return prefilter(Files, Macros, SettleByText ? Lists() : SlotListMacros(), Jobs,
                         SettleByText);
      },
      [](const TextPicks &P) {
        llvm::json::Array Text, Unread;
        for (const TuResult &R : P.ByText)
          Text.push_back(tuResultToJson(R));
        for (const NotAnalysed &N : P.Unread)
          Unread.push_back(llvm::json::Array{N.File, N.Reason});
        return llvm::json::Value(llvm::json::Object{{"parse", stringArray(P.Parse)},
                                                    {"text", std::move(Text)},
                                                    {"unread", std::move(Unread)},
                                                    {"no_mmap_member", P.NoMmapMember}});
      },
      [](const llvm::json::Value &V) -> std::optional<TextPicks> {
        const llvm::json::Object *O = V.getAsObject();
        const llvm::json::Value *Parse = O ? O->get("parse") : nullptr;
        const llvm::json::Array *Text = O ? O->getArray("text") : nullptr;
        const llvm::json::Array *Unread = O ? O->getArray("unread") : nullptr;
        std::optional<int64_t> NoMember = O ? O->getInteger("no_mmap_member") : std::nullopt;
        std::optional<std::vector<std::string>> Files = Parse ? stringsOf(*Parse) : std::nullopt;
        if (!Files || !Text || !Unread || !NoMember || *NoMember < 0)
          return std::nullopt;
        TextPicks Out;
        Out.Parse = std::move(*Files);
        Out.NoMmapMember = static_cast<size_t>(*NoMember);
        for (const llvm::json::Value &R : *Text) {
          std::optional<TuResult> T = tuResultFromJson(R);
          if (!T)
            return std::nullopt;
          Out.ByText.push_back(std::move(*T));
        }
        for (const llvm::json::Value &U : *Unread) {
          std::optional<std::vector<std::string>> Pair = stringsOf(U);
          if (!Pair || Pair->size() != 2)
            return std::nullopt;
          Out.Unread.push_back({(*Pair)[0], 0, (*Pair)[1]});
        }
        return Out;
      });
}

std::vector<std::string> fileListMemo(TextPassMemo &Memo, const std::string &Question,
                                      llvm::function_ref<std::vector<std::string>()> Compute) {
  using List = std::vector<std::string>;
  return Memo.answer<List>(
      Question, Compute, [](const List &L) { return stringArray(L); }, stringsOf);
}

std::vector<std::string> filesDefiningMemo(TextPassMemo &Memo,
                                           const std::vector<std::string> &Files,
                                           const std::set<std::string> &Names,
                                           unsigned Jobs) {
  return fileListMemo(Memo, question("defining", Names, Files),
                      [&] { return filesDefining(Files, Names, Jobs); });
}

std::vector<std::string> filesCallingMemo(TextPassMemo &Memo, const std::vector<std::string> &Files,
                                          const std::set<std::string> &Places, unsigned Jobs) {
  return fileListMemo(Memo, question("calling", Places, Files),
                      [&] { return filesCalling(Files, Places, Jobs); });
}

} // namespace mmapmigrate
