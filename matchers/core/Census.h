//===- Census.h - Facts and conclusions about ->mmap users -------*- C++ -*-===//
//
// The data that flows from finding (FopsSiteFinder) through classifying
// (Classifier) to the report emitters in tool/. Plain structs: no AST pointers
// survive a translation unit, so results from many TUs can be merged.
//
//===----------------------------------------------------------------------===//
#ifndef MMAP_MIGRATE_MATCHERS_CORE_CENSUS_H
#define MMAP_MIGRATE_MATCHERS_CORE_CENSUS_H


#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace mmapmigrate {

/// A place in the source, by absolute file path (the expansion location).
struct SourcePos {
  std::string File;
  unsigned Line = 0;
  unsigned Col = 0;

  bool operator<(const SourcePos &O) const {
    return std::tie(File, Line, Col) < std::tie(O.File, O.Line, O.Col);
  }
  bool operator==(const SourcePos &O) const {
    return File == O.File && Line == O.Line && Col == O.Col;
  }
};

/// What kind of ->mmap user a handler is. Ordered from least to most
/// restrictive: a handler's kind is the largest of its findings. A generic
/// wrapper that also sets vm_ops is still a generic wrapper, so pure-setup
/// ranks below it; a reference or allocation that needs the mapping is the
/// more specific story than the stores that go with it, so needs-mapped
/// ranks above changes-state.
enum class Kind {
  GenericDirect,
  PureSetup,
  GenericWrapper,
  RemapPfn,
  InsertPages,
  ChangesState,
  NeedsMapped,
  Dispatch,
  VmaSurgery,
  LockDrop,
  VmaEscapes,
};

/// The stable id of a kind, as used in reports and diagnostics.
const char *kindId(Kind K);
/// One sentence on what handlers of this kind do (docs/report-format.md).
const char *kindDescription(Kind K);
/// All kinds, in the order reports list them.
const std::vector<Kind> &allKinds();
/// The chart colour of a kind (the HTML page).
const char *kindColour(Kind K);
/// The commit-message clause for a converted handler of this kind, a
/// template with {placeholders}; "" when the kind is never converted.
const char *kindCommitSentence(Kind K);

enum class Verdict { Convert, Manual, NotAnalysed };
const char *verdictId(Verdict V);

/// One piece of evidence found in a handler body (or a helper it calls).
struct Finding {
  Kind K = Kind::PureSetup;
  std::string Rule;    ///< Stable rule id, e.g. "remap-pfn-call".
  std::string Message; ///< What a maintainer reads.
  SourcePos Pos;
  /// Rule-specific detail used by the verdict, e.g. the callee name.
  std::string Detail;
  /// True when the finding sits in a loop or in a helper, not straight-line
  /// code of the handler itself.
  bool InLoop = false;
  bool InHelper = false;
  /// For a finding in a helper: the call in the handler's own body that
  /// leads there.
  SourcePos Via;
  /// Set when this finding alone stops an automatic rewrite, whatever the
  /// kind: why (e.g. the vma goes to a helper with no descriptor form).
  std::string Blocks;
  /// A call to an externally visible function with no body in this TU:
  /// its name, for a summary from the file that defines it.
  std::string ExternCallee;
};

/// One statement the effect check claims is harmless in ->mmap_prepare,
/// with the rule that claims it (matchers/classify/EffectRules.h): the evidence a
/// reviewer checks for a converted handler.
struct EffectClaim {
  std::string Rule; ///< Rule id, e.g. "lock-pair".
  std::string Text; ///< What a reviewer reads, with the call chain.
  SourcePos Pos;
  unsigned EndLine = 0; ///< For a span (a lock pair): its last line.
  bool InHelper = false;
};

/// A `struct file_operations` slot that names an ->mmap handler.
struct FopsSite {
  SourcePos Pos;       ///< Where the slot is (expansion location).
  std::string Table;   ///< Variable or expression holding the table.
  std::string Macro;   ///< Outermost macro that built the table, if any.
  std::string Form;    ///< designated, positional, runtime, compound.
  std::string Handler; ///< Function name; empty when NULL or unresolved.
  std::string HandlerKey; ///< Key into Census::Handlers; empty if none.
  bool IsNull = false;
  std::string Unresolved; ///< Why the handler could not be resolved.
  /// Where the slot's value is spelled when a macro wrote it (a fops macro
  /// in a header); empty otherwise. A change to that line changes the slot.
  SourcePos Spelled;
};

