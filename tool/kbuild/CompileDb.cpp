//===- CompileDb.cpp - Compile commands for kernel trees ------------------===//
//
// Two sources of commands: an existing compile_commands.json, or kbuild's own
// recipes, read from `make -n` in a build dir that we configure in a cache
// folder. kbuild is the only authority on which flags a file gets, so we ask
// it rather than re-deriving flags from Makefiles.
//
//===----------------------------------------------------------------------===//

#include "tool/kbuild/CompileDb.h"

#include "tool/support/AtomicFile.h"
#include "tool/support/FileLock.h"
#include "tool/support/JsonNesting.h"
#include "tool/kbuild/KbuildListing.h"

#include "clang/Driver/Options.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <cstdlib>

extern char **environ;

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;
namespace opts = clang::driver::options;

namespace mmapmigrate {
namespace {

/// Every error is one line the CLI can print as is.
llvm::Error fail(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "mmap-migrate: " + Msg);
}

void note(bool Verbose, const llvm::Twine &Msg) {
  if (Verbose)
    llvm::errs() << "mmap-migrate: " << Msg << "\n";
}

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

/// \p P made absolute against \p Dir, with "./" components removed but ".."
/// kept: kbuild paths may cross symlinks, where folding ".." would change
/// the meaning.
std::string absoluteIn(llvm::StringRef Dir, llvm::StringRef P) {
  llvm::SmallString<256> Out(P);
  if (!path::is_absolute(Out)) {
    Out = Dir;
    path::append(Out, P);
  }
  path::remove_dots(Out, /*remove_dot_dot=*/false);
  return std::string(Out);
}

std::string realPathOr(llvm::StringRef P, llvm::StringRef Fallback) {
  llvm::SmallString<256> Real;
  if (fs::real_path(P, Real))
    return std::string(Fallback);
  return std::string(Real);
}

bool isFile(const llvm::Twine &P) { return fs::is_regular_file(P); }
bool isDir(const llvm::Twine &P) { return fs::is_directory(P); }

//===----------------------------------------------------------------------===//
// Command-line analysis via clang's own option table
//===----------------------------------------------------------------------===//

/// One option as clang's driver sees it: tokens [Index, Index + Count).
struct ParsedArg {
  unsigned Index;
  unsigned Count;
  llvm::opt::Option Opt; ///< Never an alias; may be INPUT or UNKNOWN.
  bool Unsupported;
};

/// Splits Args[1..] into options the way clang's driver would, so that a
/// separate value ("-o x", "-include f.h") is never mistaken for an input and
/// GCC-only spellings show up as UNKNOWN.
std::vector<ParsedArg> parseDriverArgs(llvm::ArrayRef<std::string> Args) {
  std::vector<const char *> Ptrs;
  for (size_t I = 1; I < Args.size(); ++I)
    Ptrs.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  llvm::opt::InputArgList List =
      Table.ParseArgs(Ptrs, MissingIndex, MissingCount,
                      llvm::opt::Visibility(opts::ClangOption));
  std::vector<ParsedArg> Out;
  for (const llvm::opt::Arg *A : List) {
    const llvm::opt::Arg *Base = &A->getBaseArg();
    Out.push_back({Base->getIndex() + 1, 1, A->getOption(),
                   Base->getOption().hasFlag(opts::Unsupported)});
  }
  llvm::sort(Out, [](const ParsedArg &L, const ParsedArg &R) {
    return L.Index < R.Index;
  });
  for (size_t I = 0; I < Out.size(); ++I) {
    unsigned End = I + 1 < Out.size() ? Out[I + 1].Index : Args.size();
    Out[I].Count = End > Out[I].Index ? End - Out[I].Index : 1;
  }
  return Out;
}

bool isCSource(llvm::StringRef P) { return P.ends_with(".c"); }

/// argv[0] of a C compiler: cc, clang, clang-19, gcc, x86_64-linux-gnu-gcc-12.
bool isCCompilerName(llvm::StringRef Argv0) {
  llvm::StringRef Base = path::filename(Argv0);
  // Strip version suffixes such as "-19" or "-12.2".
  while (true) {
    size_t Dash = Base.rfind('-');
    if (Dash == llvm::StringRef::npos)
      break;
    llvm::StringRef Tail = Base.substr(Dash + 1);
    if (Tail.empty() ||
        Tail.find_first_not_of("0123456789.") != llvm::StringRef::npos)
      break;
    Base = Base.take_front(Dash);
  }
  return Base == "cc" || Base.ends_with("clang") || Base.ends_with("gcc");
}

/// Flags that clang rejects (unknown or unsupported for the target) although
/// GCC-built kernels pass them. Most are caught generically as UNKNOWN by the
/// option table; the list covers known-but-rejected ones and documents intent.
bool isGccOnlyFlag(llvm::StringRef A) {
  static const char *const Exact[] = {
      "-fconserve-stack",
      "-fno-var-tracking-assignments",
      "-mrecord-mcount",
      "-fno-allow-store-data-races",
      "-mindirect-branch-register",
      "-mabi=lp64",
      "-fno-ipa-sra",
      "-fno-ipa-cp-clone",
      "-fno-ipa-modref",
      "-fno-partial-inlining",
      "-fno-code-hoisting",
      "-fno-tree-loop-im",
      "-fno-tree-loop-vectorize",
      "-fsanitize=bounds-strict",
  };
  static const char *const Prefixes[] = {
      "-mindirect-branch=",         "-mpreferred-stack-boundary=",
      "-fmin-function-alignment=",  "--param=",
      "-fdiagnostics-show-context",
  };
  for (const char *E : Exact)
    if (A == E)
      return true;
  for (const char *P : Prefixes)
    if (A.starts_with(P))
      return true;
  return false;
}

/// Removes dependency-file requests from a -Wp,a,b,c list; returns the
/// remaining list ("" if nothing is left).
std::string stripDepsFromWp(llvm::StringRef Flag) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Flag.drop_front(strlen("-Wp,")).split(Parts, ',');
  std::vector<llvm::StringRef> Kept;
  for (size_t I = 0; I < Parts.size(); ++I) {
    llvm::StringRef P = Parts[I];
    if (P == "-MD" || P == "-MMD" || P == "-MF" || P == "-MT" || P == "-MQ") {
      ++I; // The dependency file or target name that follows.
      continue;
    }
    if (P == "-MP" || P == "-MG" || P.starts_with("-MF") ||
        P.starts_with("-MT") || P.starts_with("-MQ"))
      continue;
    Kept.push_back(P);
  }
  if (Kept.empty())
    return "";
  return "-Wp," + llvm::join(Kept, ",");
}

/// Options whose joined or separate value is a path.
bool takesPathValue(llvm::StringRef Spelling) {
  static const char *const Names[] = {
      "-I",           "-isystem",     "-iquote",     "-idirafter", "-include",
      "-imacros",     "-isysroot",    "--sysroot",   "--sysroot=", "-iprefix",
      "-include-pch", "-cxx-isystem", "-iframework", "-F",
  };
  for (const char *N : Names)
    if (Spelling == N)
      return true;
  return false;
}

/// "-flag=<path>" spellings.
bool isPathEqualsFlag(llvm::StringRef A, size_t &ValueStart) {
  static const char *const Names[] = {
      "-frandomize-layout-seed-file=",
      "-fprofile-use=",
      "-fprofile-instr-use=",
      "-fprofile-sample-use=",
      "-fprofile-list=",
      "-fprofile-remapping-file=",
      "-fprofile-generate=",
      "-fprofile-instr-generate=",
      "-fprofile-dir=",
      "-fsanitize-ignorelist=",
      "-fsanitize-blacklist=",
      "-fsanitize-coverage-allowlist=",
      "-fsanitize-coverage-ignorelist=",
      "--sysroot=",
  };
  for (const char *N : Names)
    if (A.starts_with(N)) {
      ValueStart = strlen(N);
      return true;
    }
  return false;
}

