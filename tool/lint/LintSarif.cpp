//===- LintSarif.cpp - lint's findings as SARIF 2.1.0 ---------------------===//
#include "tool/lint/LintSarif.h"
#include "tool/report/Sarif.h"

#include <algorithm>

namespace mmapmigrate {

namespace json = llvm::json;

json::Value lintToSarif(const std::vector<LintFinding> &Findings,
                        const std::vector<NotAnalysed> &NotChecked, llvm::StringRef Root) {
  json::Array Rules;
  const std::vector<LintRule> &All = allLintRules();
  for (LintRule R : All)
    Rules.push_back(json::Object{
        {"id", lintRuleId(R)},
        {"name", lintRuleName(R)},
        {"shortDescription", json::Object{{"text", lintRuleDescription(R)}}},
        {"fullDescription", json::Object{{"text", lintRuleDescription(R)}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}}});
  json::Array Results;
  for (const LintFinding &F : Findings) {
    json::Array Related;
    unsigned Id = 0;
    for (const auto &[Pos, Text] : F.Notes) {
      json::Value L = sarifLocation(Pos, Root, Text);
      L.getAsObject()->try_emplace("id", Id++);
      Related.push_back(std::move(L));
    }
    json::Object Props{{"fromText", F.FromText}};
    if (!F.Suggestion.empty())
      Props["suggestion"] = F.Suggestion;
    if (!F.WhyNoSuggestion.empty())
      Props["notConvertible"] = F.WhyNoSuggestion;
    std::string Text = F.Message;
    if (!F.WhyNoSuggestion.empty())
      Text += " (" + F.WhyNoSuggestion + ")";
    Results.push_back(json::Object{
        {"ruleId", lintRuleId(F.Rule)},
        {"ruleIndex", unsigned(std::find(All.begin(), All.end(), F.Rule) - All.begin())},
        {"level", "warning"},
        {"baselineState", "new"},
        {"message", json::Object{{"text", Text}}},
        {"locations", json::Array{sarifLocation(F.Pos, Root)}},
        {"relatedLocations", std::move(Related)},
        {"partialFingerprints",
         json::Object{{"mmapMigrateLint/v1", F.fingerprint(Root)}}},
        {"properties", std::move(Props)}});
  }
  json::Array Notifications;
  for (const NotAnalysed &N : NotChecked) {
    SourcePos P{N.File, N.Line ? N.Line : 1, 0};
    Notifications.push_back(
        json::Object{{"level", "warning"},
                     {"message", json::Object{{"text", "not analysed, its added lines were "
                                                       "read as text: " + N.Reason}}},
                     {"locations", json::Array{sarifLocation(P, Root)}}});
  }
  return sarifLog(std::move(Rules), std::move(Results), std::move(Notifications), Root);
}

} // namespace mmapmigrate
