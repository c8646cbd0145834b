//===- Verifier.cpp - Re-parse rewritten TUs before trusting them ---------===//
#include "rewrites/verify/Verifier.h"
#include "matchers/core/ConfigFlip.h"
#include "matchers/core/Parallel.h"
#include "matchers/find/FirstError.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "matchers/find/ToolRunner.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/FileSystem.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

#include <mutex>
#include <set>

namespace mmapmigrate {
namespace {

std::string readText(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

/// The VMA_<name>_BIT names of the vma flag bit enum (include/linux/mm.h,
/// 7.0 and later), the bits and their per-architecture aliases.
bool isVmaBitName(llvm::StringRef Name) {
  static const std::set<llvm::StringRef> Names = {
      "READ", "WRITE", "EXEC", "SHARED", "MAYREAD", "MAYWRITE", "MAYEXEC", "MAYSHARE",
      "GROWSDOWN", "UFFD_MISSING", "MAYOVERLAY", "PFNMAP", "MAYBE_GUARD", "UFFD_WP", "LOCKED",
      "IO", "SEQ_READ", "RAND_READ", "DONTCOPY", "DONTEXPAND", "LOCKONFAULT", "ACCOUNT",
      "NORESERVE", "HUGETLB", "SYNC", "ARCH_1", "WIPEONFORK", "DONTDUMP", "SOFTDIRTY",
      "MIXEDMAP", "HUGEPAGE", "NOHUGEPAGE", "MERGEABLE", "HIGH_ARCH_0", "HIGH_ARCH_1",
      "HIGH_ARCH_2", "HIGH_ARCH_3", "HIGH_ARCH_4", "HIGH_ARCH_5", "HIGH_ARCH_6",
      "ALLOW_ANY_UNCACHED", "DROPPABLE", "UFFD_MINOR", "SEALED", "PKEY_BIT0", "PKEY_BIT1",
      "PKEY_BIT2", "PKEY_BIT3", "PKEY_BIT4", "SHADOW_STACK", "SAO", "GROWSUP", "SPARC_ADI",
      "ARM64_BTI", "ARCH_CLEAR", "MAPPED_COPY", "MTE", "MTE_ALLOWED", "STACK", "STACK_EARLY"};
  return Names.count(Name);
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
  // Only the names 7.0's enum declares: a driver's own VM_ flag or a mask
  // (VM_SPECIAL) has no VMA_*_BIT, and a rewrite naming one must not compile.
  for (const std::string &Bit : BitsUsed)
    if (isVmaBitName(Bit))
      Out += "#define VMA_" + Bit + "_BIT MMAP_MIGRATE_SHIM_BIT(VM_" + Bit + ")\n";
  Out += Text.substr(Endif).str();
  return Out;
}

namespace {

/// What a verification parse says: the first hard error, and the warnings
/// promoted to errors (the ones a rewrite can add), keyed by file name and
/// message so the same warning before the edits matches.
struct VerifyDiagnostics : clang::DiagnosticConsumer {
  std::string Hard;
  std::map<std::string, std::string> Promoted;

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    llvm::SmallString<128> Msg;
    Info.FormatDiagnostic(Msg);
    auto [File, Line] = diagnosticPlace(Info);
    std::string Where = File.empty() ? "" : File + ":" + std::to_string(Line) + ": ";
    bool IsWarning = !clang::DiagnosticIDs::getWarningOptionForDiag(Info.getID()).empty();
    if (IsWarning)
      Promoted.emplace(File + ": " + Msg.str().str(), Where + Msg.str().str());
    else if (Hard.empty())
      Hard = Where + Msg.str().str();
  }
};

/// Byte ranges of the main file the preprocessor skipped.
using SkippedRanges = std::vector<std::pair<unsigned, unsigned>>;

class SkipRecorder : public clang::PPCallbacks {
public:
  SkipRecorder(const clang::SourceManager &SM, SkippedRanges &Out) : SM(SM), Out(Out) {}
  void SourceRangeSkipped(clang::SourceRange R, clang::SourceLocation EndifLoc) override {
    clang::SourceLocation B = R.getBegin(), E = EndifLoc.isValid() ? EndifLoc : R.getEnd();
    if (B.isValid() && E.isValid() && SM.isInMainFile(B) && SM.isInMainFile(E))
      Out.push_back({SM.getFileOffset(B), SM.getFileOffset(E)});
  }

private:
  const clang::SourceManager &SM;
  SkippedRanges &Out;
};

class VerifyAction : public clang::SyntaxOnlyAction {
public:
  explicit VerifyAction(SkippedRanges &Out) : Out(Out) {}
  bool BeginSourceFileAction(clang::CompilerInstance &CI) override {
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<SkipRecorder>(CI.getSourceManager(), Out));
    return true;
  }

private:
  SkippedRanges &Out;
};

struct VerifyActionFactory : clang::tooling::FrontendActionFactory {
  SkippedRanges Skipped;
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<VerifyAction>(Skipped);
  }
};

VerifyDiagnostics parseWith(const clang::tooling::CompilationDatabase &DB,
                            const std::string &Main,
                            const std::vector<std::pair<std::string, std::string>> &Files,
                            const VerifyOptions &Opts, SkippedRanges *Skipped = nullptr,
                            const std::vector<std::pair<std::string, std::string>> &Extra = {}) {
  // This parse's own layer: the buffers point into Files and Extra, nothing
  // is copied.
  auto Layer = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  for (const auto *List : {&Files, &Extra})
    for (const auto &[Path, Text] : *List)
      Layer->addFile(Path, 0, llvm::MemoryBuffer::getMemBuffer(Text, Path, false));
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  Overlay->pushOverlay(Layer);
  clang::tooling::ClangTool Tool(DB, {Main}, std::make_shared<clang::PCHContainerOperations>(),
                                 Overlay);
  configureTool(Tool, Opts.ExtraArgsBefore, Opts.ExtraArgs);
  // Kernel builds use -Werror: what a rewrite can add (a const file handed
  // to a helper, a local left unused, a hook of the wrong type) counts as
  // an error here, and no other warning does.
  Tool.appendArgumentsAdjuster([](const clang::tooling::CommandLineArguments &Args,
                                  llvm::StringRef) {
    clang::tooling::CommandLineArguments Out;
    for (const std::string &A : Args)
      if (A != "-w")
        Out.push_back(A);
    // A call the rewrite adds to a function nothing declares (an API the
    // profile names but the tree and the shim lack) is an error too.
    for (const char *W : {"-Wno-everything", "-Werror=implicit-function-declaration",
                          "-Werror=incompatible-pointer-types",
                          "-Werror=incompatible-pointer-types-discards-qualifiers",
                          "-Werror=unused-variable"})
      Out.push_back(W);
    return Out;
  });
  VerifyDiagnostics D;
  Tool.setDiagnosticConsumer(&D);
  int RC = 1;
  VerifyActionFactory Factory;
  // A compiler crash is a failed verification (so no rewrite), not a dead run.
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { RC = Tool.run(&Factory); })) {
    D.Promoted.clear();
    D.Hard = "the compiler crashed on the rewritten code";
    return D;
  }
  if (Skipped)
    *Skipped = std::move(Factory.Skipped);
  if (RC != 0 && D.Hard.empty() && D.Promoted.empty())
    D.Hard = "the compiler failed";
  return D;
}

