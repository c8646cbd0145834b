//===- FlagCleanup.cpp - Kernel flags clang can take ------------------------===//
#include "tool/kbuild/KbuildDetail.h"

#include "clang/Driver/Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Option/Arg.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/Path.h"

namespace path = llvm::sys::path;
namespace opts = clang::driver::options;

namespace mmapmigrate {
namespace kbuild {

//===----------------------------------------------------------------------===//
// Command-line analysis via clang's own option table
//===----------------------------------------------------------------------===//

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

} // namespace kbuild

using namespace kbuild;

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

} // namespace mmapmigrate
