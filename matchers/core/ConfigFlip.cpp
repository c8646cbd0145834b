//===- ConfigFlip.cpp - The configuration that compiles a skipped block ---===//
#include "matchers/core/ConfigFlip.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <utility>

namespace mmapmigrate {

namespace {

/// The directive of a line (`ifdef`, `else`) and the rest of it.
std::pair<llvm::StringRef, llvm::StringRef> directive(llvm::StringRef Line) {
  Line = Line.ltrim();
  if (!Line.consume_front("#"))
    return {};
  Line = Line.trim();
  size_t End = Line.find_first_of(" \t(");
  return std::make_pair(Line.take_front(End), Line.substr(std::min(End, Line.size())).trim());
}

} // namespace

ConfigFlip flipFor(llvm::StringRef Text, unsigned At) {
  auto LineAt = [&](size_t Off) {
    size_t Start = Text.rfind('\n', Off);
    Start = Start == llvm::StringRef::npos ? 0 : Start + 1;
    return Text.slice(Start, Text.find('\n', Start));
  };
  ConfigFlip F;
  auto [Word, Cond] = directive(LineAt(At));
  bool ElseSkipped = Word == "else";
  if (ElseSkipped) {
    // The #if this #else belongs to, counting nested blocks on the way up.
    unsigned Depth = 0;
    llvm::SmallVector<llvm::StringRef, 0> Before;
    Text.take_front(At).split(Before, '\n');
    bool Found = false;
    for (auto L = Before.rbegin(); L != Before.rend() && !Found; ++L) {
      auto [W, C] = directive(*L);
      if (W == "endif") {
        ++Depth;
      } else if (W == "if" || W == "ifdef" || W == "ifndef") {
        if (Depth == 0) {
          Word = W;
          Cond = C;
          Found = true;
        } else {
          --Depth;
        }
      } else if (Depth == 0 && W == "elif") {
        Word = W;
        Found = true;
      }
    }
    if (!Found) {
      F.Why = "its #else has no #if";
      return F;
    }
  }
  // One macro decides: `#ifdef X`, `#if defined(X)`, `#if IS_ENABLED(X)`.
  static const llvm::Regex OneMacro(
      "^(defined[ \t]*\\(?[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\\)?|"
      "IS_ENABLED\\(([A-Za-z_][A-Za-z0-9_]*)\\)|IS_BUILTIN\\(([A-Za-z_][A-Za-z0-9_]*)\\)|"
      "([A-Za-z_][A-Za-z0-9_]*))$");
  llvm::SmallVector<llvm::StringRef, 6> M;
  std::string Macro;
  if (Word == "ifdef" || Word == "ifndef")
    Macro = Cond.str();
  else if (Word == "if" && OneMacro.match(Cond, &M))
    for (unsigned I = 2; I <= 5 && Macro.empty(); ++I)
      Macro = M[I].str();
  if (Macro.empty()) {
    F.Why = "the condition `#" + Word.str() + (Cond.empty() ? "" : " ") + Cond.str() +
            "` is not one macro the verifier can set the other way";
    return F;
  }
  // Compiled when the macro is defined: the if-arm of #ifdef/#if, the
  // else-arm of #ifndef.
  bool WantDefined = (Word == "ifndef") == ElseSkipped;
  if (WantDefined) {
    F.Header = "#undef " + Macro + "\n#define " + Macro + " 1\n";
    F.Says = "`" + Macro + "` set";
  } else {
    F.Header = "#undef " + Macro + "\n#undef " + Macro + "_MODULE\n";
    F.Says = "`" + Macro + "` unset";
  }
  return F;
}

std::vector<ConditionalGroup> conditionalGroups(llvm::StringRef Text, unsigned From, unsigned To) {
  std::vector<ConditionalGroup> Done;
  std::vector<ConditionalGroup> Open;
  To = std::min<unsigned>(To, Text.size());
  size_t Line = From;
  while (Line < To) {
    size_t Next = Text.find('\n', Line);
    Next = Next == llvm::StringRef::npos ? Text.size() : Next + 1;
    auto [Word, Cond] = directive(Text.slice(Line, Next));
    unsigned At = unsigned(Line), After = unsigned(Next);
    if (Word == "if" || Word == "ifdef" || Word == "ifndef") {
      Open.push_back({{{At, After, 0}}, 0});
    } else if ((Word == "elif" || Word == "else" || Word == "elifdef" || Word == "elifndef") &&
               !Open.empty()) {
      Open.back().Arms.back().End = At;
      Open.back().Arms.push_back({At, After, 0});
    } else if (Word == "endif" && !Open.empty()) {
      Open.back().Arms.back().End = At;
      Open.back().Endif = At;
      Done.push_back(std::move(Open.back()));
      Open.pop_back();
    }
    Line = Next;
  }
  std::sort(Done.begin(), Done.end(), [](const ConditionalGroup &A, const ConditionalGroup &B) {
    return A.Arms.front().Directive < B.Arms.front().Directive;
  });
  return Done;
}

} // namespace mmapmigrate
