//===- Sarif.cpp - The census as SARIF 2.1.0 ------------------------------===//
#include "tool/report/Sarif.h"
#include "matchers/classify/Classifier.h"
#include "matchers/core/SourceText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <optional>

namespace mmapmigrate {

namespace json = llvm::json;

namespace {

/// The rule of a handler of kind \p K (none: not analysed), and its index
/// in rules(): the kinds in order, then the not-analysed rule.
std::string ruleId(std::optional<Kind> K) {
  return std::string("mmap-migrate-") + (K ? kindId(*K) : "not-analysed");
}
unsigned ruleIndex(std::optional<Kind> K) {
  const std::vector<Kind> &All = allKinds();
  return K ? std::find(All.begin(), All.end(), *K) - All.begin() : All.size();
}

json::Value rule(std::optional<Kind> K, const std::string &Short, const std::string &Full) {
  return json::Object{{"id", ruleId(K)},
                      {"name", K ? kindId(*K) : "not-analysed"},
                      {"shortDescription", json::Object{{"text", Short}}},
                      {"fullDescription", json::Object{{"text", Full}}},
                      {"defaultConfiguration", json::Object{{"level", "warning"}}}};
}

json::Value rules() {
  json::Array Out;
  for (Kind K : allKinds())
    Out.push_back(
        rule(K, std::string("->mmap handler of kind ") + kindId(K), kindDescription(K)));
  Out.push_back(rule(std::nullopt, "->mmap handler that was not analysed",
                     "The handler's body could not be seen or parsed."));
  return Out;
}

std::string fileUri(llvm::StringRef Dir) {
  std::string U = "file://" + Dir.str();
  if (!llvm::StringRef(U).ends_with("/"))
    U += "/";
  return U;
}

} // namespace

json::Value sarifLocation(const SourcePos &P, llvm::StringRef Root, const std::string &Message) {
  json::Object Region{{"startLine", P.Line}};
  if (P.Col)
    Region["startColumn"] = P.Col;
  // Under the tree: relative to SRCROOT, as code scanning wants. Elsewhere
  // (a header of another include dir): an absolute file URI.
  std::string Rel = relativePath(P.File, Root);
  bool InTree = Rel != P.File || !llvm::sys::path::is_absolute(P.File);
  json::Object Artifact{{"uri", InTree ? Rel : "file://" + P.File}};
  if (InTree)
    Artifact["uriBaseId"] = "SRCROOT";
  json::Object L{{"physicalLocation", json::Object{{"artifactLocation", std::move(Artifact)},
                                                   {"region", std::move(Region)}}}};
  if (!Message.empty())
    L["message"] = json::Object{{"text", Message}};
  return L;
}

json::Value sarifLog(json::Value Rules, json::Array Results, json::Array Notifications,
                     llvm::StringRef Root) {
  json::Object Run{
      {"tool",
       json::Object{{"driver",
                     json::Object{{"name", "mmap-migrate"},
                                  {"version", MMAP_MIGRATE_VERSION},
                                  {"semanticVersion", MMAP_MIGRATE_VERSION},
                                  {"rules", std::move(Rules)}}}}},
      {"invocations", json::Array{json::Object{
                          {"executionSuccessful", true},
                          {"toolExecutionNotifications", std::move(Notifications)}}}},
      {"results", std::move(Results)},
      {"columnKind", "unicodeCodePoints"}};
  if (!Root.empty())
    Run["originalUriBaseIds"] =
        json::Object{{"SRCROOT", json::Object{{"uri", fileUri(Root)}}}};
  return json::Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                      {"version", "2.1.0"},
                      {"runs", json::Array{std::move(Run)}}};
}


json::Value censusToSarif(const Census &C, llvm::StringRef Root) {
  json::Array Results;
  for (const ClassifiedHandler &CH : classifyAll(C)) {
    const MmapHandler &H = *CH.H;
    std::string Rule = ruleId(CH.C.K);
    json::Array Kinds;
    for (Kind K : CH.C.Kinds)
      Kinds.push_back(kindId(K));
    auto Add = [&](const SourcePos &At, const std::string &Message, const std::string &Where,
                   json::Array Related) {
      // Stable across edits that move lines: the rule, the file and a name.
      std::string Print = llvm::utohexstr(
          llvm::xxh3_64bits(Rule + "\n" + relativePath(At.File, Root) + "\n" + Where));
      Results.push_back(json::Object{
          {"ruleId", Rule},
          {"ruleIndex", ruleIndex(CH.C.K)},
          {"level", CH.C.V == Verdict::Convert ? "note" : "warning"},
          {"message", json::Object{{"text", Message}}},
          {"locations", json::Array{sarifLocation(At, Root)}},
          {"relatedLocations", std::move(Related)},
          {"partialFingerprints", json::Object{{"mmapMigrateHandler/v1", Print}}},
          {"properties", json::Object{{"verdict", verdictId(CH.C.V)},
                                      {"kinds", json::Array(Kinds)},
                                      {"handler", H.Name},
                                      {"profile", C.Profile}}}});
    };
    if (CH.C.K == Kind::GenericDirect) {
      // The handler is the core's own: what a driver changes is its slot.
      for (const FopsSite *S : CH.Sites)
        Add(S->Pos,
            "'" + S->Table + "' sets ->mmap to " + H.Name + "(), which has a _prepare form: " +
                "it can be converted automatically (mmap-migrate rewrite)",
            S->Table + "." + H.Name, json::Array{});
      continue;
    }
    std::string Text = "->mmap handler '" + H.Name + "' ";
    if (CH.C.K)
      Text += std::string("is ") + kindId(*CH.C.K) + ": ";
    if (CH.C.V == Verdict::Convert)
      Text += "it can be converted to ->mmap_prepare automatically (mmap-migrate rewrite)";
    else
      Text += (CH.C.K ? "left for a human: " : "not analysed: ") + CH.C.Blocker;
    json::Array Related;
    for (const FopsSite *S : CH.Sites)
      Related.push_back(sarifLocation(S->Pos, Root,
                                 "'" + S->Table + "' sets ->mmap to '" + H.Name + "'" +
                                     (S->Macro.empty() ? "" : " (macro " + S->Macro + ")")));
    for (const Finding &F : H.Findings)
      Related.push_back(sarifLocation(F.Pos, Root, F.Message));
    unsigned Id = 0;
    for (json::Value &R : Related)
      R.getAsObject()->try_emplace("id", Id++);
    Add(H.Pos, Text, H.Name, std::move(Related));
  }

  json::Array Notifications;
  for (const NotAnalysed &N : C.NotAnalysedList) {
    SourcePos P{N.File, N.Line ? N.Line : 1, 0};
    Notifications.push_back(json::Object{{"level", "note"},
                                         {"message", json::Object{{"text", N.Reason}}},
                                         {"locations", json::Array{sarifLocation(P, Root)}}});
  }

  return sarifLog(rules(), std::move(Results), std::move(Notifications), Root);
}

} // namespace mmapmigrate