unsigned lineOf(llvm::StringRef Text, unsigned Off) {
  return 1 + Text.take_front(Off).count('\n');
}

using CheckFn = llvm::function_ref<std::string(
    const std::string &Main, const VerifyOptions &O,
    const std::vector<std::pair<std::string, std::string>> &Extra, SkippedRanges *Skipped,
    std::string *BeforeHard)>;

/// An edit in a block this configuration skips (the other arm's alias of a
/// renamed handler) is checked in the configuration that compiles it: the
/// block's macro set the other way, after the build's own configuration.
std::string checkOtherConfigurations(const std::string &Main, const SkippedRanges &Skipped,
                                     const std::vector<Edit> &Edits,
                                     const std::map<std::string, std::string> &NewContents,
                                     const VerifyOptions &Opts, CheckFn Check) {
  if (Skipped.empty())
    return "";
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Main, Real))
    Real = Main;
  auto New = NewContents.find(std::string(Real));
  if (New == NewContents.end())
    return "";
  std::vector<const Edit *> Mine;
  for (const Edit &E : Edits)
    if (E.File == New->first)
      Mine.push_back(&E);
  std::sort(Mine.begin(), Mine.end(), [](const Edit *A, const Edit *B) { return *A < *B; });
  // Where each edit's text lies in the new file.
  std::vector<std::pair<unsigned, unsigned>> Placed;
  long Delta = 0;
  for (const Edit *E : Mine) {
    unsigned At = E->Offset + Delta;
    Placed.push_back({At, At + unsigned(E->Text.size())});
    Delta += long(E->Text.size()) - long(E->Length);
  }
  auto Inside = [](const SkippedRanges &Rs, std::pair<unsigned, unsigned> P) {
    for (const auto &R : Rs)
      if (R.first <= P.first && P.second <= R.second)
        return &R;
    return static_cast<const std::pair<unsigned, unsigned> *>(nullptr);
  };
  std::set<std::pair<unsigned, unsigned>> Blocks;
  for (const auto &P : Placed)
    if (const auto *R = Inside(Skipped, P))
      Blocks.insert(*R);
  llvm::StringRef Text = New->second;
  std::string Old = readText(Main);
  std::string File = llvm::sys::path::filename(Main).str();
  for (const auto &[Begin, End] : Blocks) {
    // Messages name the line as the user's file has it, before the edits.
    long Shift = 0;
    for (size_t K = 0; K < Mine.size(); ++K)
      if (Placed[K].second <= Begin)
        Shift += long(Mine[K]->Text.size()) - long(Mine[K]->Length);
    unsigned Line = lineOf(Old, unsigned(long(Begin) - Shift));
    ConfigFlip F = flipFor(Text, Begin);
    if (!F.Why.empty())
      return "an edit is in code this configuration skips (" + File + ":" +
             std::to_string(Line) + "), and " + F.Why;
    std::string FlipPath = Main + ".mmap-migrate-config.h";
    VerifyOptions O = Opts;
    O.ExtraArgs.insert(O.ExtraArgs.end(), {"-include", FlipPath});
    SkippedRanges Now;
    std::string BeforeHard;
    std::string Why = Check(Main, O, {{FlipPath, F.Header}}, &Now, &BeforeHard);
    if (!BeforeHard.empty())
      return "an edit is in code compiled only with " + F.Says + " (" + File + ":" +
             std::to_string(Line) + "), and " + File +
             " does not compile that way here, so that configuration cannot be checked (" +
             BeforeHard + ")";
    if (!Why.empty())
      return "with " + F.Says + ": " + Why;
    for (const auto &P : Placed)
      if (P.first >= Begin && P.second <= End && Inside(Now, P))
        return "an edit in code this configuration skips (" + File + ":" +
               std::to_string(Line) + ") is still skipped with " + F.Says;
  }
  return "";
}

} // namespace