/// Absolutizes a path value unless it is sysroot-relative ("=dir") or empty.
std::string fixPath(llvm::StringRef Value, llvm::StringRef Directory) {
  if (Value.empty() || Value.starts_with("=") || Directory.empty())
    return std::string(Value);
  return absoluteIn(Directory, Value);
}

//===----------------------------------------------------------------------===//
// Shell parsing of `make -n` output
//===----------------------------------------------------------------------===//

struct ShellWord {
  enum KindType {
    Word,
    Redirect,   ///< ">", ">>", "<": the next word is its file.
    DupRedirect ///< ">&2", "2>&1": complete in itself.
  };
  std::string Text;
  KindType Kind = Word;
};

/// Calls \p Fn for every simple command (words between ;, &&, ||, |, &,
/// parentheses and unescaped newlines) of a POSIX shell script. Enough of
/// sh for what make -n prints: quotes, backslash escapes and line
/// continuations, comments, $(...) and `...` kept inside their word. A line
/// that ends inside a quote is not a recipe (it is text some executed
/// sub-make echoed, such as "don't edit"), so it is dropped instead of
/// swallowing the following lines.
void forEachSimpleCommand(
    llvm::StringRef Text,
    llvm::function_ref<void(llvm::ArrayRef<ShellWord>)> Fn) {
  const size_t N = Text.size();
  size_t I = 0;
  std::vector<ShellWord> Cmd;
  std::string Word;
  bool InWord = false;
  bool Broken = false;

  auto EndWord = [&] {
    if (InWord)
      Cmd.push_back({std::move(Word), ShellWord::Word});
    Word.clear();
    InWord = false;
  };
  auto EndCmd = [&] {
    EndWord();
    if (!Cmd.empty() && !Broken)
      Fn(Cmd);
    Cmd.clear();
  };
  // An unescaped newline inside quotes: give up on this logical line.
  auto BreakLine = [&](size_t NewlinePos) {
    Broken = true;
    Word.clear();
    InWord = false;
    I = NewlinePos; // The '\n' case below ends the command and resets.
  };
  // Copies a $(...) or `...` span verbatim into the word.
  auto CopySubst = [&](char Open, char Close) {
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
  };

  while (I < N) {
    char C = Text[I];
    switch (C) {
    case '\n':
      EndCmd();
      Broken = false;
      ++I;
      break;
    case ' ':
    case '\t':
    case '\r':
      EndWord();
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
    case '\'': {
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
        BreakLine(J);
        break;
      }
      Word.append(Text.data() + I + 1, J - I - 1);
      InWord = true;
      I = J + 1;
      break;
    }
    case '"': {
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
        BreakLine(J);
        break;
      }
      Word += Part;
      InWord = true;
      I = J + 1;
      break;
    }
    case ';':
    case '(':
    case ')':
      EndCmd();
      ++I;
      break;
    case '&':
    case '|':
      EndCmd();
      I += (I + 1 < N && Text[I + 1] == C) ? 2 : 1;
      break;
    case '<':
    case '>': {
      // "2>&1": the digits before the operator name a descriptor.
      if (InWord && Word.find_first_not_of("0123456789") == std::string::npos) {
        Word.clear();
        InWord = false;
      }
      EndWord();
      size_t J = I + 1;
      while (J < N && (Text[J] == '>' || Text[J] == '&' || Text[J] == '|'))
        ++J;
      bool Dup = Text.substr(I, J - I).ends_with("&");
      if (Dup)
        while (J < N &&
               (isdigit(static_cast<unsigned char>(Text[J])) || Text[J] == '-'))
          ++J;
      Cmd.push_back({std::string(Text.substr(I, J - I)),
                     Dup ? ShellWord::DupRedirect : ShellWord::Redirect});
      I = J;
      break;
    }
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
      CopySubst('`', '`');
      break;
    case '$':
      if (I + 1 < N && Text[I + 1] == '(') {
        ++I;
        Word += '$';
        CopySubst('(', ')');
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
  EndCmd();
}

/// The argv of a simple command: reserved words, NAME=value prefixes and
/// redirections removed.
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

/// A compile command plus the files make would have generated right before
/// it, i.e. (transitively) its prerequisites, in a serial `make -n`.
struct DryRunEntry {
  CompileCommand Cmd;
  std::vector<std::string> Steps;
};

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

/// The file a make recipe names as \p Input: relative to the build dir, or
/// failing that to the tree; symlinks and dots resolved.
std::string sourceOf(llvm::StringRef Input, llvm::StringRef BuildDir, llvm::StringRef Tree) {
  std::string File = absoluteIn(BuildDir, Input);
  if (!fs::exists(File) && !Tree.empty() && !path::is_absolute(Input) &&
      fs::exists(absoluteIn(Tree, Input)))
    File = absoluteIn(Tree, Input);
  return realPathOr(File, File);
}

/// If \p Argv compiles one .c file with -c, returns its command.
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

//===----------------------------------------------------------------------===//
// Compilation databases
//===----------------------------------------------------------------------===//

class CleanupDb : public CompilationDatabase {
public:
  explicit CleanupDb(std::unique_ptr<CompilationDatabase> Inner)
      : Inner(std::move(Inner)) {}

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override {
    return clean(Inner->getCompileCommands(FilePath));
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner->getAllFiles();
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return clean(Inner->getAllCompileCommands());
  }

private:
  static std::vector<CompileCommand> clean(std::vector<CompileCommand> Cmds) {
    for (CompileCommand &C : Cmds)
      C.CommandLine = cleanKernelFlags(C.CommandLine, C.Directory);
    return Cmds;
  }
  std::unique_ptr<CompilationDatabase> Inner;
};

std::string lookupKey(llvm::StringRef Dir, llvm::StringRef File) {
  std::string P = absoluteIn(Dir, File);
  llvm::SmallString<256> S(P);
  path::remove_dots(S, /*remove_dot_dot=*/true);
  return std::string(S);
}

class ListDb : public CompilationDatabase {
public:
  explicit ListDb(std::vector<CompileCommand> Commands)
      : Commands(std::move(Commands)) {
    for (size_t I = 0; I < this->Commands.size(); ++I) {
      const CompileCommand &C = this->Commands[I];
      std::string Key = lookupKey(C.Directory, C.Filename);
      auto &Slot = ByFile[Key];
      if (Slot.empty())
        Files.push_back(Key);
      Slot.push_back(I);
    }
  }

  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override {
    llvm::SmallString<256> Abs(FilePath);
    (void)fs::make_absolute(Abs);
    auto It = ByFile.find(lookupKey("/", Abs));
    if (It == ByFile.end()) {
      // The caller may spell the file through a symlink.
      llvm::SmallString<256> Real;
      if (fs::real_path(FilePath, Real))
        return {};
      It = ByFile.find(std::string(Real));
      if (It == ByFile.end())
        return {};
    }
    std::vector<CompileCommand> Out;
    for (size_t I : It->second)
      Out.push_back(Commands[I]);
    return Out;
  }
  std::vector<std::string> getAllFiles() const override { return Files; }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Commands;
  }

private:
  std::vector<CompileCommand> Commands;
  std::vector<std::string> Files;
  llvm::StringMap<std::vector<size_t>> ByFile;
};

//===----------------------------------------------------------------------===//
// Running make
//===----------------------------------------------------------------------===//

