//===- StandIn.cpp - Flags for a file no configuration builds -------------===//
#include "tool/kbuild/StandIn.h"
#include "tool/kbuild/KbuildDetail.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <set>

namespace path = llvm::sys::path;

namespace mmapmigrate {

namespace {

/// make's logical lines: a trailing backslash joins the next one.
std::vector<std::string> logicalLines(llvm::StringRef Text) {
  std::vector<std::string> Out;
  std::string Cur;
  for (llvm::StringRef Rest = Text; !Rest.empty();) {
    auto [Line, Next] = Rest.split('\n');
    Rest = Next;
    llvm::StringRef L = Line.rtrim("\r");
    if (L.ends_with("\\")) {
      Cur += L.drop_back().str() + " ";
      continue;
    }
    Out.push_back(Cur + L.str());
    Cur.clear();
  }
  if (!Cur.empty())
    Out.push_back(Cur);
  return Out;
}

/// +1: the condition holds only without an MMU; -1: only with one; 0: other.
int mmuSense(llvm::StringRef Cond) {
  Cond = Cond.trim();
  bool Neg = Cond.consume_front("ifneq");
  if (!Neg && !Cond.consume_front("ifeq")) {
    if (Cond.consume_front("ifndef"))
      return Cond.trim() == "CONFIG_MMU" ? 1 : 0;
    if (Cond.consume_front("ifdef"))
      return Cond.trim() == "CONFIG_MMU" ? -1 : 0;
    return 0;
  }
  std::string C = Cond.str();
  llvm::erase_if(C, [](char Ch) { return Ch == ' ' || Ch == '\t'; });
  int Sense = 0;
  if (C == "($(CONFIG_MMU),y)")
    Sense = -1; // ifeq: with an MMU.
  else if (C == "($(CONFIG_MMU),)")
    Sense = 1; // ifeq: without one.
  return Neg ? -Sense : Sense;
}

/// Makefile lines in \p Lines that add \p Object to a list: the symbols of
/// those lists, following composite objects (romfs-y -> romfs.o).
void collectObject(const std::vector<std::string> &Lines, const std::string &Object,
                   std::set<std::string> &Seen, BuildNeeds &Out) {
  if (!Seen.insert(Object).second)
    return;
  static const llvm::Regex Assign(
      "^[ \t]*([A-Za-z0-9_.-]+)-(\\$\\(CONFIG_([A-Za-z0-9_]+)\\)|y|m|objs)[ \t]*[:+?]?=(.*)$");
  std::vector<int> Stack; // mmuSense of each open conditional, flipped by else.
  for (const std::string &Line : Lines) {
    llvm::StringRef T = llvm::StringRef(Line).trim();
    if (T.starts_with("ifeq") || T.starts_with("ifneq") || T.starts_with("ifdef") ||
        T.starts_with("ifndef")) {
      Stack.push_back(mmuSense(T));
      continue;
    }
    if (T.starts_with("else") && !Stack.empty()) {
      Stack.back() = -Stack.back();
      continue;
    }
    if (T.starts_with("endif")) {
      if (!Stack.empty())
        Stack.pop_back();
      continue;
    }
    llvm::SmallVector<llvm::StringRef, 5> M;
    if (!Assign.match(Line, &M))
      continue;
    llvm::SmallVector<llvm::StringRef, 8> Words;
    M[4].split(Words, ' ', -1, false);
    if (!llvm::any_of(Words, [&](llvm::StringRef W) { return W.trim() == Object; }))
      continue;
    Out.Found = true;
    if (llvm::is_contained(Stack, 1))
      Out.NoMmu = true;
    if (!M[3].empty() && !llvm::is_contained(Out.Symbols, "CONFIG_" + M[3].str()))
      Out.Symbols.push_back("CONFIG_" + M[3].str());
    if (M[1] != "obj" && M[1] != "lib")
      collectObject(Lines, M[1].str() + ".o", Seen, Out);
  }
}

/// The `depends on` words of `config \p Symbol` in \p Kconfig's text; true
/// if the entry is there.
bool dependsOf(llvm::StringRef Kconfig, llvm::StringRef Symbol, BuildNeeds &Out) {
  bool In = false, Found = false, Help = false;
  static const llvm::Regex Word("[A-Za-z0-9_]+");
  for (llvm::StringRef Rest = Kconfig; !Rest.empty();) {
    auto [Line, Next] = Rest.split('\n');
    Rest = Next;
    llvm::StringRef T = Line.trim();
    if (!Line.empty() && !llvm::isSpace(Line.front()) && !T.starts_with("#")) {
      auto [Key, Name] = T.split(' ');
      In = (Key == "config" || Key == "menuconfig") && Name.trim() == Symbol;
      Found |= In;
      Help = false;
      continue;
    }
    // Help text runs to the next entry and may say anything.
    Help |= T == "help" || T == "---help---";
    if (!In || Help || !T.consume_front("depends on"))
      continue;
    static const llvm::Regex NoMmu("![ \t]*MMU([^A-Za-z0-9_]|$)");
    if (NoMmu.match(T))
      Out.NoMmu = true;
    llvm::SmallVector<llvm::StringRef, 2> M;
    for (llvm::StringRef S = T; Word.match(S, &M);) {
      llvm::StringRef W = M[0];
      if (W != "y" && W != "m" && W != "n" && !llvm::is_contained(Out.DependsWords, W))
        Out.DependsWords.push_back(W.str());
      S = S.drop_front(S.find(W) + W.size());
    }
  }
  return Found;
}

} // namespace

BuildNeeds buildNeeds(llvm::StringRef Tree, llvm::StringRef Dir, llvm::StringRef Object) {
  BuildNeeds Out;
  // kbuild reads Kbuild before Makefile when both are there.
  std::string Text = kbuild::slurp((Dir + "/Kbuild").str());
  if (Text.empty())
    Text = kbuild::slurp((Dir + "/Makefile").str());
  std::set<std::string> Seen;
  collectObject(logicalLines(Text), Object.str(), Seen, Out);
  // Each symbol's entry is in the Kconfig of its directory or one above;
  // what it depends on is followed a few steps (FB_TCX -> FB_SBUS -> SPARC).
  std::vector<std::string> Work;
  for (const std::string &Sym : Out.Symbols)
    Work.push_back(Sym.substr(strlen("CONFIG_")));
  std::map<std::string, std::string> Texts;
  for (size_t I = 0; I < Work.size() && I < 16; ++I) {
    size_t Before = Out.DependsWords.size();
    for (llvm::SmallString<256> D(Dir); D.size() >= Tree.size(); path::remove_filename(D)) {
      std::string K = (D + "/Kconfig").str();
      auto It = Texts.find(K);
      if (It == Texts.end())
        It = Texts.emplace(K, kbuild::slurp(K)).first;
      if (dependsOf(It->second, Work[I], Out) || D == Tree)
        break;
    }
    Work.insert(Work.end(), Out.DependsWords.begin() + Before, Out.DependsWords.end());
  }
  return Out;
}

std::string archKconfigWord(llvm::StringRef Arch) {
  Arch.consume_back("-nommu");
  if (Arch == "x86_64" || Arch == "i386" || Arch == "x86")
    return "X86";
  if (Arch == "powerpc")
    return "PPC";
  if (Arch == "um")
    return "UML";
  return Arch.upper();
}

clang::tooling::CompileCommand standInCommand(const clang::tooling::CompileCommand &Sibling,
                                              llvm::StringRef File,
                                              llvm::ArrayRef<std::string> Defines) {
  clang::tooling::CompileCommand C = Sibling;
  llvm::StringRef OldStem = path::stem(Sibling.Filename), NewStem = path::stem(File);
  C.Filename = File.str();
  auto Quoted = [](llvm::StringRef S) { return "\"" + S.str() + "\""; };
  std::vector<std::string> Out;
  for (size_t I = 0; I < Sibling.CommandLine.size(); ++I) {
    llvm::StringRef A = Sibling.CommandLine[I];
    if (I > 0 && (A == Sibling.Filename || (!path::is_absolute(A) && A.ends_with(
                                                 "/" + path::filename(Sibling.Filename).str())))) {
      for (const std::string &D : Defines)
        Out.push_back("-D" + D + "=1");
      Out.push_back(File.str());
      continue;
    }
    if (A == "-o" && I + 1 < Sibling.CommandLine.size()) {
      llvm::SmallString<128> Obj(path::parent_path(Sibling.CommandLine[I + 1]));
      path::append(Obj, NewStem + ".o");
      Out.push_back("-o");
      Out.push_back(std::string(Obj));
      C.Output = std::string(Obj);
      ++I;
      continue;
    }
    // The module's own names, where they are the sibling's file's.
    if (A == "-DKBUILD_BASENAME=" + Quoted(OldStem) || A == "-DKBUILD_MODNAME=" + Quoted(OldStem)) {
      Out.push_back(A.split('=').first.str() + "=" + Quoted(NewStem));
      continue;
    }
    if (A == "-D__KBUILD_MODNAME=kmod_" + OldStem.str()) {
      Out.push_back("-D__KBUILD_MODNAME=kmod_" + NewStem.str());
      continue;
    }
    Out.push_back(A.str());
  }
  C.CommandLine = std::move(Out);
  return C;
}

} // namespace mmapmigrate