std::map<std::string, std::string>
verifyRewrittenTus(const clang::tooling::CompilationDatabase &DB,
                   const std::vector<std::string> &MainFiles,
                   const std::map<std::string, std::string> &NewContents, const Profile &P,
                   const VerifyOptions &Opts, const std::vector<Edit> *Edits) {
  // The overlay: rewritten files, and the shimmed headers when the tree
  // does not declare the API itself.
  // Shim is the headers alone: the baseline a promoted warning is judged by.
  // The texts, not file systems: each parse builds its own layer, since
  // ClangTool sets the working directory of every layer it is given (a
  // shared one would be written by several threads at once).
  std::vector<std::pair<std::string, std::string>> Memory(NewContents.begin(),
                                                          NewContents.end());
  std::vector<std::pair<std::string, std::string>> Shim;

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
      if (!Shimmed.empty()) {
        Memory.push_back({Path, Shimmed});
        Shim.push_back({Path, Shimmed});
      }
    }
  }

  std::map<std::string, std::string> Failed;
  std::mutex Lock;
  // The first error the edits bring to \p Main under \p O with \p Extra
  // files overlaid, beside the same parse of the original.
  auto Check = [&](const std::string &Main, const VerifyOptions &O,
                   const std::vector<std::pair<std::string, std::string>> &Extra,
                   SkippedRanges *Skipped, std::string *BeforeHard) {
    VerifyDiagnostics After = parseWith(DB, Main, Memory, O, Skipped, Extra);
    std::string Why = After.Hard;
    if (BeforeHard || (Why.empty() && !After.Promoted.empty())) {
      // Only warnings the edits brought count: the file may have had some.
      VerifyDiagnostics Before = parseWith(DB, Main, Shim, O, nullptr, Extra);
      if (BeforeHard)
        *BeforeHard = Before.Hard;
      for (const auto &[Key, Text] : After.Promoted)
        if (Why.empty() && !Before.Promoted.count(Key))
          Why = Text;
    }
    return Why;
  };
  runInParallel(MainFiles.size(), Opts.Jobs, [&](size_t I) {
    SkippedRanges Skipped;
    std::string Why = Check(MainFiles[I], Opts, {}, &Skipped, nullptr);
    if (Why.empty() && Edits)
      Why = checkOtherConfigurations(MainFiles[I], Skipped, *Edits, NewContents, Opts, Check);
    if (!Why.empty()) {
      std::lock_guard<std::mutex> G(Lock);
      Failed[MainFiles[I]] = Why;
    }
  });
  return Failed;
}

} // namespace mmapmigrate