/// The environment for make: ours minus variables through which a parent make
/// (when we run under one) would leak jobserver fds or -n/-k flags, and with
/// LC_ALL=C so that we can read its error messages.
std::vector<std::string> makeEnvironment() {
  static const char *const Drop[] = {
      "MAKEFLAGS",    "MFLAGS",    "MAKELEVEL", "MAKEOVERRIDES",
      "GNUMAKEFLAGS", "MAKEFILES", "LC_ALL"};
  std::vector<std::string> Env;
  for (char **E = environ; E && *E; ++E) {
    llvm::StringRef KV(*E);
    llvm::StringRef Name = KV.split('=').first;
    if (llvm::is_contained(Drop, Name))
      continue;
    Env.push_back(KV.str());
  }
  Env.push_back("LC_ALL=C");
  return Env;
}

/// Common make arguments for the build dir (without the program name).
std::vector<std::string> kbuildArgs(const KernelDbOptions &Opts,
                                    llvm::StringRef Tree,
                                    llvm::StringRef BuildDir) {
  return {"-C", Tree.str(), "O=" + BuildDir.str(),
          "LLVM=" +
              (Opts.LlvmSuffix.empty() ? std::string("1") : Opts.LlvmSuffix),
          "ARCH=" + Opts.Arch,
          // Parsing needs prepare's generated headers, not the tools it
          // builds for later steps: objtool, dtc and the 1,000 installed
          // uapi headers were half of prepare's time. Only make sees these
          // (autoconf.h, which the sources read, comes from .config), and
          // no compiler flag depends on them.
          "CONFIG_OBJTOOL=", "CONFIG_DTC=", "CONFIG_HEADERS_INSTALL="};
}

/// Runs make with \p Args; stdout to \p OutPath, stderr to \p ErrPath (which
/// may be the same file). Returns make's exit status.
llvm::Expected<int> runMake(const std::vector<std::string> &Args,
                            llvm::StringRef OutPath, llvm::StringRef ErrPath) {
  llvm::ErrorOr<std::string> Make = llvm::sys::findProgramByName("make");
  if (!Make)
    return fail("cannot find make in PATH");
  std::vector<llvm::StringRef> Argv = {"make"};
  for (const std::string &A : Args)
    Argv.push_back(A);
  // ExecuteAndWait opens redirect files without O_TRUNC: an older, longer
  // log would leave its tail behind.
  (void)fs::remove(OutPath);
  (void)fs::remove(ErrPath);
  std::vector<std::string> Env = makeEnvironment();
  std::vector<llvm::StringRef> EnvRefs(Env.begin(), Env.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), OutPath,
                                                ErrPath};
  std::string ErrMsg;
  bool Failed = false;
  int RC = llvm::sys::ExecuteAndWait(*Make, Argv, EnvRefs, Redirects, 0, 0,
                                     &ErrMsg, &Failed);
  if (Failed)
    return fail("cannot run make: " + ErrMsg);
  return RC;
}

/// Every reader here treats a missing file as empty.
std::string slurp(llvm::StringRef Path) { return readWholeFile(Path).value_or(""); }

/// The dir that holds build/, logs and stamps for one configured tree.
std::string stateDirOf(llvm::StringRef BuildDir) {
  return std::string(path::parent_path(BuildDir));
}

std::string logPath(llvm::StringRef BuildDir, llvm::StringRef Name) {
  llvm::SmallString<256> P(stateDirOf(BuildDir));
  path::append(P, "logs");
  (void)fs::create_directories(P);
  path::append(P, Name);
  return std::string(P);
}

std::string inDir(llvm::StringRef Dir, llvm::StringRef Name) {
  llvm::SmallString<256> P(Dir);
  path::append(P, Name);
  return std::string(P);
}

/// "dir/x.c" relative to \p TreeReal, or "" if \p File is outside the tree.
std::string relativeToTree(llvm::StringRef File, llvm::StringRef TreeReal) {
  llvm::StringRef F(File);
  if (!F.consume_front(TreeReal) || !F.consume_front("/"))
    return "";
  return F.str();
}

//===----------------------------------------------------------------------===//
// Object index: which tree sources kbuild compiles in this config, and as
// which make target.
//===----------------------------------------------------------------------===//

constexpr const char *IndexName = "mmap-migrate-objects.tsv";
/// What the listing's C compile rule prints instead of its command, before
/// the object and the source.
constexpr const char *IndexMark = "mmap-migrate-index";
/// The listing's line for a wanted object's missing prerequisites.
constexpr const char *NeedsMark = "mmap-migrate-needs";
/// The make variable naming the sources whose commands the listing prints.
constexpr const char *WantVar = "MMAP_MIGRATE_WANT";

struct CachedCommand {
  std::string Output;
  std::vector<std::string> Args;
};

bool isGeneratedSource(llvm::StringRef P) {
  return P.ends_with(".h") || P.ends_with(".c");
}

/// Calls \p Fn with each (object, source) pair the listing printed.
void forEachIndexPair(llvm::StringRef Out,
                      llvm::function_ref<void(llvm::StringRef, llvm::StringRef)> Fn) {
  std::string Mark = std::string(": ") + IndexMark + " ";
  for (size_t At = Out.find(Mark); At != llvm::StringRef::npos; At = Out.find(Mark, At + 1)) {
    if (At > 0 && Out[At - 1] != '\n')
      continue;
    llvm::StringRef Line = Out.substr(At + Mark.size()).split('\n').first.trim();
    // kbuild refuses trees whose path has spaces, so two words (then, for a
    // wanted object, `; ` and more commands).
    auto [Target, Rest] = Line.split(' ');
    llvm::StringRef Src = Rest.take_until([](char C) { return C == ' ' || C == ';'; });
    if (!Target.empty() && !Src.empty())
      Fn(Target, Src);
  }
}
constexpr const char *CacheName = "mmap-migrate-commands.json";

/// The hash of the .config the index and the commands were made with.
constexpr const char *ConfigHashName = "mmap-migrate-config.hash";

/// Directories the object index's listings visited, one per line, next to
/// the index. No such file: the index lists the whole build.
constexpr const char *ListedName = "mmap-migrate-listed-dirs.txt";

/// Source (relative to the tree) -> the kbuild target that compiles it, for
/// the sources a listing has settled.
///
/// `make dir/x.o` compiles any .c it is pointed at, configured or not, and a
/// file in a directory the config does not enable is compiled from the
/// nearest enabled parent with that parent's flags. Some files are compiled
/// under a different name (virt/kvm/kvm_main.c is
/// arch/x86/kvm/../../../virt/kvm/kvm_main.o). Only a dry run of the build
/// knows. The dry run visits only the directories that can compile the
/// sources asked about (KbuildListing.h); later calls visit more as needed.
struct ObjectIndex {
  llvm::StringMap<std::string> Objects;
  std::optional<std::set<std::string>> Listed; ///< None: the whole build.

  bool settles(llvm::StringRef Rel) const { return !Listed || listingSettles(*Listed, Rel); }

  /// Adds a listing's (object, source) pairs.
  void add(llvm::StringRef Out, llvm::StringRef BuildDir, llvm::StringRef TreeReal) {
    forEachIndexPair(Out, [&](llvm::StringRef Target, llvm::StringRef Src) {
      std::string Rel = relativeToTree(sourceOf(Src, BuildDir, TreeReal), TreeReal);
      if (Rel.empty() || !isCSource(Rel))
        return;
      // A file compiled twice (vdso32 and vdso64, say): keep its natural
      // object name if there is one.
      std::string Natural = Rel.substr(0, Rel.size() - 2) + ".o";
      auto [It, New] = Objects.try_emplace(Rel, Target.str());
      if (!New && Target == Natural)
        It->second = Target.str();
    });
  }

