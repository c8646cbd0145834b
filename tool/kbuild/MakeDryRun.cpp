//===- MakeDryRun.cpp - Compile commands from `make -n` output --------------===//
#include "tool/kbuild/KbuildDetail.h"

#include "clang/Driver/Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
namespace opts = clang::driver::options;

namespace mmapmigrate {
namespace kbuild {

//===----------------------------------------------------------------------===//
// Shell parsing of `make -n` output
//===----------------------------------------------------------------------===//

namespace {

/// The shell words of `make -n` output, one simple command at a time: what
/// a POSIX shell would split, quote and redirect, with $(...) and `...`
/// kept verbatim inside their word. A logical line with an unterminated
/// quote is dropped whole.
class ShellSplitter {
public:
  ShellSplitter(llvm::StringRef Text, llvm::function_ref<void(llvm::ArrayRef<ShellWord>)> Fn)
      : Text(Text), N(Text.size()), Fn(Fn) {}

  void run() {
    while (I < N)
      step(Text[I]);
    endCmd();
  }

private:
  void step(char C) {
    switch (C) {
    case '\n':
      endCmd();
      Broken = false;
      ++I;
      break;
    case ' ':
    case '\t':
    case '\r':
      endWord();
      ++I;
      break;
    case '\\':
      if (I + 1 < N && Text[I + 1] == '\n') {
        I += 2; // Line continuation.
      } else if (I + 1 < N) {
        Word += Text[I + 1];
        InWord = true;
        I += 2;
      } else {
        ++I;
      }
      break;
    case '\'':
      singleQuoted();
      break;
    case '"':
      doubleQuoted();
      break;
    case ';':
    case '(':
    case ')':
      endCmd();
      ++I;
      break;
    case '&':
    case '|':
      endCmd();
      I += (I + 1 < N && Text[I + 1] == C) ? 2 : 1;
      break;
    case '<':
    case '>':
      redirect();
      break;
    case '#':
      if (InWord) {
        Word += C;
        ++I;
      } else {
        I = Text.find('\n', I);
        if (I == llvm::StringRef::npos)
          I = N;
      }
      break;
    case '`':
      copySubst('`', '`');
      break;
    case '$':
      if (I + 1 < N && Text[I + 1] == '(') {
        ++I;
        Word += '$';
        copySubst('(', ')');
      } else {
        Word += C;
        InWord = true;
        ++I;
      }
      break;
    default:
      Word += C;
      InWord = true;
      ++I;
      break;
    }
  }

  void endWord() {
    if (InWord)
      Cmd.push_back({std::move(Word), ShellWord::Word});
    Word.clear();
    InWord = false;
  }

  void endCmd() {
    endWord();
    if (!Cmd.empty() && !Broken)
      Fn(Cmd);
    Cmd.clear();
  }

  /// An unescaped newline inside quotes: give up on this logical line.
  void breakLine(size_t NewlinePos) {
    Broken = true;
    Word.clear();
    InWord = false;
    I = NewlinePos; // The '\n' case ends the command and resets.
  }

  void singleQuoted() {
    size_t J = I + 1;
    bool Ok = false;
    for (; J < N; ++J) {
      if (Text[J] == '\'') {
        Ok = true;
        break;
      }
      if (Text[J] == '\n' && Text[J - 1] != '\\')
        break;
    }
    if (!Ok) {
      breakLine(J);
      return;
    }
    Word.append(Text.data() + I + 1, J - I - 1);
    InWord = true;
    I = J + 1;
  }

  void doubleQuoted() {
    size_t J = I + 1;
    bool Ok = false;
    std::string Part;
    for (; J < N; ++J) {
      char D = Text[J];
      if (D == '"') {
        Ok = true;
        break;
      }
      if (D == '\\' && J + 1 < N) {
        char E = Text[J + 1];
        if (E == '\n') {
          ++J;
          continue;
        }
        if (E == '$' || E == '`' || E == '"' || E == '\\') {
          Part += E;
          ++J;
          continue;
        }
      } else if (D == '\n') {
        break;
      }
      Part += D;
    }
    if (!Ok) {
      breakLine(J);
      return;
    }
    Word += Part;
    InWord = true;
    I = J + 1;
  }

  void redirect() {
    // "2>&1": the digits before the operator name a descriptor.
    if (InWord && Word.find_first_not_of("0123456789") == std::string::npos) {
      Word.clear();
      InWord = false;
    }
    endWord();
    size_t J = I + 1;
    while (J < N && (Text[J] == '>' || Text[J] == '&' || Text[J] == '|'))
      ++J;
    bool Dup = Text.substr(I, J - I).ends_with("&");
    if (Dup)
      while (J < N && (isdigit(static_cast<unsigned char>(Text[J])) || Text[J] == '-'))
        ++J;
    Cmd.push_back(
        {std::string(Text.substr(I, J - I)), Dup ? ShellWord::DupRedirect : ShellWord::Redirect});
    I = J;
  }

  /// Copies a $(...) or `...` span verbatim into the word.
  void copySubst(char Open, char Close) {
    int Depth = 0;
    size_t J = I;
    for (; J < N; ++J) {
      char C = Text[J];
      if (C == '\\' && J + 1 < N) {
        ++J;
        continue;
      }
      if (C == '\n' && (J == 0 || Text[J - 1] != '\\') && Open == '`')
        break;
      if (Open == '(' && C == '(')
        ++Depth;
      else if (C == Close && (Open == '`' ? J > I : --Depth == 0)) {
        ++J;
        break;
      }
    }
    Word.append(Text.data() + I, J - I);
    InWord = true;
    I = J;
  }

