//===- RawBodySkip.cpp - Skip a function body without preprocessing it ----===//
#include "matchers/find/RawBodySkip.h"
#include "matchers/core/SourceText.h"

#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringExtras.h"

namespace mmapmigrate {

namespace {

constexpr size_t NoEnd = llvm::StringRef::npos;


bool newlineAt(llvm::StringRef T, size_t I) {
  return I < T.size() && (T[I] == '\n' || (T[I] == '\r' && I + 1 < T.size() && T[I + 1] == '\n'));
}

} // namespace

size_t findRawBlockEnd(llvm::StringRef T, size_t I) {
  unsigned Depth = 1;
  const size_t N = T.size();
  while (I < N) {
    const char C = T[I];
    const char Next = I + 1 < N ? T[I + 1] : '\0';
    switch (C) {
    case '{':
      ++Depth;
      ++I;
      break;
    case '}':
      if (--Depth == 0)
        return I;
      ++I;
      break;
    case '/':
      if (Next == '/') {
        // A backslash at the end of a line comment continues it.
        for (I += 2; I < N && T[I] != '\n'; ++I)
          if (T[I] == '\\' && newlineAt(T, I + 1))
            I += T[I + 1] == '\r' ? 2 : 1;
      } else if (Next == '*') {
        size_t E = T.find("*/", I + 2);
        if (E == NoEnd)
          return NoEnd;
        I = E + 2;
      } else {
        ++I;
      }
      break;
    case '"':
    case '\'':
      for (++I; I < N && T[I] != C; ++I) {
        if (T[I] == '\n')
          return NoEnd; // Unterminated: let clang say so.
        if (T[I] == '\\')
          ++I;
      }
      if (I >= N)
        return NoEnd;
      ++I;
      break;
    // What the preprocessor acts on besides macros: directives, the
    // digraphs of `{`, `}` and `#`, trigraphs, line splices (which could
    // join a `/` and a `*`), _Pragma, and a NUL (how clang marks the
    // code-completion point).
    case '#':
    case '\0':
      return NoEnd;
    case '<':
      if (Next == '%')
        return NoEnd;
      ++I;
      break;
    case '%':
      if (Next == '>' || Next == ':')
        return NoEnd;
      ++I;
      break;
    case '?':
      if (Next == '?')
        return NoEnd;
      ++I;
      break;
    case '\\':
      if (newlineAt(T, I + 1))
        return NoEnd;
      ++I;
      break;
    case '_':
      if (T.substr(I).starts_with("_Pragma") && (I == 0 || !isIdentChar(T[I - 1])))
        return NoEnd;
      ++I;
      break;
    default:
      ++I;
    }
  }
  return NoEnd;
}

bool skipBodyText(clang::Preprocessor &PP) {
  // A lexer is current only when no macro expansion or cached look-ahead
  // is in progress, so the `{` it read last is the body's own.
  clang::PreprocessorLexer *PL = PP.getCurrentLexer();
  if (!PL || PP.isBacktrackEnabled())
    return false;
  // Lexer is the only PreprocessorLexer in clang 19.
  auto *L = static_cast<clang::Lexer *>(PL);
  if (L->isLexingRawMode())
    return false;
  llvm::StringRef Buf = L->getBuffer();
  size_t Pos = L->getCurrentBufferOffset();
  if (Pos == 0 || Pos > Buf.size() || Buf[Pos - 1] != '{')
    return false;
  size_t End = findRawBlockEnd(Buf, Pos);
  if (End == NoEnd)
    return false;
  size_t LineStart = End;
  while (LineStart > Pos && (Buf[LineStart - 1] == ' ' || Buf[LineStart - 1] == '\t'))
    --LineStart;
  bool AtLineStart = LineStart > Pos && Buf[LineStart - 1] == '\n';
  L->seek(static_cast<unsigned>(End), AtLineStart);
  return true;
}

bool BodyTokenSkipper::opensOrClosesBraces(const clang::MacroInfo &MI) {
  auto [It, New] = Unbalanced.try_emplace(&MI, false);
  if (!New)
    return It->second;
  int Depth = 0;
  for (const clang::Token &T : MI.tokens()) {
    if (T.is(clang::tok::l_brace))
      ++Depth;
    else if (T.is(clang::tok::r_brace) && --Depth < 0)
      break;
  }
  return It->second = Depth != 0;
}

bool BodyTokenSkipper::skip(clang::Preprocessor &PP) {
  // In C the parser asks to skip a body right after reading its `{`; under
  // backtracking the tokens read would have to be replayed.
  if (PP.isBacktrackEnabled() || PP.getLangOpts().CPlusPlus)
    return false;
  const clang::SourceManager &SM = PP.getSourceManager();
  unsigned Depth = 1;
  clang::Token T;
  while (true) {
    PP.LexUnexpandedToken(T);
    // Only header bodies are skipped: reaching the main file (or its end)
    // means a macro's braces fooled the count. Say so rather than let the
    // main file's code vanish unnoticed.
    if (T.is(clang::tok::eof) ||
        (T.getLocation().isFileID() && SM.isInMainFile(T.getLocation()))) {
      clang::DiagnosticsEngine &D = PP.getDiagnostics();
      D.Report(T.getLocation(),
               D.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                 "mmap-migrate: lost the end of a skipped function body in a "
                                 "header (rerun with --preprocess-skipped-bodies)"));
      break;
    }
    if (const clang::IdentifierInfo *II = T.getIdentifierInfo()) {
      const clang::MacroInfo *MI = II->hasMacroDefinition() ? PP.getMacroInfo(II) : nullptr;
      if (MI && MI->isEnabled() && !T.isExpandDisabled() && opensOrClosesBraces(*MI)) {
        // Expand this one: hand it back as a stream that may expand.
        auto Again = std::make_unique<clang::Token[]>(1);
        Again[0] = T;
        PP.EnterTokenStream(std::move(Again), 1, /*DisableMacroExpansion=*/false,
                            /*IsReinject=*/true);
        PP.Lex(T);
      }
    }
    if (T.is(clang::tok::l_brace))
      ++Depth;
    else if (T.is(clang::tok::r_brace) && --Depth == 0)
      break;
  }
  PP.EnterToken(T, /*IsReinject=*/true);
  return true;
}

} // namespace mmapmigrate