  static ObjectIndex load(llvm::StringRef BuildDir) {
    ObjectIndex I;
    std::string Text = slurp(inDir(BuildDir, IndexName));
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    llvm::StringRef(Text).split(Lines, '\n', -1, false);
    for (llvm::StringRef L : Lines) {
      auto [Src, Target] = L.split('\t');
      if (!Src.empty() && !Target.empty())
        I.Objects[Src] = Target.str();
    }
    std::string ListedPath = inDir(BuildDir, ListedName);
    if (fs::exists(ListedPath)) {
      std::string Dirs = slurp(ListedPath);
      Lines.clear();
      llvm::StringRef(Dirs).split(Lines, '\n', -1, false);
      I.Listed.emplace();
      for (llvm::StringRef D : Lines)
        I.Listed->insert(D.str());
    }
    return I;
  }

  llvm::Error save(llvm::StringRef BuildDir) const {
    std::vector<std::string> Keys;
    for (const auto &E : Objects)
      Keys.push_back(E.getKey().str());
    llvm::sort(Keys);
    std::string Tsv;
    for (const std::string &K : Keys)
      Tsv += K + "\t" + Objects.lookup(K) + "\n";
    // The index first: a listed-dirs file never claims more than it holds.
    if (llvm::Error E = writeFileAtomically(inDir(BuildDir, IndexName), Tsv))
      return E;
    std::string ListedPath = inDir(BuildDir, ListedName);
    if (!Listed)
      return fs::exists(ListedPath) ? llvm::errorCodeToError(fs::remove(ListedPath))
                                    : llvm::Error::success();
    std::string Dirs;
    for (const std::string &D : *Listed)
      Dirs += D + "\n";
    return writeFileAtomically(ListedPath, Dirs);
  }
};

/// What a listing printed for the sources it was asked to print commands
/// for: the command of each, and the generated files its object needs that
/// do not exist yet.
struct ListedCommands {
  llvm::StringMap<CachedCommand> ByRel;                       ///< Source -> command.
  std::vector<std::pair<std::string, std::string>> NeedBuild; ///< Target, file.
};

/// The make argument naming \p Want (sources relative to the tree) for the
/// listing's compile rule to print in full, as `%/REL` patterns that match
/// kbuild's `$<` (made absolute, which also folds the `dir/../` of objects
/// built from another directory) however it spells the tree; "" when there
/// are none or so many that sub-makes' MAKEFLAGS would outgrow one
/// environment string.
std::string wantedSourcesArg(llvm::ArrayRef<std::string> Want) {
  std::string Arg = std::string(WantVar) + "=";
  for (const std::string &W : Want)
    Arg += "%/" + W + " ";
  constexpr size_t MaxArg = 64 * 1024; // Linux: 128 KiB per string.
  return Want.empty() || Arg.size() > MaxArg ? "" : Arg;
}

/// Reads the commands and missing prerequisites a listing printed for
/// \p WantedTargets (object -> source relative to the tree).
void readListedCommands(llvm::StringRef Out, llvm::StringRef BuildDir, llvm::StringRef TreeReal,
                        const llvm::StringMap<std::string> &WantedTargets,
                        ListedCommands &Got) {
  forEachSimpleCommand(Out, [&](llvm::ArrayRef<ShellWord> Words) {
    std::vector<std::string> Argv = commandArgv(Words);
    if (Argv.size() >= 3 && Argv[0] == ":" && Argv[1] == NeedsMark) {
      if (WantedTargets.count(Argv[2]))
        for (size_t I = 3; I < Argv.size(); ++I)
          if (isGeneratedSource(Argv[I]))
            Got.NeedBuild.push_back({Argv[2], Argv[I]});
      return;
    }
    if (std::optional<CompileCommand> C = asCompile(std::move(Argv), BuildDir, TreeReal)) {
      auto It = WantedTargets.find(C->Output);
      if (It != WantedTargets.end())
        Got.ByRel[It->second] = {C->Output, std::move(C->CommandLine)};
    }
  });
}

/// Runs kbuild's listing (`make -n all`) in \p BuildDir, visiting only
/// \p Dirs (everything if the pruning script cannot name them), and adds
/// what it prints to \p Index. For the sources of \p Want it compiles, it
/// also prints their commands into \p Got: a separate `make -n` for them
/// would start make in the same directories again.
llvm::Error runListing(const KernelDbOptions &Opts, llvm::StringRef TreeReal,
                       llvm::StringRef BuildDir, const std::set<std::string> &Dirs,
                       llvm::ArrayRef<std::string> Want, ObjectIndex &Index,
                       ListedCommands &Got) {
  auto Start = std::chrono::steady_clock::now();
  std::string Out = logPath(BuildDir, "index-dry-run.out");
  std::string Log = logPath(BuildDir, "index-dry-run.log");
  std::vector<std::string> Args = kbuildArgs(Opts, TreeReal, BuildDir);
  // Under -j, sub-makes write into each other's lines, even with
  // -Otarget (3 of 24.5k allmodconfig commands came out cut); -Orecurse
  // keeps each sub-make's output whole. The C compile rule prints the
  // pair instead of its command: expanding kbuild's 8 KB command lines for
  // every object was half of the listing's time. For a wanted source it
  // prints its command too, after the prerequisites that do not exist
  // yet (generated headers; FORCE is kbuild's always-run marker).
  std::string WantArg = wantedSourcesArg(Want);
  Args.insert(Args.end(),
              {"-k", "-n", "-j" + std::to_string(std::max(Opts.Jobs, 1u)), "-Orecurse",
               std::string("if_changed_rule=$(if $(filter cc_o_c,$(1)),: ") + IndexMark +
                   " $@ $<" +
                   (WantArg.empty() ? std::string()
                                    : std::string("$(if $(filter $(") + WantVar +
                                          "),$(abspath $<)),; : " + NeedsMark +
                                          " $@ $(filter-out FORCE $(wildcard $^),$^); "
                                          "$(cmd_cc_o_c))") +
                   ",@:)"});
  if (!WantArg.empty())
    Args.push_back(WantArg);
  llvm::ErrorOr<std::string> Make = llvm::sys::findProgramByName("make");
  std::string Script = Make ? pruningMakeScript(Dirs, *Make) : "";
  if (!Script.empty()) {
    std::string ScriptPath = inDir(stateDirOf(BuildDir), "listing-make.sh");
    if (llvm::Error E = writeFileAtomically(ScriptPath, Script))
      return E;
    if (std::error_code EC = fs::setPermissions(ScriptPath, fs::perms(0755)))
      return fail("cannot make " + ScriptPath + " executable: " + EC.message());
    Args.push_back("MAKE=" + ScriptPath);
  }
  Args.push_back("all");
  note(Opts.Verbose, "listing what kbuild compiles in " + Opts.Config +
                         (Script.empty() ? std::string(" (make -n all)")
                                         : llvm::formatv(" (make -n all, {0} directories)",
                                                         Dirs.size())
                                               .str()));
  llvm::Expected<int> RC = runMake(Args, Out, Log);
  if (!RC)
    return RC.takeError();
  // `make -k -n all` always fails at vmlinux.o (it needs vmlinux.a, which
  // a dry run never makes), so the exit status says nothing; the output
  // does.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Out, false, false);
  if (!Buf)
    return fail("cannot read " + Out + ": " + Buf.getError().message());
  size_t Before = Index.Objects.size();
  Index.add((*Buf)->getBuffer(), BuildDir, TreeReal);
  if (!WantArg.empty()) {
    llvm::StringMap<std::string> WantedTargets; // Object -> source.
    for (const std::string &W : Want) {
      auto It = Index.Objects.find(W);
      if (It != Index.Objects.end())
        WantedTargets[It->second] = W;
    }
    readListedCommands((*Buf)->getBuffer(), BuildDir, TreeReal, WantedTargets, Got);
  }
  (void)fs::remove(Out);
  if (Index.Objects.empty())
    return fail("make -n all printed no compile commands; see " + Log);
  if (Script.empty())
    Index.Listed.reset();
  else if (Index.Listed)
    Index.Listed->insert(Dirs.begin(), Dirs.end());
  note(Opts.Verbose, llvm::formatv("kbuild compiles {0} more tree sources; listing took {1:f1} s",
                                   Index.Objects.size() - Before, secondsSince(Start)));
  return llvm::Error::success();
}