  llvm::StringRef Text;
  const size_t N;
  llvm::function_ref<void(llvm::ArrayRef<ShellWord>)> Fn;
  size_t I = 0;
  std::vector<ShellWord> Cmd;
  std::string Word;
  bool InWord = false;
  bool Broken = false;
};

} // namespace

void forEachSimpleCommand(
    llvm::StringRef Text,
    llvm::function_ref<void(llvm::ArrayRef<ShellWord>)> Fn) {
  ShellSplitter(Text, Fn).run();
}

std::vector<std::string> commandArgv(llvm::ArrayRef<ShellWord> Words) {
  static const llvm::StringSet<> Reserved = {
      "if",    "then", "else", "elif", "fi",   "do",   "done",   "while",
      "until", "!",    "{",    "}",    "time", "exec", "command"};
  std::vector<std::string> Argv;
  for (size_t I = 0; I < Words.size(); ++I) {
    const ShellWord &W = Words[I];
    if (W.Kind == ShellWord::Redirect) {
      ++I; // And its file.
      continue;
    }
    if (W.Kind == ShellWord::DupRedirect)
      continue;
    if (Argv.empty()) {
      if (Reserved.contains(W.Text))
        continue;
      llvm::StringRef T(W.Text);
      size_t Eq = T.find('=');
      if (Eq != llvm::StringRef::npos && Eq > 0 &&
          T.take_front(Eq).find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
              "_") == llvm::StringRef::npos &&
          !isdigit(static_cast<unsigned char>(T[0])))
        continue;
    }
    Argv.push_back(W.Text);
  }
  // Compiler wrappers pass the real compiler as their first argument.
  while (!Argv.empty()) {
    llvm::StringRef Base = path::filename(Argv[0]);
    if (Base != "ccache" && Base != "sccache" && Base != "distcc")
      break;
    Argv.erase(Argv.begin());
  }
  return Argv;
}

/// The target a kbuild recipe writes, from its `trap 'rm -f TARGET; ...'`
/// (kbuild's delete-on-interrupt) or filechk's `trap "rm -f .tmp_X" EXIT`.
std::optional<std::string> stepTarget(llvm::ArrayRef<std::string> Argv) {
  if (Argv.size() < 3 || Argv[0] != "trap")
    return std::nullopt;
  llvm::StringRef Body(Argv[1]);
  if (!Body.consume_front("rm -f "))
    return std::nullopt;
  Body = Body.ltrim();
  llvm::StringRef Target =
      Body.take_until([](char C) { return C == ';' || C == ' '; });
  if (Target.empty())
    return std::nullopt;
  llvm::SmallString<128> T(Target);
  llvm::StringRef File = path::filename(Target);
  if (File.starts_with(".tmp_")) {
    // filechk writes .tmp_X and then moves it to X.
    path::remove_filename(T);
    path::append(T, File.drop_front(strlen(".tmp_")));
  }
  return std::string(T);
}

std::string sourceOf(llvm::StringRef Input, llvm::StringRef BuildDir, llvm::StringRef Tree) {
  std::string File = absoluteIn(BuildDir, Input);
  if (!fs::exists(File) && !Tree.empty() && !path::is_absolute(Input) &&
      fs::exists(absoluteIn(Tree, Input)))
    File = absoluteIn(Tree, Input);
  return realPathOr(File, File);
}

std::optional<CompileCommand> asCompile(std::vector<std::string> Argv,
                                        llvm::StringRef BuildDir,
                                        llvm::StringRef Tree) {
  if (Argv.size() < 3 || !isCCompilerName(Argv[0]) ||
      !llvm::is_contained(Argv, "-c"))
    return std::nullopt;
  std::string Input, Output;
  bool HasC = false;
  for (const ParsedArg &A : parseDriverArgs(Argv)) {
    unsigned Id = A.Opt.getID();
    if (Id == opts::OPT_c)
      HasC = true;
    else if (Id == opts::OPT_INPUT && isCSource(Argv[A.Index])) {
      if (!Input.empty())
        return std::nullopt; // Several .c inputs: not a kbuild compile.
      Input = Argv[A.Index];
    } else if (Id == opts::OPT_o) {
      Output =
          A.Count > 1 ? Argv[A.Index + 1] : Argv[A.Index].substr(strlen("-o"));
    }
  }
  if (!HasC || Input.empty())
    return std::nullopt;
  std::string File = sourceOf(Input, BuildDir, Tree);
  return CompileCommand(BuildDir, File, std::move(Argv), Output);
}

void scanDryRun(llvm::StringRef Output, llvm::StringRef BuildDir,
                llvm::StringRef Tree,
                llvm::function_ref<void(DryRunEntry &&)> Fn) {
  std::vector<std::string> Steps;
  forEachSimpleCommand(Output, [&](llvm::ArrayRef<ShellWord> Words) {
    std::vector<std::string> Argv = commandArgv(Words);
    if (Argv.empty())
      return;
    if (std::optional<std::string> T = stepTarget(Argv)) {
      if (Steps.empty() || Steps.back() != *T)
        Steps.push_back(std::move(*T));
      return;
    }
    if (std::optional<CompileCommand> C =
            asCompile(std::move(Argv), BuildDir, Tree)) {
      Fn({std::move(*C), std::move(Steps)});
      Steps.clear();
    }
  });
}

} // namespace kbuild

using namespace kbuild;

std::vector<CompileCommand> parseMakeDryRun(llvm::StringRef Output,
                                            llvm::StringRef BuildDir,
                                            llvm::StringRef Tree) {
  std::vector<CompileCommand> Out;
  scanDryRun(Output, BuildDir, Tree,
             [&](DryRunEntry &&E) { Out.push_back(std::move(E.Cmd)); });
  return Out;
}

} // namespace mmapmigrate
