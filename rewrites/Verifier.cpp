//===- Verifier.cpp - Re-parse rewritten TUs before trusting them ---------===//
#include "rewrites/Verifier.h"
#include "matchers/FirstError.h"
#include "matchers/ToolRunner.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <mutex>
#include <set>

namespace mmapmigrate {
namespace {

std::string readText(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

std::string shimText() {
  return readText(defaultProfileDir() + "/../shims/mmap_prepare_shim.h");
}

} // namespace

std::string shimmedHeader(llvm::StringRef Text, llvm::StringRef Which, const Profile &P,
                          const std::vector<std::string> &BitsUsed) {
  if (Which == "fs.h") {
    size_t Struct = Text.find("struct file_operations {");
    if (Struct == llvm::StringRef::npos)
      return "";
    static const llvm::Regex Slot("\n[ \t]*int \\(\\*mmap\\) ?\\([^)]*\\);[^\n]*\n");
    llvm::SmallVector<llvm::StringRef, 1> M;
    llvm::StringRef After = Text.substr(Struct);
    if (!Slot.match(After, &M))
      return "";
    size_t End = Struct + (M[0].data() - After.data()) + M[0].size();
    // The generic helpers live next to generic_file_mmap(), in fs.h.
    std::string Out = Text.take_front(Struct).str() + "struct vm_area_desc;\n";
    for (const auto &[Old, New] : P.Helpers)
      if (llvm::StringRef(Old).starts_with("generic_file_"))
        Out += "int " + llvm::StringRef(New).split('(').first.str() +
               "(struct vm_area_desc *desc);\n";
    Out += Text.slice(Struct, End).str();
    Out += "\tint (*" + P.Slot + ")(struct vm_area_desc *);\n";
    if (P.HasMmapComplete)
      Out += "\tint (*" + P.Complete.Slot +
             ")(struct file *, struct vm_area_struct *, const void *);\n";
    Out += Text.substr(End).str();
    return Out;
  }
  // mm.h: the shim goes in front of the header guard's #endif.
  size_t Endif = Text.rfind("#endif");
  std::string Shim = shimText();
  if (Endif == llvm::StringRef::npos || Shim.empty())
    return "";
  std::string Macro = "MMAP_MIGRATE_SHIM_" + P.Name;
  for (char &C : Macro)
    C = llvm::isAlnum(C) ? llvm::toUpper(C) : '_';
  std::string Out = Text.take_front(Endif).str();
  // 7.1's vm_ops->mapped is a member: it goes inside the struct itself.
  if (P.HasMappedHook) {
    size_t Ops = Out.find("struct vm_operations_struct {");
    if (Ops == std::string::npos)
      return "";
    size_t Brace = Out.find('{', Ops) + 1;
    Out.insert(Brace, "\n\tint (*" + P.Mapped.Member +
                          ")(unsigned long start, unsigned long end, pgoff_t pgoff,"
                          " const struct file *file, void **vm_private_data);");
  }
  Out += "\n#define " + Macro + " 1\n" + Shim + "\n";
  for (const std::string &Bit : BitsUsed)
    Out += "#define VMA_" + Bit + "_BIT MMAP_MIGRATE_SHIM_BIT(VM_" + Bit + ")\n";
  Out += Text.substr(Endif).str();
  return Out;
}

std::map<std::string, std::string>
verifyRewrittenTus(const clang::tooling::CompilationDatabase &DB,
                   const std::vector<std::string> &MainFiles,
                   const std::map<std::string, std::string> &NewContents, const Profile &P,
                   const VerifyOptions &Opts) {
  // The overlay: rewritten files, and the shimmed headers when the tree
  // does not declare the API itself.
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto &[Path, Text] : NewContents)
    Memory->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));

  std::string MmTypes = readText(Opts.TreeRoot + "/include/linux/mm_types.h");
  bool TreeHasApi = MmTypes.find("struct vm_area_desc {") != std::string::npos;
  if (!TreeHasApi) {
    std::set<std::string> Bits;
    static const llvm::Regex Bit("VMA_([A-Z0-9_]+)_BIT");
    for (const auto &[Path, Text] : NewContents) {
      llvm::StringRef Rest = Text;
      llvm::SmallVector<llvm::StringRef, 2> M;
      while (Bit.match(Rest, &M)) {
        Bits.insert(M[1].str());
        Rest = Rest.drop_front(M[0].data() - Rest.data() + M[0].size());
      }
    }
    std::vector<std::string> BitList(Bits.begin(), Bits.end());
    for (const char *H : {"mm.h", "fs.h"}) {
      std::string Path = Opts.TreeRoot + "/include/linux/" + H;
      std::string Shimmed = shimmedHeader(readText(Path), H, P, BitList);
      if (!Shimmed.empty())
        Memory->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Shimmed, Path));
    }
  }

  std::map<std::string, std::string> Failed;
  std::mutex Lock;
  runInParallel(MainFiles.size(), Opts.Jobs, [&](size_t I) {
    auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
        llvm::vfs::createPhysicalFileSystem());
    Overlay->pushOverlay(Memory);
    clang::tooling::ClangTool Tool(DB, {MainFiles[I]},
                                   std::make_shared<clang::PCHContainerOperations>(), Overlay);
    configureTool(Tool, Opts.ExtraArgsBefore, Opts.ExtraArgs);
    FirstError Errors;
    Tool.setDiagnosticConsumer(&Errors);
    int RC = Tool.run(
        clang::tooling::newFrontendActionFactory<clang::SyntaxOnlyAction>().get());
    if (RC != 0 || Errors.getNumErrors()) {
      std::lock_guard<std::mutex> G(Lock);
      Failed[MainFiles[I]] = Errors.First.empty() ? "the compiler failed" : Errors.First;
    }
  });
  return Failed;
}

} // namespace mmapmigrate