/// How the merge tells sites apart (location, table, handler): a slot in a
/// header is found once per TU that includes it. Plans of a slot are keyed
/// the same way.
using SiteKey = std::tuple<SourcePos, std::string, std::string>;
inline SiteKey siteKey(const FopsSite &S) { return {S.Pos, S.Table, S.Handler}; }

/// One ->mmap implementation with what was found in it.
struct MmapHandler {
  std::string Key;  ///< Unique across the tree: name, or file:name if static.
  std::string Name;
  SourcePos Pos;    ///< The definition (or declaration while not yet seen).
  bool HasBody = false;
  bool IsStatic = false;
  bool Partial = false; ///< Its TU had parse errors, or borrowed flags.
  /// Set when Partial for borrowed flags (tool/kbuild/StandIn.h): which, and why.
  std::string PartialWhy;
  std::vector<Finding> Findings;
  /// What the effect check claimed harmless, in source order.
  std::vector<EffectClaim> Claims;
  std::string NotAnalysedReason; ///< Set when no usable body was found.
  /// Where its name appears in code this configuration does not compile
  /// (an inactive #if block), e.g. "line 476 of data.c"; empty if nowhere.
  /// A rename would break that other configuration.
  std::string NamedInInactiveCode;
  /// Set when that mention, the only one, is in the handler's own file and
  /// the rewrite can move it with the rename: a line `#define <Name>
  /// <Target>` (ext2's `#define ext2_file_mmap generic_file_mmap` when
  /// !CONFIG_FS_DAX), or, with InactiveStub, a stub definition `static int
  /// <Name>(struct file *, struct vm_area_struct *) { return -EXXX; }` (hpet
  /// without CONFIG_HPET_MMAP). Offsets of the name, and of what changes
  /// beside it: the #define's target, or the stub's parameter list.
  std::string InactiveAliasTarget;
  bool InactiveStub = false;
  unsigned InactiveAliasOffset = 0, InactiveAliasTargetOffset = 0, InactiveAliasTargetEnd = 0;
  /// Macros of its file whose body names it: a rename changes whatever
  /// uses them.
  std::set<std::string> NamedInMacros;
  /// Blocks of its body this configuration skips (the `#else` of `#ifdef
  /// CONFIG_MMU`): each is analysed and planned by another parse with its
  /// macro set the other way (ConfigFlip.h). Offsets in its file, of the
  /// block's code (its directive lines left out).
  struct SkippedArm {
    unsigned Begin = 0, End = 0, Line = 0;
    std::string Flip, Says, Why; ///< The block's ConfigFlip.
  };
  std::vector<SkippedArm> SkippedArms;
  /// A block of its body compiled here that no other arm replaces, when
  /// leaving it out (as another configuration does) could change what the
  /// rest does: why, with the line. Empty if none.
  std::string UndroppableBlock;
  /// What the rewrite under Census::Profile decided, once it has (set after
  /// the merge): the verdict follows it, so the census says what the
  /// rewrite does.
  struct PlannerDecision {
    bool Converts = false;
    std::string Refusal; ///< Why not, when it does not.
  };
  std::optional<PlannerDecision> Planner;
};

/// A slot in another ops table with an mmap member (v4l2, proto_ops, ...).
struct OtherTableSite {
  std::string Type;  ///< e.g. "struct proto_ops".
  std::string Field; ///< e.g. "mmap", "proc_mmap".
  SourcePos Pos;
  std::string Handler;
  std::string Table;
};

/// What a use of file_operations->mmap does with the member.
enum class MmapUseKind : unsigned {
  Test,       ///< Only its truth value: what can_mmap_file() asks.
  Call,       ///< Called: what vfs_mmap() does.
  Printed,    ///< A variadic argument of a printf-format function (%ps).
  Other,      ///< Anything else (a copy of the pointer, a comparison).
  LegacyCall, ///< call_mmap(f, vma): the dispatcher before 6.17's vfs_mmap().
  TableTest,  ///< Tested on a table that is no file's f_op (debugfs's real_fops).
};