/// The object index of \p BuildDir, extended by a listing when it does not
/// yet settle every source in \p Rels (relative to the tree); that listing
/// prints into \p Got the commands of those it visits.
llvm::Expected<ObjectIndex> loadOrExtendIndex(const KernelDbOptions &Opts,
                                              llvm::StringRef TreeReal, llvm::StringRef BuildDir,
                                              llvm::ArrayRef<std::string> Rels,
                                              ListedCommands &Got) {
  bool Exists = fs::exists(inDir(BuildDir, IndexName));
  ObjectIndex Index;
  if (Exists)
    Index = ObjectIndex::load(BuildDir);
  else
    Index.Listed.emplace();
  std::vector<std::string> Unsettled, Visit;
  for (const std::string &R : Rels) {
    if (!Index.settles(R)) {
      Unsettled.push_back(R);
      Visit.push_back(R);
      continue;
    }
    // Known already, but the listing may as well print its command: that
    // is one directory more for it, where make -n would start make again.
    auto It = Index.Objects.find(R);
    if (It != Index.Objects.end() && !llvm::StringRef(It->second).contains(".."))
      Visit.push_back(It->second);
  }
  if (!Unsettled.empty()) {
    // A directory that builds elsewhere and was listed before has printed
    // all its objects already.
    std::set<std::string> Elsewhere = dirsBuildingElsewhere(TreeReal);
    if (Index.Listed)
      for (const std::string &D : *Index.Listed)
        Elsewhere.erase(D);
    std::set<std::string> Dirs = dirsToList(Visit, Elsewhere);
    if (llvm::Error E = runListing(Opts, TreeReal, BuildDir, Dirs, Rels, Index, Got))
      return E;
    if (llvm::Error E = Index.save(BuildDir))
      return E;
  } else if (Exists && Index.Objects.empty()) {
    return fail("empty object index " + inDir(BuildDir, IndexName) + "; delete it to redo");
  }
  return Index;
}

//===----------------------------------------------------------------------===//
// Per-file command cache
//===----------------------------------------------------------------------===//

llvm::StringMap<CachedCommand> loadCommandCache(llvm::StringRef BuildDir,
                                                bool Verbose) {
  llvm::StringMap<CachedCommand> Cache;
  std::string P = inDir(BuildDir, CacheName);
  if (!fs::exists(P))
    return Cache;
  llvm::Expected<llvm::json::Value> V =
      llvm::json::parse(readChecksummedFile(P).value_or("not ours"));
  if (!V) {
    // A damaged cache only costs one more make -n.
    note(Verbose, "ignoring damaged " + P + ": " + toString(V.takeError()));
    return Cache;
  }
  const llvm::json::Object *Root = V->getAsObject();
  const llvm::json::Object *Cmds = Root ? Root->getObject("commands") : nullptr;
  if (!Cmds)
    return Cache;
  for (const auto &KV : *Cmds) {
    const llvm::json::Object *E = KV.second.getAsObject();
    if (!E)
      continue;
    const llvm::json::Array *Args = E->getArray("arguments");
    if (!Args || Args->empty())
      continue;
    CachedCommand C;
    if (std::optional<llvm::StringRef> O = E->getString("output"))
      C.Output = O->str();
    for (const llvm::json::Value &A : *Args)
      if (std::optional<llvm::StringRef> S = A.getAsString())
        C.Args.push_back(S->str());
    Cache[KV.first.str()] = std::move(C);
  }
  return Cache;
}

llvm::Error saveCommandCache(llvm::StringRef BuildDir,
                             const llvm::StringMap<CachedCommand> &Cache) {
  std::vector<std::string> Keys;
  for (const auto &E : Cache)
    Keys.push_back(E.getKey().str());
  llvm::sort(Keys);
  llvm::json::Object Cmds;
  for (const std::string &K : Keys) {
    const CachedCommand &C = Cache.find(K)->second;
    llvm::json::Array Args;
    for (const std::string &A : C.Args)
      Args.push_back(A);
    Cmds[K] = llvm::json::Object{{"output", C.Output},
                                 {"arguments", std::move(Args)}};
  }
  llvm::json::Object Root{{"version", 1}, {"commands", std::move(Cmds)}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(Root));
  OS.flush();
  return writeChecksummedFile(inDir(BuildDir, CacheName), Text);
}

/// kbuild's record of how it last compiled \p Target (dir/.x.o.cmd), for
/// objects that are already built: `make -n` prints nothing for those.
std::optional<std::vector<std::string>> savedCommand(llvm::StringRef BuildDir,
                                                     llvm::StringRef Target) {
  llvm::SmallString<256> P(BuildDir);
  path::append(P, path::parent_path(Target),
               "." + path::filename(Target).str() + ".cmd");
  std::string Text = slurp(P);
  if (Text.empty())
    return std::nullopt;
  llvm::StringRef Line = llvm::StringRef(Text).split('\n').first;
  size_t Assign = Line.find(" := ");
  if (!Line.starts_with("savedcmd_") || Assign == llvm::StringRef::npos)
    return std::nullopt;
  // The value is make syntax: "$$" and "\#" stand for "$" and "#".
  std::string Cmd;
  llvm::StringRef V = Line.substr(Assign + 4);
  for (size_t I = 0; I < V.size(); ++I) {
    if (V[I] == '$' && I + 1 < V.size() && V[I + 1] == '$')
      ++I;
    else if (V[I] == '\\' && I + 1 < V.size() && V[I + 1] == '#')
      continue;
    Cmd += V[I];
  }
  std::optional<std::vector<std::string>> Found;
  forEachSimpleCommand(Cmd, [&](llvm::ArrayRef<ShellWord> Words) {
    std::vector<std::string> Argv = commandArgv(Words);
    if (!Found && !Argv.empty() && isCCompilerName(Argv[0]))
      Found = std::move(Argv);
  });
  return Found;
}

/// Normalizes a requested source to a path relative to the tree.
std::string requestedRel(llvm::StringRef Source, llvm::StringRef Tree,
                         llvm::StringRef TreeReal) {
  llvm::SmallString<256> S(Source);
  path::remove_dots(S, /*remove_dot_dot=*/true);
  if (!path::is_absolute(S))
    return std::string(S);
  for (llvm::StringRef Root : {Tree, TreeReal}) {
    llvm::SmallString<256> R(Root);
    path::remove_dots(R, true);
    std::string Rel = relativeToTree(S, R);
    if (!Rel.empty())
      return Rel;
  }
  return "";
}

/// Forgets what listings and make -n said about \p BuildDir.
void removeListings(llvm::StringRef BuildDir) {
  for (const char *Name : {IndexName, ListedName, CacheName})
    (void)fs::remove(inDir(BuildDir, Name));
}

/// The object index and the commands hold for the .config they were listed
/// with. kbuild rewrites .config whenever a make in the build dir finds
/// Kconfig's inputs changed (another ARCH= spelling, a new compiler): then
/// they go, and the next listing starts afresh.
void dropListingsOfAnotherConfig(llvm::StringRef BuildDir, bool Verbose) {
  std::string HashPath = inDir(BuildDir, ConfigHashName);
  std::string Now = llvm::utohexstr(llvm::xxh3_64bits(slurp(inDir(BuildDir, ".config"))));
  std::string Then = llvm::StringRef(slurp(HashPath)).trim().str();
  if (Then == Now)
    return;
  if (!Then.empty()) {
    note(Verbose, BuildDir + "/.config changed since its objects were listed; listing again");
    removeListings(BuildDir);
  }
  // An older cache without the hash is taken to match.
  if (llvm::Error E = writeFileAtomically(HashPath, Now + "\n"))
    llvm::consumeError(std::move(E)); // Next time, then.
}

