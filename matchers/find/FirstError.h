//===- FirstError.h - Keep a TU's first error, print nothing -----*- C++ -*-===//
#ifndef MMAP_MIGRATE_MATCHERS_FIND_FIRSTERROR_H
#define MMAP_MIGRATE_MATCHERS_FIND_FIRSTERROR_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticLex.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <string>
#include <utility>

namespace mmapmigrate {

/// Where \p Info points, as the file's name and its line; empty name when it
/// points nowhere.
inline std::pair<std::string, unsigned> diagnosticPlace(const clang::Diagnostic &Info) {
  if (!Info.hasSourceManager() || Info.getLocation().isInvalid())
    return {"", 0};
  const clang::SourceManager &SM = Info.getSourceManager();
  clang::PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(Info.getLocation()));
  if (PL.isInvalid())
    return {"", 0};
  return {llvm::sys::path::filename(PL.getFilename()).str(), PL.getLine()};
}

/// A diagnostic consumer for tool parses: counts errors and keeps the first
/// one as `file.c:LINE: message` for reports; clang prints nothing.
class FirstError : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Info.getID() == clang::diag::err_pp_file_not_found)
      MissingFile = true;
    if (Level < clang::DiagnosticsEngine::Error || !First.empty())
      return;
    llvm::SmallString<128> Msg;
    Info.FormatDiagnostic(Msg);
    auto [File, Line] = diagnosticPlace(Info);
    First = File.empty() ? std::string(Msg) : File + ":" + std::to_string(Line) + ": " + Msg.str().str();
  }
  std::string First;
  /// An #include named a file that was not there: the result depends on a
  /// file the parse never read, so no cache can tell when it appears.
  bool MissingFile = false;
};

} // namespace mmapmigrate

#endif
