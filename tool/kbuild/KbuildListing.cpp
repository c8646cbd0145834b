//===- KbuildListing.cpp - Which directories a kbuild listing visits ------===//

#include "tool/kbuild/KbuildListing.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace mmapmigrate {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

bool mayBuildElsewhere(llvm::StringRef Text) {
  if (Text.contains(".."))
    return true;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.ltrim(" \t");
    L.consume_front("-");
    L.consume_front("s"); // sinclude
    if (L.consume_front("include") && (L.empty() || L[0] == ' ' || L[0] == '\t'))
      return true;
  }
  return false;
}

std::set<std::string> dirsBuildingElsewhere(llvm::StringRef Tree) {
  std::set<std::string> Out;
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Tree, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    llvm::StringRef Name = path::filename(P);
    llvm::StringRef Rel = P.drop_front(Tree.size()).ltrim('/');
    if (It->type() == fs::file_type::directory_file) {
      // Never part of a kernel build.
      if (Name.starts_with(".") || Rel == "tools" || Rel == "Documentation")
        It.no_push();
      continue;
    }
    if (Name != "Makefile" && Name != "Kbuild")
      continue;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf = llvm::MemoryBuffer::getFile(P);
    if (!Buf || mayBuildElsewhere((*Buf)->getBuffer())) {
      llvm::StringRef Dir = path::parent_path(Rel);
      Out.insert(Dir.empty() ? "." : Dir.str());
    }
  }
  return Out;
}

std::set<std::string> dirsToList(llvm::ArrayRef<std::string> Sources,
                                 const std::set<std::string> &Elsewhere) {
  std::set<std::string> Out{"."};
  auto AddWithParents = [&](llvm::StringRef Dir) {
    while (!Dir.empty() && Dir != "." && Out.insert(Dir.str()).second)
      Dir = path::parent_path(Dir);
  };
  for (const std::string &S : Sources)
    AddWithParents(path::parent_path(S));
  for (const std::string &D : Elsewhere)
    AddWithParents(D);
  return Out;
}

bool listingSettles(const std::set<std::string> &Listed, llvm::StringRef Source) {
  if (!Listed.count("."))
    return false;
  for (llvm::StringRef Dir = path::parent_path(Source); !Dir.empty() && Dir != ".";
       Dir = path::parent_path(Dir))
    if (!Listed.count(Dir.str()))
      return false;
  return true;
}

std::string pruningMakeScript(const std::set<std::string> &Dirs, llvm::StringRef RealMake) {
  auto Plain = [](llvm::StringRef S) {
    return !S.empty() && llvm::all_of(S, [](char C) {
      return llvm::isAlnum(C) || llvm::StringRef("_./+,-").contains(C);
    });
  };
  if (!Plain(RealMake) || !llvm::all_of(Dirs, [&](const std::string &D) { return Plain(D); }))
    return "";
  std::string Patterns;
  for (const std::string &D : Dirs)
    Patterns += (Patterns.empty() ? "" : "|") + D + "|" + D + "/";
  return "#!/bin/sh\n"
         "# Written by mmap-migrate for its kbuild listing: descends only into the\n"
         "# directories that can compile the sources asked about.\n"
         "for a do\n"
         "  case $a in\n"
         "  obj=*)\n"
         "    case ${a#obj=} in\n"
         "    " + Patterns + ") ;;\n"
         "    *) exit 0 ;;\n"
         "    esac ;;\n"
         "  esac\n"
         "done\n"
         "exec " + RealMake.str() + " \"$@\"\n";
}

} // namespace mmapmigrate