/// Where the build dir for \p Opts lives, and what its stamp says once it
/// is prepared.
struct BuildDirPlace {
  std::string State, Build, Stamp, Identity;
};

BuildDirPlace buildDirPlace(const KernelDbOptions &Opts) {
  std::string TreeReal = realPathOr(Opts.Tree, Opts.Tree);
  // A config given as a file is known by its content.
  std::string ConfigKey = Opts.Config;
  if (isFile(Opts.Config))
    ConfigKey = llvm::utohexstr(llvm::xxh3_64bits(slurp(Opts.Config)));
  std::string Llvm = Opts.LlvmSuffix.empty() ? "1" : Opts.LlvmSuffix;
  BuildDirPlace P;
  P.Identity = "tree=" + TreeReal + "\narch=" + Opts.Arch + "\nconfig=" + ConfigKey +
               "\nllvm=" + Llvm + "\n";
  std::string Name = path::filename(TreeReal).str() + "-" + Opts.Arch + "-" +
                     path::filename(Opts.Config).str() + "-" +
                     llvm::utohexstr(llvm::xxh3_64bits(P.Identity));
  for (char &C : Name)
    if (!isalnum(static_cast<unsigned char>(C)) && C != '-' && C != '.' && C != '_')
      C = '_';
  std::string Root = Opts.CacheRoot.empty() ? defaultCacheRoot() : Opts.CacheRoot;
  P.State = inDir(Root, Name);
  P.Build = inDir(P.State, "build");
  P.Stamp = inDir(P.State, "prepared.stamp");
  return P;
}

} // namespace

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

bool kernelBuildDirPrepared(const KernelDbOptions &Opts) {
  BuildDirPlace P = buildDirPlace(Opts);
  return slurp(P.Stamp) == P.Identity && isFile(inDir(P.Build, ".config"));
}

std::vector<std::string> cleanKernelFlags(llvm::ArrayRef<std::string> Args,
                                          llvm::StringRef Directory) {
  std::vector<std::string> Out;
  if (Args.empty())
    return Out;
  // argv[0] stays: LibTooling only uses it to pick the driver mode and a
  // target prefix (x86_64-linux-gnu-gcc implies --target), which is right.
  Out.push_back(Args[0]);
  for (const ParsedArg &A : parseDriverArgs(Args)) {
    llvm::ArrayRef<std::string> Toks = Args.slice(A.Index, A.Count);
    llvm::StringRef First = Toks[0];
    unsigned Id = A.Opt.getID();

    // Dependency files and object output: a scan must write nothing.
    if (Id == opts::OPT_o || Id == opts::OPT_MF || Id == opts::OPT_MT ||
        Id == opts::OPT_MQ || Id == opts::OPT_MJ || First == "-MD" ||
        First == "-MMD" || First == "-M" || First == "-MM" || First == "-MP" ||
        First == "-MG")
      continue;
    if (First.starts_with("-Wp,")) {
      std::string Rest = stripDepsFromWp(First);
      if (!Rest.empty())
        Out.push_back(Rest);
      continue;
    }
    // Warnings must not become errors: the tool parses code the way the
    // compiler would, but a new clang warns about things the kernel's
    // compiler did not.
    if (First == "-Werror" || First.starts_with("-Werror="))
      continue;
    // GCC plugins (randstruct, latent_entropy, ...) cannot load into clang.
    if (First.starts_with("-fplugin=") || First.starts_with("-fplugin-arg-"))
      continue;
    // Backend options only matter for code generation, and parsing them
    // would touch LLVM's process-wide option registry from many threads.
    if (Id == opts::OPT_mllvm)
      continue;
    if (First == "--param")
      continue; // GCC tuning; the value is the next token.
    if (Id == opts::OPT_UNKNOWN || A.Unsupported || isGccOnlyFlag(First))
      continue;

    if (Id == opts::OPT_INPUT) {
      Out.push_back(fixPath(First, Directory));
      continue;
    }
    size_t ValueStart = 0;
    if (isPathEqualsFlag(First, ValueStart)) {
      Out.push_back(First.take_front(ValueStart).str() +
                    fixPath(First.substr(ValueStart), Directory));
      continue;
    }
    llvm::StringRef Spelling = A.Opt.getPrefixedName();
    if (takesPathValue(Spelling)) {
      if (Toks.size() == 2) { // "-I dir"
        Out.push_back(Toks[0]);
        Out.push_back(fixPath(Toks[1], Directory));
      } else if (First.starts_with(Spelling)) { // "-Idir"
        Out.push_back(Spelling.str() +
                      fixPath(First.substr(Spelling.size()), Directory));
      } else {
        Out.insert(Out.end(), Toks.begin(), Toks.end());
      }
      continue;
    }
    Out.insert(Out.end(), Toks.begin(), Toks.end());
  }
  // Idempotent, so wrapping an already cleaned database does no harm.
  bool Cleaned = Out.size() >= 3 && Out[Out.size() - 2] == "-w" &&
                 Out.back() == "-Wno-error";
  if (!Cleaned) {
    Out.push_back("-w");
    Out.push_back("-Wno-error");
  }
  return Out;
}

std::unique_ptr<CompilationDatabase>
withKernelFlagCleanup(std::unique_ptr<CompilationDatabase> Inner) {
  return std::make_unique<CleanupDb>(std::move(Inner));
}

std::unique_ptr<CompilationDatabase>
makeCommandListDb(std::vector<CompileCommand> Commands) {
  return std::make_unique<ListDb>(std::move(Commands));
}

llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadBuildDirDb(llvm::StringRef BuildDir) {
  std::string File = inDir(BuildDir, "compile_commands.json");
  // Read it ourselves first: the JSON loader's message for a missing file
  // does not say which file.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(File);
  if (!Buf)
    return fail("cannot read " + File + ": " + Buf.getError().message());
  return parseCompileDb((*Buf)->getBuffer(), File);
}

llvm::Expected<std::unique_ptr<CompilationDatabase>>
parseCompileDb(llvm::StringRef Text, llvm::StringRef File) {
  if (!jsonNestingIsSafe(Text))
    return fail(File + ": not a JSON compilation database: nested more than " +
                llvm::Twine(MaxJsonNesting) + " levels deep");
  // The loader's YAML parser prints its complaints to stderr itself: a
  // JSON error is caught here first, with one line.
  if (llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text); !V)
    return fail(File + ": not a JSON compilation database: " + llvm::toString(V.takeError()));
  std::string Msg;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> Db =
      clang::tooling::JSONCompilationDatabase::loadFromBuffer(
          Text, Msg, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db) {
    llvm::StringRef M = llvm::StringRef(Msg).trim();
    M = M.take_until([](char C) { return C == '\n'; });
    return fail(File + ": not a JSON compilation database: " + M);
  }
  if (Db->getAllCompileCommands().empty())
    return fail("no compile commands in " + File);
  return withKernelFlagCleanup(std::move(Db));
}

bool isKernelTree(llvm::StringRef Dir) {
  return isFile(inDir(Dir, "Makefile")) && isFile(inDir(Dir, "Kconfig")) &&
         isDir(inDir(Dir, "include/linux")) && isDir(inDir(Dir, "scripts"));
}

std::vector<CompileCommand> parseMakeDryRun(llvm::StringRef Output,
                                            llvm::StringRef BuildDir,
                                            llvm::StringRef Tree) {
  std::vector<CompileCommand> Out;
  scanDryRun(Output, BuildDir, Tree,
             [&](DryRunEntry &&E) { Out.push_back(std::move(E.Cmd)); });
  return Out;
}

