//===- Report.cpp - The census as text, JSON or YAML ----------------------===//
#include "tool/report/Report.h"
#include "tool/report/CoreUsesReport.h"
#include "matchers/core/SourceText.h"
#include "matchers/classify/Classifier.h"
#include "tool/driver/RewriteDriver.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

namespace mmapmigrate {

std::string notAnalysedWhere(const NotAnalysed &N, llvm::StringRef Cwd) {
  std::string File = relativePath(N.File, Cwd);
  return N.Line ? llvm::formatv("{0}:{1}:1", File, N.Line).str() : File;
}

CensusTotals censusTotals(const Census &C, const std::vector<ClassifiedHandler> &All) {
  CensusTotals T;
  // Every slot counts as a site; NULL and unresolved ones are also counted
  // apart.
  for (const FopsSite &S : C.Sites) {
    ++T.Sites;
    if (S.Handler.empty())
      ++T.NullSites;
  }
  for (const ClassifiedHandler &CH : All) {
    ++T.ByVerdict[CH.C.V];
    if (CH.C.K) {
      ++T.ByKind[*CH.C.K];
      if (CH.C.V == Verdict::Convert)
        ++T.ConvertByKind[*CH.C.K];
    }
  }
  return T;
}

namespace {

llvm::json::Value orNull(const std::string &S) {
  if (S.empty())
    return nullptr;
  return S;
}

void emitYaml(YAML::Emitter &E, const llvm::json::Value &V) {
  switch (V.kind()) {
  case llvm::json::Value::Null:
    E << YAML::Null;
    break;
  case llvm::json::Value::Boolean:
    E << *V.getAsBoolean();
    break;
  case llvm::json::Value::Number:
    if (auto I = V.getAsInteger())
      E << *I;
    else
      E << *V.getAsNumber();
    break;
  case llvm::json::Value::String:
    E << YAML::DoubleQuoted << V.getAsString()->str();
    break;
  case llvm::json::Value::Array:
    E << YAML::BeginSeq;
    for (const llvm::json::Value &X : *V.getAsArray())
      emitYaml(E, X);
    E << YAML::EndSeq;
    break;
  case llvm::json::Value::Object: {
    // llvm::json::Object is unordered; print keys sorted for stable output.
    const llvm::json::Object &O = *V.getAsObject();
    std::vector<std::string> Keys;
    for (const auto &KV : O)
      Keys.push_back(KV.first.str());
    std::sort(Keys.begin(), Keys.end());
    E << YAML::BeginMap;
    for (const std::string &K : Keys) {
      E << YAML::Key << K << YAML::Value;
      emitYaml(E, *O.get(K));
    }
    E << YAML::EndMap;
    break;
  }
  }
}

llvm::json::Value inputCountsToJson(const InputCounts &In) {
  return llvm::json::Object{{"asked", In.Asked},
                            {"parsed", In.Parsed},
                            {"parsed_through_includer", In.ThroughIncluder},
                            {"parsed_with_borrowed_flags", In.BorrowedFlags},
                            {"read_as_text", In.ReadAsText},
                            {"no_mmap_member", In.NoMmapMember},
                            {"not_analysed", In.NotAnalysed},
                            {"also_parsed", In.AlsoParsed},
                            {"unlisted_directories", In.UnlistedDirs}};
}

} // namespace

llvm::json::Value censusToJson(const Census &C, llvm::StringRef Root) {
  std::vector<ClassifiedHandler> All = classifyAll(C);
  CensusTotals T = censusTotals(C, All);

  llvm::json::Object ByKind, ByVerdict;
  for (Kind K : allKinds())
    ByKind[kindId(K)] = T.ByKind[K];
  for (Verdict V : {Verdict::Convert, Verdict::Manual, Verdict::NotAnalysed})
    ByVerdict[verdictId(V)] = T.ByVerdict[V];

  llvm::json::Array Handlers;
  for (const ClassifiedHandler &CH : All) {
    const MmapHandler &H = *CH.H;
    llvm::json::Array Kinds, Reasons, Sites;
    for (Kind K : CH.C.Kinds)
      Kinds.push_back(kindId(K));
    for (const Finding &F : H.Findings)
      Reasons.push_back(llvm::json::Object{{"rule", F.Rule},
                                           {"kind", kindId(F.K)},
                                           {"message", F.Message},
                                           {"file", relativePath(F.Pos.File, Root)},
                                           {"line", F.Pos.Line},
                                           {"column", F.Pos.Col}});
    // The effect ledger: what was claimed harmless, and what was not.
    llvm::json::Array Effects;
    for (const EffectClaim &Cl : H.Claims) {
      llvm::json::Object E{{"rule", Cl.Rule},
                           {"harmless", true},
                           {"message", Cl.Text},
                           {"file", relativePath(Cl.Pos.File, Root)},
                           {"line", Cl.Pos.Line}};
      if (Cl.EndLine)
        E["end_line"] = Cl.EndLine;
      Effects.push_back(std::move(E));
    }
    for (const Finding &F : H.Findings)
      if (F.K == Kind::ChangesState)
        Effects.push_back(llvm::json::Object{{"rule", F.Rule},
                                             {"harmless", false},
                                             {"message", F.Message},
                                             {"file", relativePath(F.Pos.File, Root)},
                                             {"line", F.Pos.Line}});
    for (const FopsSite *S : CH.Sites)
      Sites.push_back(llvm::json::Object{{"file", relativePath(S->Pos.File, Root)},
                                         {"line", S->Pos.Line},
                                         {"column", S->Pos.Col},
                                         {"table", S->Table},
                                         {"macro", orNull(S->Macro)},
                                         {"form", S->Form}});
    Handlers.push_back(llvm::json::Object{
        {"name", H.Name},
        {"file", relativePath(H.Pos.File, Root)},
        {"line", H.Pos.Line},
        {"column", H.Pos.Col},
        {"static", H.IsStatic},
        {"kind", CH.C.K ? llvm::json::Value(kindId(*CH.C.K)) : llvm::json::Value(nullptr)},
        {"kinds", std::move(Kinds)},
        {"verdict", verdictId(CH.C.V)},
        {"blocker", orNull(CH.C.Blocker)},
        {"partial", H.Partial},
        {"partial_why", orNull(H.PartialWhy)},
        {"reasons", std::move(Reasons)},
        {"effects", std::move(Effects)},
        {"sites", std::move(Sites)}});
  }

  llvm::json::Array NullSites, Other, NotAnalysedArr;
  for (const FopsSite &S : C.Sites)
    if (S.Handler.empty())
      NullSites.push_back(llvm::json::Object{{"file", relativePath(S.Pos.File, Root)},
                                             {"line", S.Pos.Line},
                                             {"table", S.Table},
                                             {"macro", orNull(S.Macro)},
                                             {"null", S.IsNull},
                                             {"reason", orNull(S.Unresolved)}});
  for (const OtherTableSite &O : C.OtherTables)
    Other.push_back(llvm::json::Object{{"type", O.Type},
                                       {"field", O.Field},
                                       {"file", relativePath(O.Pos.File, Root)},
                                       {"line", O.Pos.Line},
                                       {"table", O.Table},
                                       {"handler", O.Handler}});
  for (const NotAnalysed &N : C.NotAnalysedList)
    NotAnalysedArr.push_back(llvm::json::Object{
        {"file", relativePath(N.File, Root)},
        {"line", N.Line ? llvm::json::Value(N.Line) : llvm::json::Value(nullptr)},
        {"reason", N.Reason}});

  return llvm::json::Object{
      {"tool", "mmap-migrate"},
      {"version", MMAP_MIGRATE_VERSION},
      {"tree", Root},
      {"profile", C.Profile.empty() ? llvm::json::Value(nullptr) : llvm::json::Value(C.Profile)},
      {"summary", llvm::json::Object{{"sites", T.Sites},
                                     {"null_sites", T.NullSites},
                                     {"handlers", All.size()},
                                     {"by_kind", std::move(ByKind)},
                                     {"by_verdict", std::move(ByVerdict)},
                                     {"tus_parsed", C.TusParsed},
                                     {"tus_failed", C.TusFailed},
                                     {"files_read_as_text", C.FilesReadAsText},
                                     {"files", inputCountsToJson(C.Inputs)}}},
      {"handlers", std::move(Handlers)},
      {"null_sites", std::move(NullSites)},
      {"other_tables", std::move(Other)},
      {"not_analysed", std::move(NotAnalysedArr)}};
}

std::string jsonToYaml(const llvm::json::Value &V) {
  YAML::Emitter E;
  emitYaml(E, V);
  return std::string(E.c_str()) + "\n";
}

void printTextReport(const Census &C, llvm::StringRef Cwd, llvm::raw_ostream &OS) {
  std::vector<ClassifiedHandler> All = classifyAll(C);
  CensusTotals T = censusTotals(C, All);
  OS << "summary: " << T.Sites << " sites, " << All.size() << " handlers, "
     << T.ByVerdict[Verdict::Convert] << " convert, " << T.ByVerdict[Verdict::Manual]
     << " manual, " << T.ByVerdict[Verdict::NotAnalysed] << " not-analysed, "
     << C.TusParsed << " TUs parsed, " << C.TusFailed << " failed";
  if (C.FilesReadAsText)
    OS << ", " << C.FilesReadAsText << " files with only other ops tables read as text";
  OS << "\n";
  const InputCounts &In = C.Inputs;
  OS << "files: " << In.Asked << " asked for = " << In.Parsed << " parsed";
  if (In.ThroughIncluder)
    OS << " (" << In.ThroughIncluder << " inside the .c file that #includes it)";
  if (In.BorrowedFlags)
    OS << " (" << In.BorrowedFlags
       << " that no configuration builds, with a built neighbour's flags: partial)";
  OS << " + " << In.ReadAsText
     << " read as text + " << In.NoMmapMember << " with no mmap member + " << In.NotAnalysed
     << " not analysed";
  if (In.AlsoParsed)
    OS << "; " << In.AlsoParsed << " more parsed for the handlers and functions they name";
  if (In.UnlistedDirs)
    OS << "; " << In.UnlistedDirs << (In.UnlistedDirs == 1 ? " directory" : " directories")
       << " could not be listed";
  OS << "\n";

  OS << llvm::formatv("{0,-16} {1,8} {2,8} {3,8}\n", "kind", "handlers", "convert", "manual");
  for (Kind K : allKinds())
    OS << llvm::formatv("{0,-16} {1,8} {2,8} {3,8}\n", kindId(K), T.ByKind[K],
                        T.ConvertByKind[K], T.ByKind[K] - T.ConvertByKind[K]);
  OS << llvm::formatv("{0,-16} {1,8}\n", "not-analysed", T.ByVerdict[Verdict::NotAnalysed]);
  OS << llvm::formatv("{0,-16} {1,8}\n", "null-slots", T.NullSites);
  OS << llvm::formatv("{0,-16} {1,8}\n", "other-tables", C.OtherTables.size());
  printCensusNotes(C, All, Cwd, OS);
}

void printCensusNotes(const Census &C, llvm::StringRef Cwd, llvm::raw_ostream &OS) {
  printCensusNotes(C, classifyAll(C), Cwd, OS);
}

void printCensusNotes(const Census &C, const std::vector<ClassifiedHandler> &All,
                      llvm::StringRef Cwd, llvm::raw_ostream &OS) {
  auto Where = [&](const SourcePos &P) {
    return llvm::formatv("{0}:{1}:{2}", relativePath(P.File, Cwd), P.Line, P.Col).str();
  };
  for (const ClassifiedHandler &CH : All) {
    const MmapHandler &H = *CH.H;
    if (CH.C.K)
      OS << Where(H.Pos) << ": note: ->mmap handler '" << H.Name << "' is "
         << kindId(*CH.C.K) << ", verdict " << verdictId(CH.C.V) << " [mmap-migrate-"
         << kindId(*CH.C.K) << "]\n";
    else
      OS << Where(H.Pos) << ": note: ->mmap handler '" << H.Name
         << "' is unknown, verdict not-analysed [mmap-migrate-not-analysed]\n";
    if (!CH.C.Blocker.empty())
      OS << Where(H.Pos) << ": note: " << (CH.C.K ? "left for a human: " : "not analysed: ")
         << CH.C.Blocker << " [mmap-migrate-verdict]\n";
    for (const Finding &F : H.Findings)
      OS << Where(F.Pos) << ": note: " << F.Message << " [mmap-migrate-" << kindId(F.K)
         << "]\n";
    // For a handler that converts, what made it safe: the claims, with lines.
    if (CH.C.V == Verdict::Convert)
      for (const EffectClaim &Cl : H.Claims)
        if (Cl.Rule != "local-write")
          OS << Where(Cl.Pos) << ": note: harmless in prepare: " << Cl.Text
             << (Cl.EndLine && Cl.EndLine != Cl.Pos.Line
                     ? " (to line " + std::to_string(Cl.EndLine) + ")"
                     : "")
             << " [mmap-migrate-claim-" << Cl.Rule << "]\n";
    for (const FopsSite *S : CH.Sites)
      OS << Where(S->Pos) << ": note: '" << S->Table << "' sets ->mmap to '" << H.Name << "'"
         << (S->Macro.empty() ? "" : " (macro " + S->Macro + ")") << " [mmap-migrate-site]\n";
  }
  for (const FopsSite &S : C.Sites)
    if (S.Handler.empty() && S.IsNull)
      OS << Where(S.Pos) << ": note: '" << S.Table << "' sets ->mmap to NULL"
         << (S.Macro.empty() ? "" : " (macro " + S.Macro + ")") << " [mmap-migrate-site]\n";
  for (const OtherTableSite &O : C.OtherTables)
    OS << Where(O.Pos) << ": note: " << O.Type << "." << O.Field << " = '" << O.Handler
       << "' is not a file_operations ->mmap [mmap-migrate-other-table]\n";
  for (const NotAnalysed &N : C.NotAnalysedList)
    OS << notAnalysedWhere(N, Cwd) << ": warning: " << N.Reason
       << " [mmap-migrate-not-analysed]\n";
}

llvm::json::Value rewriteToJson(const RewritePlan &Plan, const Profile &P) {
  llvm::json::Array Handlers;
  unsigned Rewritten = 0, Refused = 0, Slots = 0;
  std::set<std::string> Files;
  for (const Edit &E : Plan.Edits)
    Files.insert(E.File);
  for (const HandlerOutcome &O : Plan.Outcomes) {
    if (!O.tried())
      continue; // Manual in the census: the scan report says why.
    (O.Converted ? Rewritten : Refused)++;
    Slots += O.Converted ? O.Sites : 0;
    llvm::json::Array Notes;
    for (const std::string &N : O.Notes)
      Notes.push_back(N);
    Handlers.push_back(llvm::json::Object{
        {"name", O.H.Name},
        {"file", relativePath(O.H.Pos.File, Plan.Root)},
        {"line", O.H.Pos.Line},
        {"kind", O.C.K ? llvm::json::Value(kindId(*O.C.K)) : llvm::json::Value(nullptr)},
        {"verdict", verdictId(O.C.V)},
        {"rewritten", O.Converted},
        {"slots", O.Sites},
        {"why", orNull(O.Converted ? "" : O.Why)},
        {"notes", std::move(Notes)}});
  }
  return llvm::json::Object{
      {"tool", "mmap-migrate"},
      {"version", MMAP_MIGRATE_VERSION},
      {"tree", Plan.Root},
      {"profile", P.Name},
      {"summary", llvm::json::Object{{"rewritten", Rewritten},
                                     {"not_rewritten", Refused},
                                     {"slots", Slots},
                                     {"edits", Plan.Edits.size()},
                                     {"files", Files.size()}}},
      {"handlers", std::move(Handlers)},
      {"core_callers", coreUsesToJson(Plan)}};
}

} // namespace mmapmigrate
