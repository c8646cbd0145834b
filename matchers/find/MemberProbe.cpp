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
    SourceLocation L = SM.getSpellingLoc(M->getMemberLoc());
    if (!SM.isWrittenInMainFile(L))
      return true;
    Out[{SM.getSpellingLineNumber(L), SM.getSpellingColumnNumber(L)}].insert(
        isFileOperations(F->getParent()));
    return true;
  }

private:
  ASTContext &Ctx;
  Seen &Out;
};

class Consumer : public ASTConsumer {
public:
  explicit Consumer(Seen &Out) : Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override { Visitor(Ctx, Out).TraverseAST(Ctx); }

private:
  Seen &Out;
};

class Action : public ASTFrontendAction {
public:
  explicit Action(Seen &Out) : Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    CI.getDiagnostics().setSuppressAllDiagnostics(true);
    return std::make_unique<Consumer>(Out);
  }

private:
  Seen &Out;
};

/// The one command, with \p File for the borrowed source.
class BorrowedDb : public tooling::CompilationDatabase {
public:
  BorrowedDb(tooling::CompileCommand C, std::string File) : C(std::move(C)), File(std::move(File)) {
    for (std::string &A : this->C.CommandLine)
      if (A == this->C.Filename)
        A = this->File;
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
  BorrowedDb DB(Borrowed, File.str());
  tooling::ClangTool Tool(DB, {File.str()});
  configureTool(Tool, Before, After);
  IgnoringDiagConsumer Quiet;
  Tool.setDiagnosticConsumer(&Quiet);
  Seen Found;
  struct Factory : tooling::FrontendActionFactory {
    Seen &Out;
    explicit Factory(Seen &Out) : Out(Out) {}
    std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(Out); }
  } F(Found);
  Tool.run(&F); // Errors expected: what resolved is what counts.
  std::set<MemberPosition> Out;
  for (const MemberPosition &P : Wanted)
    if (auto It = Found.find(P); It != Found.end() && It->second == std::set<bool>{false})
      Out.insert(P);
  return Out;
}

} // namespace mmapmigrate