/// Where the table a use of file_operations->mmap reads comes from.
enum class TableSource : unsigned {
  FileOp,  ///< A file's f_op (or call_mmap()'s file): any file's table.
  Field,   ///< A field of another struct (`driver->fops`): what is stored there.
  Named,   ///< A table read by name (`foo_fops.mmap`).
  Param,   ///< A function's parameter: what its callers pass (TableFlow.h).
  Unknown, ///< A variable, a call's result: any table.
};

/// Code that reads file_operations->mmap itself (`if (!f->f_op->mmap)`,
/// `f->f_op->mmap(f, vma)`) instead of going through the core's helpers,
/// which know about ->mmap_prepare too, and calls of call_mmap(), which
/// 6.17 renamed vfs_mmap(). Assignments are slots, not uses.
struct MmapMemberUse {
  SourcePos Pos;        ///< The `mmap` member token or the callee (expansion location).
  std::string Function; ///< Enclosing function; empty at file scope.
  MmapUseKind Kind = MmapUseKind::Other;
  TableSource From = TableSource::FileOp;
  /// The field ("struct drm_driver::fops"), the parameter ("f()#2") or the
  /// table.
  std::string FromName;
  /// The tables of other uses at this position (one macro expansion reads
  /// `fops->NAME` and `defaults.NAME`), merged into this one.
  struct Read {
    TableSource From = TableSource::FileOp;
    std::string Name;
  };
  std::vector<Read> AlsoFrom;
  /// This use's table and those merged into it.
  std::vector<Read> reads() const {
    std::vector<Read> R{{From, FromName}};
    R.insert(R.end(), AlsoFrom.begin(), AlsoFrom.end());
    return R;
  }
  bool readsOnly(TableSource S) const {
    for (const Read &R : reads())
      if (R.From != S)
        return false;
    return true;
  }

  /// Read f_op->mmap itself (not a call of the dispatcher).
  bool readsSlot() const { return Kind != MmapUseKind::LegacyCall; }
  /// Only its truth value, on a file or on a table: the tests that are
  /// rewritten together.
  bool isTest() const { return Kind == MmapUseKind::Test || Kind == MmapUseKind::TableTest; }
};

/// A write of a table into a place a use of ->mmap may read it from
/// (TableFlow.h names the places): `.fops = &foo_fops` in a struct
/// drm_driver, `cfg->fops = foo_fops` into a table held by value, an
/// argument passed for a `struct file_operations *` parameter.
struct FopsFieldStore {
  std::string Field; ///< The place: "struct drm_driver::fops", "f()#2".
  std::string Table; ///< The table stored; with From empty too: anything else.
  /// Or another place, whose tables are stored ("struct ops::get_fd()#2":
  /// what calls through that member pass, for a function stored there).
  std::string From;
  /// A function other files may call: its callers are all seen only on a
  /// run over the whole tree or build.
  bool External = false;
  SourcePos Pos;
  bool operator<(const FopsFieldStore &O) const {
    return std::tie(Field, Table, From, External, Pos) <
           std::tie(O.Field, O.Table, O.From, O.External, O.Pos);
  }
};

/// A file or slot that could not be analysed, with the reason.
struct NotAnalysed {
  std::string File;
  unsigned Line = 0; ///< 0: the whole file; else a part of it (a block).
  std::string Reason;
};

/// The reason of a NotAnalysed that is a call of f_op->mmap (or
/// call_mmap()) in a preprocessor block inactive in the configuration.
inline constexpr const char *InactiveHookCallReason =
    "a call of the slot (f_op->mmap or call_mmap()) is in a preprocessor block "
    "that is inactive in this configuration";
/// The same for a use of the ->mmap of a table that is no file's f_op (of
/// any struct, as text cannot tell): it may also call the slot.
inline constexpr const char *InactiveTableUseReason =
    "the ->mmap of a table that is no file's f_op is used in a preprocessor block "
    "that is inactive in this configuration";

