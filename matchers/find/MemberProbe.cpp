//===- MemberProbe.cpp - Which table an ->mmap in an unbuilt file is ------===//
#include "matchers/find/MemberProbe.h"
#include "matchers/find/TableSources.h"
#include "matchers/find/ToolRunner.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"

#include <map>

using namespace clang;

namespace mmapmigrate {

namespace {

/// Per position of the main file: whether an `mmap` member there is of
/// file_operations (true) or of another struct (false); both may be seen
/// (a macro used twice).
using Seen = std::map<MemberPosition, std::set<bool>>;

class Visitor : public RecursiveASTVisitor<Visitor> {
public:
  Visitor(ASTContext &Ctx, Seen &Out) : Ctx(Ctx), Out(Out) {}

  bool VisitMemberExpr(MemberExpr *M) {
    const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (!F || F->getName() != "mmap")
      return true;
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation Loc = M->getMemberLoc();
    SourceLocation L = SM.getSpellingLoc(Loc);
    if (!SM.isWrittenInMainFile(L))
      return true;
    // A macro's body may expand elsewhere with another struct (in code
    // this configuration skips); a base recovered from errors may be a
    // guess. Neither shows what the member is: mark it file_operations'.
    const RecordDecl *RD = F->getParent();
    while (RD && RD->isAnonymousStructOrUnion())
      RD = dyn_cast<RecordDecl>(RD->getParent());
    bool Unknown = (Loc.isMacroID() && !SM.isMacroArgExpansion(Loc)) ||
                   M->getBase()->containsErrors() || !RD || !RD->getIdentifier();
    Out[{SM.getSpellingLineNumber(L), SM.getSpellingColumnNumber(L)}].insert(
        Unknown || isFileOperations(RD));
    return true;
  }

private:
  ASTContext &Ctx;
  Seen &Out;
};

class Consumer : public ASTConsumer {
public:
  explicit Consumer(Seen &Out, std::string File) : Out(Out), File(std::move(File)) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    // The borrowed command must have parsed this file, not its own.
    const SourceManager &SM = Ctx.getSourceManager();
    auto Main = SM.getFileEntryRefForID(SM.getMainFileID());
    if (!Main || Main->getFileEntry().tryGetRealPathName() != File)
      return;
    Visitor(Ctx, Out).TraverseAST(Ctx);
  }

private:
  Seen &Out;
  std::string File;
};

class Action : public ASTFrontendAction {
public:
  Action(Seen &Out, std::string File) : Out(Out), File(std::move(File)) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    CI.getDiagnostics().setSuppressAllDiagnostics(true);
    return std::make_unique<Consumer>(Out, File);
  }

private:
  Seen &Out;
  std::string File;
};

/// The one command, with \p File for the borrowed source.
class BorrowedDb : public tooling::CompilationDatabase {
public:
  /// The neighbour's input may be spelled otherwise than its Filename (a
  /// build dir's `../drivers/x.c`): every argument naming a C source goes,
  /// and \p File is the one input.
  BorrowedDb(tooling::CompileCommand C, std::string File) : C(std::move(C)), File(std::move(File)) {
    llvm::erase_if(this->C.CommandLine, [](const std::string &A) {
      return A.size() > 2 && A[0] != '-' && llvm::StringRef(A).ends_with(".c");
    });
    this->C.CommandLine.push_back(this->File);
    this->C.Filename = this->File;
  }
  std::vector<tooling::CompileCommand> getCompileCommands(StringRef F) const override {
    if (F != File)
      return {};
    return {C};
  }

private:
  tooling::CompileCommand C;
  std::string File;
};

} // namespace

std::set<MemberPosition> otherTableMmapMembers(const tooling::CompileCommand &Borrowed,
                                               StringRef File,
                                               const std::vector<MemberPosition> &Wanted,
                                               const std::vector<std::string> &Before,
                                               const std::vector<std::string> &After) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(File, Real))
    return {};
  BorrowedDb DB(Borrowed, std::string(Real));
  tooling::ClangTool Tool(DB, {std::string(Real)});
  std::vector<std::string> Quiet = After;
  Quiet.push_back("-fno-spell-checking"); // No guessed names for undeclared ones.
  configureTool(Tool, Before, Quiet);
  IgnoringDiagConsumer Ignore;
  Tool.setDiagnosticConsumer(&Ignore);
  Seen Found;
  struct Factory : tooling::FrontendActionFactory {
    Seen &Out;
    std::string File;
    Factory(Seen &Out, std::string File) : Out(Out), File(std::move(File)) {}
    std::unique_ptr<FrontendAction> create() override {
      return std::make_unique<Action>(Out, File);
    }
  } F(Found, std::string(Real));
  Tool.run(&F); // Errors expected: what resolved is what counts.
  std::set<MemberPosition> Out;
  for (const MemberPosition &P : Wanted)
    if (auto It = Found.find(P); It != Found.end() && It->second == std::set<bool>{false})
      Out.insert(P);
  return Out;
}

} // namespace mmapmigrate
