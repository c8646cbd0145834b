//===- Options.cpp - The command line's subcommands and options -----------===//
#include "tool/cli/Options.h"

using namespace llvm;

namespace mmapmigrate::cli {

cl::SubCommand ScanCmd("scan", "Find and classify every file_operations->mmap "
                               "implementation");
cl::SubCommand RewriteCmd("rewrite", "Port the convertible ->mmap handlers to "
                                     "->mmap_prepare");

cl::SubCommand SeriesCmd("series", "Turn the rewrite into a git format-patch series "
                                   "(on a git checkout)");

cl::SubCommand MergeCmd("merge", "Merge the files of `scan --shard I/N` runs into the census "
                                 "one scan gives (run where the tree is)");

cl::SubCommand LintCmd("lint", "For CI: report the ->mmap users a change adds (exit 0 "
                               "clean, 1 findings, 2 tool error)");

// Listed for --help only: main() hands `check`'s arguments over before
// LLVM's parser could read the compiler's flags as its own.
cl::SubCommand CheckCmd("check", "For kbuild, as sparse: make C=1 CHECK='mmap-migrate check' "
                                 "(the file's notes on stderr; docs/cli.md)");

cl::OptionCategory ScanCat("scan options");

cl::opt<std::string> KernelTree("kernel", cl::desc("Linux source tree to scan (configured "
                                                   "in a cache folder, never written)"),
                                cl::value_desc("TREE"), cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> BuildPath("p", cl::desc("Build dir with compile_commands.json"),
                               cl::value_desc("BUILD_DIR"), cl::sub(ScanCmd),
                               cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::list<std::string> Paths(cl::Positional, cl::desc("[PATH...]"), cl::sub(ScanCmd),
                            cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<std::string> Format("format", cl::desc("Output format: text, json or yaml"),
                            cl::init("text"), cl::sub(ScanCmd), cl::sub(MergeCmd), cl::cat(ScanCat));
cl::opt<std::string> Output("o", cl::desc("Write the report to FILE (atomically)"),
                            cl::value_desc("FILE"), cl::sub(ScanCmd), cl::sub(MergeCmd), cl::cat(ScanCat));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel parses (default: number of cores)"),
                       cl::init(0), cl::Prefix, cl::sub(ScanCmd), cl::sub(MergeCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::list<std::string> ExtraArg("extra-arg", cl::desc("Append a compiler flag"),
                               cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::list<std::string> ExtraArgBefore("extra-arg-before",
                                     cl::desc("Prepend a compiler flag"), cl::sub(ScanCmd),
                                     cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Root("root", cl::desc("Tree root that report paths are relative to"),
                          cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Cache folder for --kernel build dirs and scan results "
                                       "(default: $XDG_CACHE_HOME/mmap-migrate)"),
                              cl::sub(ScanCmd), cl::sub(MergeCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Neither reuse nor store cached scan results (every TU is "
                               "parsed); the --kernel build dir is still reused"),
                      cl::sub(ScanCmd), cl::sub(MergeCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Arch("arch", cl::desc("Kernel ARCH for --kernel (default x86_64), a list A,B,..., or all"),
                          cl::init("x86_64"), cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Config("config", cl::desc("Kernel config target for --kernel"),
                            cl::init("allmodconfig"), cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> Verbose("v", cl::desc("Say what is being done on stderr"), cl::sub(ScanCmd), cl::sub(MergeCmd),
                      cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));

cl::opt<bool> Quiet("q", cl::desc("No progress line on stderr"), cl::sub(ScanCmd), cl::sub(MergeCmd),
                    cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> BorrowFlags(
    "borrow-flags",
    cl::desc("Parse each file no --arch configuration builds with the flags of the nearest file "
             "one does and its Makefile line's CONFIG_ symbols defined (partial: reported, never "
             "rewritten); on with --arch all"),
    cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<bool> ParseAll("parse-all",
                       cl::desc("Parse the files whose text shows only other ops tables too "
                                "(slower; to check the text pass)"),
                       cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<bool> PreprocessSkipped(
    "preprocess-skipped-bodies",
    cl::desc("Skip unwanted header function bodies through the preprocessor, as clang does, "
             "instead of on their text or unexpanded tokens (slower; to check those skips)"),
    cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat), cl::Hidden);
cl::opt<std::string> SarifFile("sarif",
                               cl::desc("Also write the census as SARIF 2.1.0 to FILE "
                                        "(for code scanning; never to stdout)"),
                               cl::value_desc("FILE"), cl::sub(ScanCmd), cl::sub(MergeCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> HtmlFile("html",
                              cl::desc("Also write the census as one self-contained HTML "
                                       "page to FILE (charts, table, links to lines; never to "
                                       "stdout)"),
                              cl::value_desc("FILE"), cl::sub(ScanCmd), cl::sub(MergeCmd), cl::cat(ScanCat));
cl::opt<std::string> HtmlLink("html-link",
                              cl::desc("Where the page's line links point: a URL with {path} "
                                       "(relative to the tree) and {line}, e.g. "
                                       "https://elixir.bootlin.com/linux/v6.12/source/"
                                       "{path}#L{line} (default: file:// URLs)"),
                              cl::value_desc("URL_TEMPLATE"), cl::sub(ScanCmd),
                              cl::cat(ScanCat));
cl::opt<std::string> Shard("shard",
                           cl::desc("Parse only part I of N of the first pass and write its "
                                    "results to -o FILE, for `merge` (a CI matrix)"),
                           cl::value_desc("I/N"), cl::sub(ScanCmd), cl::cat(ScanCat));
cl::list<std::string> ShardFiles(cl::Positional, cl::desc("SHARD.json..."), cl::sub(MergeCmd),
                                 cl::cat(ScanCat));
cl::opt<std::string> DumpCommands("dump-commands",
                                  cl::desc("Write the compile commands of the TUs parsed "
                                           "(compile_commands.json format)"),
                                  cl::value_desc("FILE"), cl::sub(ScanCmd), cl::sub(MergeCmd), cl::cat(ScanCat));

cl::opt<std::string> ProfileName("profile",
                                 cl::desc("Target API: 7.1 (default), 7.0, 6.19, 6.17, "
                                          "rfc-mmap-complete; default: detected from the tree"),
                                 cl::sub(ScanCmd), cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> DryRun("dry-run", cl::desc("Print a unified diff (a/ b/ paths) and change "
                                         "nothing (the default)"),
                     cl::sub(RewriteCmd), cl::cat(ScanCat));
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write the edits as clang-apply-replacements YAML"),
                                 cl::value_desc("FILE"), cl::sub(RewriteCmd), cl::cat(ScanCat));
cl::opt<std::string> RewriteReport("report",
                                   cl::desc("Write what happened to each handler as JSON"),
                                   cl::value_desc("FILE"), cl::sub(RewriteCmd), cl::cat(ScanCat));
cl::opt<bool> InPlace("i", cl::desc("Edit the files in place (one transaction over all of "
                                    "them; refuses files changed since they were parsed)"),
                      cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<unsigned> CommitPauseMs("test-commit-pause-ms",
                                cl::desc("Sleep this long after each step of the in-place "
                                         "commit (for the kill -9 test)"),
                                cl::init(0), cl::sub(RewriteCmd), cl::cat(ScanCat), cl::Hidden);

cl::list<std::string> VerifyArg("verify-arg",
                                cl::desc("Add a compiler flag to the verification re-parse "
                                         "only (e.g. a macro that makes mock headers declare "
                                         "the profile's API)"),
                                cl::sub(RewriteCmd), cl::sub(SeriesCmd), cl::sub(LintCmd), cl::cat(ScanCat));

cl::opt<std::string> SeriesDir("o", cl::desc("Folder for the patch files (new or empty)"),
                               cl::value_desc("DIR"), cl::sub(SeriesCmd), cl::cat(ScanCat));
cl::opt<std::string> Signoff("signoff",
                             cl::desc("Signed-off-by and author of the patches (default: "
                                      "git's user.name and user.email)"),
                             cl::value_desc("NAME <EMAIL>"), cl::sub(SeriesCmd),
                             cl::cat(ScanCat));
cl::opt<std::string> LintBase("base",
                             cl::desc("Lint what the checkout adds since its merge base with "
                                      "REV (without it: a unified diff on stdin)"),
                             cl::value_desc("REV"), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> LintHead("head",
                             cl::desc("The change ends at REV, which must be checked out "
                                      "(default: the working tree)"),
                             cl::value_desc("REV"), cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<bool> AllowEmpty("allow-empty",
                         cl::desc("An empty diff on stdin is an empty change (without it, an "
                                  "empty stdin is an error: the command that made it failed)"),
                         cl::sub(LintCmd), cl::cat(ScanCat));
cl::opt<std::string> Baseline("baseline",
                              cl::desc("Accepted findings: a SARIF log of an earlier lint, "
                                       "or one 'rule path symbol' line each"),
                              cl::value_desc("FILE"), cl::sub(LintCmd), cl::cat(ScanCat));

cl::opt<unsigned> MaxPatches("max-patches",
                             cl::desc("Patches per series; more become several series "
                                      "(default 15, the vger limit)"),
                             cl::init(15), cl::sub(SeriesCmd), cl::cat(ScanCat));

} // namespace mmapmigrate::cli
