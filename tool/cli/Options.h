//===- Options.h - The command line's subcommands and options ----*- C++ -*-===//
//
// Every option is defined in Options.cpp, in one translation unit: an
// option names its subcommands, and objects of different TUs have no
// defined order of construction.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_TOOL_CLI_OPTIONS_H
#define MMAP_MIGRATE_TOOL_CLI_OPTIONS_H

#include "llvm/Support/CommandLine.h"

#include <string>

namespace mmapmigrate::cli {

extern llvm::cl::SubCommand ScanCmd;
extern llvm::cl::SubCommand RewriteCmd;
extern llvm::cl::SubCommand SeriesCmd;
extern llvm::cl::SubCommand LintCmd;
extern llvm::cl::SubCommand MergeCmd;
extern llvm::cl::OptionCategory ScanCat;
extern llvm::cl::opt<std::string> KernelTree;
extern llvm::cl::opt<std::string> BuildPath;
extern llvm::cl::list<std::string> Paths;
extern llvm::cl::opt<std::string> Format;
extern llvm::cl::opt<std::string> Output;
extern llvm::cl::opt<unsigned> Jobs;
extern llvm::cl::list<std::string> ExtraArg;
extern llvm::cl::list<std::string> ExtraArgBefore;
extern llvm::cl::opt<std::string> Root;
extern llvm::cl::opt<std::string> CacheDir;
extern llvm::cl::opt<bool> NoCache;
extern llvm::cl::opt<std::string> Arch;
extern llvm::cl::opt<std::string> Config;
extern llvm::cl::opt<bool> Verbose;
extern llvm::cl::opt<bool> Quiet;
extern llvm::cl::opt<bool> ParseAll;
extern llvm::cl::opt<bool> BorrowFlags;
extern llvm::cl::opt<bool> PreprocessSkipped;
extern llvm::cl::opt<std::string> SarifFile;
extern llvm::cl::opt<std::string> HtmlFile;
extern llvm::cl::opt<std::string> HtmlLink;
extern llvm::cl::opt<std::string> DumpCommands;
extern llvm::cl::opt<std::string> Shard;
extern llvm::cl::list<std::string> ShardFiles;
extern llvm::cl::opt<std::string> ProfileName;
extern llvm::cl::opt<bool> DryRun;
extern llvm::cl::opt<std::string> ExportFixes;
extern llvm::cl::opt<std::string> RewriteReport;
extern llvm::cl::opt<bool> InPlace;
extern llvm::cl::opt<unsigned> CommitPauseMs;
extern llvm::cl::list<std::string> VerifyArg;
extern llvm::cl::opt<std::string> SeriesDir;
extern llvm::cl::opt<std::string> Signoff;
extern llvm::cl::opt<std::string> LintBase;
extern llvm::cl::opt<std::string> LintHead;
extern llvm::cl::opt<std::string> Baseline;
extern llvm::cl::opt<bool> AllowEmpty;
extern llvm::cl::opt<unsigned> MaxPatches;

} // namespace mmapmigrate::cli

#endif