/// What the effect check found in an externally visible function that a
/// handler in another file calls (its body is in this TU): the findings, or
/// none when every statement is claimed. Computed with no parameter bound
/// to the caller's stack, so a store through a parameter is a finding.
struct FunctionSummary {
  std::string Name;
  SourcePos Pos;                 ///< The definition.
  std::vector<Finding> Findings; ///< Unclaimed effects (and vma findings).
  bool Partial = false;          ///< Its TU had errors, or borrowed flags.
  bool BorrowedFlags = false;    ///< Partial for the second reason.
};

/// Everything one translation unit contributed.
struct TuResult {
  std::string MainFile;
  bool Parsed = false;     ///< An AST was built.
  bool HadErrors = false;  ///< Clang reported errors (results are partial).
  /// Not parsed: the text alone showed only other ops tables, listed here.
  bool ReadAsText = false;
  std::string FirstError;  ///< First error message, for the report.
  /// An #include was not found: never cached (FirstError::MissingFile).
  bool MissingInclude = false;
  bool Crashed = false; ///< The compiler crashed: nothing from it, never cached.
  std::vector<FopsSite> Sites;
  std::vector<MmapHandler> Handlers; ///< Keyed like the census.
  std::vector<OtherTableSite> OtherTables;
  std::vector<NotAnalysed> Skipped; ///< e.g. slots in inactive #if blocks.
  std::vector<MmapMemberUse> MmapUses;
  std::vector<FopsFieldStore> FieldStores;
  /// Summaries of functions handlers of other TUs call (WantedSummaries).
  std::vector<FunctionSummary> Summaries;
  /// While parsing only: what the preprocessor skipped (file id raw value,
  /// begin and end offsets), and names used in main-file macro bodies.
  std::vector<std::tuple<clang::FileID, unsigned, unsigned>> SkippedRanges;
  /// Identifier -> the main-file macros whose body uses it.
  std::map<std::string, std::set<std::string>> MacroBodyNames;
  /// Every file the TU read (absolute path) with an xxh3 hash of the text
  /// parsed: what a cached result depends on. Filled only on request
  /// (TuScanOptions::RecordFilesRead).
  std::vector<std::pair<std::string, uint64_t>> FilesRead;
};

/// Where each file the scan was asked for went: Asked is the sum of the
/// next four.
struct InputCounts {
  unsigned Asked = 0;        ///< The files under the PATHs (all, without PATHs).
  unsigned Parsed = 0;       ///< Parsed in the first pass.
  /// Of Parsed, files no configuration builds alone, parsed inside the .c
  /// file of their directory that #includes them.
  unsigned ThroughIncluder = 0;
  /// Of Parsed, files no configuration builds, parsed with the flags of a
  /// file of their directory that one does (partial, never rewritten).
  unsigned BorrowedFlags = 0;
  unsigned ReadAsText = 0;   ///< Settled by the text: other ops tables only.
  unsigned NoMmapMember = 0; ///< The text shows no mmap member and no fops macro.
  unsigned NotAnalysed = 0;  ///< Not read, not source text, not built (NotAnalysedList says why).
  /// Not asked for: parsed for the handlers and functions the others name.
  unsigned AlsoParsed = 0;
  unsigned UnlistedDirs = 0; ///< Directories that could not be listed (in NotAnalysedList).
};

/// The merged, deterministic result of a scan.
struct Census {
  std::map<std::string, MmapHandler> Handlers; ///< By key.
  std::vector<FopsSite> Sites;                 ///< Sorted, deduplicated.
  std::vector<OtherTableSite> OtherTables;     ///< Sorted, deduplicated.
  std::vector<NotAnalysed> NotAnalysedList;    ///< Sorted.
  std::vector<MmapMemberUse> MmapUses;         ///< Sorted, deduplicated.
  std::vector<FopsFieldStore> FieldStores;     ///< Sorted, deduplicated.
  /// Main files of the TUs parsed without errors: the stores the census
  /// holds are all those of these files.
  std::set<std::string> CleanTus;
  unsigned TusParsed = 0;
  unsigned TusFailed = 0;
  unsigned FilesReadAsText = 0; ///< Settled by the text pass, not parsed.
  InputCounts Inputs;           ///< Set by the scan, after the merge.
  /// The profile whose rewrite decided the verdicts (MmapHandler::Planner);
  /// empty when no planner ran.
  std::string Profile;
};

} // namespace mmapmigrate

#endif