std::string defaultCacheRoot() {
  if (const char *C = std::getenv("MMAP_MIGRATE_CACHE"); C && *C)
    return C;
  if (const char *X = std::getenv("XDG_CACHE_HOME"); X && *X)
    return inDir(X, "mmap-migrate");
  llvm::SmallString<256> Home;
  if (!path::home_directory(Home)) {
    // No home: a per-machine temp location still beats failing.
    path::system_temp_directory(/*erasedOnReboot=*/false, Home);
    return inDir(Home, "mmap-migrate");
  }
  path::append(Home, ".cache", "mmap-migrate");
  return std::string(Home);
}

llvm::Expected<std::string> prepareKernelBuildDir(const KernelDbOptions &Opts) {
  if (!isKernelTree(Opts.Tree))
    return fail(Opts.Tree + " is not a Linux kernel tree (expected Makefile, "
                            "Kconfig, include/linux and scripts/)");
  // kbuild refuses O= builds from a configured tree.
  if (fs::exists(inDir(Opts.Tree, ".config")) ||
      fs::exists(inDir(Opts.Tree, "include/config")))
    return fail(Opts.Tree + " has been configured in place (.config); "
                            "kbuild needs a clean tree for O= builds, so run "
                            "'make mrproper' there or use -p BUILD_DIR");
  std::string TreeReal = realPathOr(Opts.Tree, Opts.Tree);
  // A config given as a file is copied in and completed with olddefconfig;
  // anything else is a make target such as allmodconfig or defconfig.
  bool ConfigIsFile = isFile(Opts.Config);
  BuildDirPlace P = buildDirPlace(Opts);
  const std::string &State = P.State, &Build = P.Build, &Stamp = P.Stamp,
                    &Identity = P.Identity;
  if (std::error_code EC = fs::create_directories(Build))
    return fail("cannot create " + Build + ": " + EC.message());
  // Two runs must not configure or extend one build dir at once.
  auto Lock = FileLock::lockFile(inDir(State, "lock"), "the kernel build dir");
  if (!Lock)
    return Lock.takeError();

  if (slurp(Stamp) == Identity && isFile(inDir(Build, ".config")))
    return Build;
  // No stamp or a stale one: a previous attempt died midway or never ran.
  // make is incremental, so simply running both steps again finishes it.
  (void)fs::remove(Stamp);
  removeListings(Build);

  std::string Log = logPath(Build, "prepare.log");
  std::vector<std::string> Config = kbuildArgs(Opts, TreeReal, Build);
  if (ConfigIsFile) {
    if (std::error_code EC =
            fs::copy_file(Opts.Config, inDir(Build, ".config")))
      return fail("cannot copy " + Opts.Config + ": " + EC.message());
    Config.push_back("olddefconfig");
  } else {
    Config.push_back(Opts.Config);
  }
  auto Start = std::chrono::steady_clock::now();
  note(Opts.Verbose, "configuring " + TreeReal + " (" + Opts.Config + ") in " +
                         Build + "; log: " + Log);
  llvm::Expected<int> RC = runMake(Config, Log, Log);
  if (!RC)
    return RC.takeError();
  if (*RC != 0)
    return fail(llvm::formatv("make {0} failed (exit {1}); see {2}",
                              Config.back(), *RC, Log)
                    .str());
  double ConfigSecs = secondsSince(Start);

  std::vector<std::string> Prepare = kbuildArgs(Opts, TreeReal, Build);
  Prepare.push_back("-j" + std::to_string(std::max(Opts.Jobs, 1u)));
  Prepare.push_back("prepare");
  std::string PrepLog = logPath(Build, "prepare-make.log");
  Start = std::chrono::steady_clock::now();
  RC = runMake(Prepare, PrepLog, PrepLog);
  if (!RC)
    return RC.takeError();
  if (*RC != 0)
    return fail(
        llvm::formatv("make prepare failed (exit {0}); see {1}", *RC, PrepLog)
            .str());
  note(Opts.Verbose,
       llvm::formatv("{0} took {1:f1} s, prepare {2:f1} s", Config.back(),
                     ConfigSecs, secondsSince(Start)));
  if (llvm::Error E = writeFileAtomically(Stamp, Identity))
    return E;
  return Build;
}

