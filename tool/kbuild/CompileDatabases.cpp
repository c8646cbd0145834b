//===- CompileDatabases.cpp - Compile databases: loaded, listed, cleaned ----===//
#include "tool/kbuild/KbuildDetail.h"

#include "tool/support/JsonNesting.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace mmapmigrate {

using namespace kbuild;

namespace {

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

} // namespace

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

} // namespace mmapmigrate