// How: the object index (one `make -n all`, cached) says whether and as which
// target kbuild compiles each source; one serial `make -k -n` per batch of
// uncached targets prints their commands; `.x.o.cmd` covers objects make
// considers up to date. Commands come back cleaned (cleanKernelFlags).
llvm::Expected<std::vector<CompileCommand>> kernelCompileCommands(
    const KernelDbOptions &Opts, llvm::StringRef BuildDir,
    llvm::ArrayRef<std::string> Sources,
    std::vector<std::pair<std::string, std::string>> &NotBuilt) {
  if (!isKernelTree(Opts.Tree))
    return fail(Opts.Tree + " is not a Linux kernel tree");
  if (!isFile(inDir(BuildDir, ".config")))
    return fail(BuildDir + " is not a configured kernel build dir (no "
                           ".config)");
  std::string TreeReal = realPathOr(Opts.Tree, Opts.Tree);
  auto Lock = FileLock::lockFile(inDir(stateDirOf(BuildDir), "lock"), "the kernel build dir");
  if (!Lock)
    return Lock.takeError();
  dropListingsOfAnotherConfig(BuildDir, Opts.Verbose);

  llvm::StringMap<CachedCommand> Cache =
      loadCommandCache(BuildDir, Opts.Verbose);

  // Decide per source: cached, not buildable, or to ask make about. The
  // object index answers for all sources at once (one listing settles them
  // all), so first sort out what the tree alone tells.
  struct Request {
    std::string Given, Rel;
  };
  struct Verdict {
    std::string Given, Rel;
    std::string NotBuiltWhy; ///< Non-empty: not built, and why.
    bool AskIndex = false;
  };
  std::vector<Verdict> Verdicts;
  std::vector<std::string> ToLookUp;
  for (const std::string &Src : Sources) {
    Verdict V{Src, requestedRel(Src, Opts.Tree, TreeReal), "", false};
    if (V.Rel.empty() || V.Rel.rfind("../", 0) == 0) {
      V.NotBuiltWhy = "not inside the kernel tree";
    } else if (!Cache.count(V.Rel)) {
      if (!isFile(inDir(TreeReal, V.Rel)))
        V.NotBuiltWhy = "no such file in the tree";
      else if (!isCSource(V.Rel))
        V.NotBuiltWhy = "not a .c file";
      else
        ToLookUp.push_back(V.Rel);
      V.AskIndex = V.NotBuiltWhy.empty();
    }
    Verdicts.push_back(std::move(V));
  }
  std::optional<ObjectIndex> Index;
  ListedCommands Listed;
  if (!ToLookUp.empty()) {
    llvm::Expected<ObjectIndex> I =
        loadOrExtendIndex(Opts, TreeReal, BuildDir, ToLookUp, Listed);
    if (!I)
      return I.takeError();
    Index = std::move(*I);
  }
  // What the listing printed needs no make -n of its own.
  llvm::StringSet<> FromListing;
  for (auto &[Rel, Cmd] : Listed.ByRel) {
    auto It = Index->Objects.find(Rel);
    if (It == Index->Objects.end() || It->second != Cmd.Output)
      continue; // Another object of the same source (vdso32 and vdso64).
    Cache[Rel] = std::move(Cmd);
    FromListing.insert(Rel);
  }
  std::vector<Request> Requests;
  llvm::StringMap<std::string> Queued; // Rel -> make target.
  std::vector<std::string> QueueOrder;
  for (Verdict &V : Verdicts) {
    if (V.AskIndex && !Queued.count(V.Rel) && !FromListing.contains(V.Rel)) {
      auto It = Index->Objects.find(V.Rel);
      if (It == Index->Objects.end()) {
        V.NotBuiltWhy = "kbuild does not compile it in this config "
                        "(not selected, directory not enabled, or "
                        "#included by another .c)";
      } else {
        Queued[V.Rel] = It->second;
        QueueOrder.push_back(V.Rel);
      }
    }
    if (!V.NotBuiltWhy.empty())
      NotBuilt.push_back({V.Given, V.NotBuiltWhy});
    else
      Requests.push_back({V.Given, V.Rel});
  }

  // What the listing did not print: one serial make -n per batch, serial
  // so that what make would generate for an object is printed right
  // before that object's compile command. The batches run one after the
  // other: two at once lost some of kbuild's compiler probes (cc-option,
  // cc-param) in one or the other, every time, so the same tree got
  // different flags per batch; one make at a time never did.
  llvm::StringMap<std::string> Failures; // Rel -> reason.
  std::vector<std::pair<std::string, std::string>> NeedBuild; // target, file
  // One object per missing file: building it generates the file for all.
  llvm::StringSet<> Missing;
  for (auto &[Target, File] : Listed.NeedBuild)
    if (Missing.insert(File).second && !fs::exists(absoluteIn(BuildDir, File)))
      NeedBuild.push_back({Target, File});
  const size_t N = QueueOrder.size();
  constexpr size_t MaxBatch = 1000; // argv far below ARG_MAX.
  size_t Batches = (N + MaxBatch - 1) / MaxBatch;
  size_t Per = Batches ? (N + Batches - 1) / Batches : 0;
  auto BatchOf = [&](size_t K) {
    return llvm::ArrayRef(QueueOrder).slice(K * Per, std::min(Per, N - K * Per));
  };
  struct DryRun {
    std::string Out, Log;
  };
  std::vector<DryRun> Runs(Batches);
  auto DryStart = std::chrono::steady_clock::now();
  for (size_t K = 0; K < Batches; ++K) {
    std::vector<std::string> Args = kbuildArgs(Opts, TreeReal, BuildDir);
    Args.insert(Args.end(), {"-k", "-n"});
    for (const std::string &Rel : BatchOf(K))
      Args.push_back(Queued.find(Rel)->second);
    std::string Suffix = Batches > 1 ? "-" + std::to_string(K + 1) : "";
    Runs[K].Out = logPath(BuildDir, "dry-run" + Suffix + ".out");
    Runs[K].Log = logPath(BuildDir, "dry-run" + Suffix + ".log");
    llvm::Expected<int> RC = runMake(Args, Runs[K].Out, Runs[K].Log);
    if (!RC)
      return RC.takeError();
  }
  if (Batches)
    note(Opts.Verbose, llvm::formatv("make -n for {0} objects the listing did not print took "
                                     "{1:f1} s",
                                     N, secondsSince(DryStart)));
  for (size_t K = 0; K < Batches; ++K) {
    llvm::ArrayRef<std::string> Batch = BatchOf(K);
    const std::string &Out = Runs[K].Out, &Log = Runs[K].Log;
    llvm::StringMap<std::string> ByTarget; // target -> Rel
    for (const std::string &Rel : Batch)
      ByTarget[Queued[Rel]] = Rel;
    llvm::StringSet<> Got;
    scanDryRun(slurp(Out), BuildDir, TreeReal, [&](DryRunEntry &&E) {
      auto T = ByTarget.find(E.Cmd.Output);
      if (T == ByTarget.end())
        return; // Host tools, asm-offsets and the like.
      const std::string &Rel = T->second;
      Cache[Rel] = {E.Cmd.Output, std::move(E.Cmd.CommandLine)};
      Got.insert(Rel);
      // A generated header or source this object needs that does not exist
      // yet: prepare does not make per-directory files such as
      // security/selinux/flask.h or drm/xe/generated/xe_wa_oob.h.
      for (const std::string &Step : E.Steps)
        if (isGeneratedSource(Step) &&
            !fs::exists(absoluteIn(BuildDir, Step))) {
          NeedBuild.push_back({E.Cmd.Output, Step});
          break;
        }
    });
    // Why make gave nothing for a target, if it said.
    llvm::SmallVector<llvm::StringRef, 0> ErrLines;
    std::string ErrText = slurp(Log);
    llvm::StringRef(ErrText).split(ErrLines, '\n', -1, false);
    for (llvm::StringRef L : ErrLines) {
      size_t P = L.find("No rule to make target '");
      if (P == llvm::StringRef::npos)
        continue;
      llvm::StringRef T =
          L.substr(P + strlen("No rule to make target '")).split('\'').first;
      auto It = ByTarget.find(T);
      if (It != ByTarget.end())
        Failures[It->second] = "kbuild: no rule to make target " + T.str();
    }
    for (const std::string &Rel : Batch) {
      if (Got.contains(Rel) || Failures.count(Rel))
        continue;
      // make -n prints nothing for an up-to-date object; kbuild recorded
      // the command it used next to it.
      if (std::optional<std::vector<std::string>> Saved =
              savedCommand(BuildDir, Queued[Rel])) {
        Cache[Rel] = {Queued[Rel], std::move(*Saved)};
        continue;
      }
      Failures[Rel] = "make -n printed no compile command for " + Queued[Rel] +
                      " (see " + Log + ")";
    }
  }

  if (!NeedBuild.empty()) {
    // Making the object is the one way to make kbuild generate its
    // prerequisites; a header target alone is not a goal kbuild accepts.
    // The object itself is not needed: its compile rule does nothing here
    // (half of this step's time); other rules run, out of date or not.
    std::vector<std::string> Args = kbuildArgs(Opts, TreeReal, BuildDir);
    Args.insert(Args.end(), {"-k", "-j" + std::to_string(std::max(Opts.Jobs, 1u)),
                             "if_changed_rule=$(if $(filter cc_o_c,$(1)),@:,$(rule_$(1)))"});
    llvm::StringSet<> Seen;
    for (const auto &[Target, File] : NeedBuild)
      if (Seen.insert(Target).second)
        Args.push_back(Target);
    std::string Log = logPath(BuildDir, "generate.log");
    auto Start = std::chrono::steady_clock::now();
    note(Opts.Verbose, llvm::formatv("generating the headers {0} objects need; log: {1}",
                                     Seen.size(), Log));
    llvm::Expected<int> RC = runMake(Args, Log, Log);
    if (!RC)
      return RC.takeError();
    note(Opts.Verbose,
         llvm::formatv("that took {0:f1} s", secondsSince(Start)));
    for (const auto &[Target, File] : NeedBuild)
      if (!fs::exists(absoluteIn(BuildDir, File)))
        llvm::errs() << "mmap-migrate: warning: " << File
                     << " is still missing after building " << Target
                     << "; see " << Log << "\n";
  }

  if (!QueueOrder.empty() || !FromListing.empty())
    if (llvm::Error E = saveCommandCache(BuildDir, Cache))
      return E;

  std::vector<CompileCommand> Result;
  llvm::StringSet<> Emitted;
  for (const Request &R : Requests) {
    if (!Emitted.insert(R.Rel).second)
      continue;
    auto F = Failures.find(R.Rel);
    if (F != Failures.end()) {
      NotBuilt.push_back({R.Given, F->second});
      continue;
    }
    auto C = Cache.find(R.Rel);
    if (C == Cache.end())
      continue; // Cannot happen: every request was cached or failed.
    // The cache keeps kbuild's own command (handy when debugging); callers
    // get the cleaned one, ready for a plain makeCommandListDb.
    Result.emplace_back(BuildDir, inDir(TreeReal, R.Rel),
                        cleanKernelFlags(C->second.Args, BuildDir),
                        C->second.Output);
  }
  return Result;
}

} // namespace mmapmigrate
