//===- Html.cpp - The census as one self-contained HTML page --------------===//
#include "tool/report/Html.h"
#include "matchers/classify/Classifier.h"
#include "matchers/core/SourceText.h"
#include "tool/report/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace mmapmigrate {

std::string htmlEscape(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (char Ch : S)
    switch (Ch) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    default: Out += Ch;
    }
  return Out;
}

std::string subsystemOf(llvm::StringRef Path) {
  if (Path.empty())
    return "(unknown)";
  if (llvm::sys::path::is_absolute(Path))
    return "(outside the tree)";
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Path.split(Parts, '/', -1, /*KeepEmpty=*/false);
  if (Parts.size() < 2)
    return "(top)";
  if ((Parts[0] == "drivers" || Parts[0] == "arch") && Parts.size() > 2)
    return (Parts[0] + "/" + Parts[1]).str();
  return Parts[0].str();
}

namespace {

/// \p Path with everything but unreserved characters and '/' as %XX, so
/// that a file name cannot end a URL or start a query.
std::string percentEncodePath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char Ch : Path) {
    if (llvm::isAlnum(Ch) || Ch == '/' || Ch == '-' || Ch == '.' || Ch == '_' || Ch == '~')
      Out += Ch;
    else
      Out += "%" + llvm::utohexstr(Ch, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

void replaceAll(std::string &S, llvm::StringRef From, llvm::StringRef To) {
  for (size_t At = S.find(From); At != std::string::npos; At = S.find(From, At + To.size()))
    S.replace(At, From.size(), To.str());
}

} // namespace

std::string lineUrl(llvm::StringRef File, unsigned Line, llvm::StringRef Root,
                    llvm::StringRef Template) {
  std::string Rel = relativePath(File, Root);
  if (Template.empty() || llvm::sys::path::is_absolute(Rel)) {
    std::string Url = "file://" + percentEncodePath(File);
    return Line ? Url + "#L" + std::to_string(Line) : Url;
  }
  std::string Url = Template.str();
  // The path is percent-encoded first: a "{line}" in a file name stays put.
  replaceAll(Url, "{line}", std::to_string(Line ? Line : 1));
  replaceAll(Url, "{path}", percentEncodePath(Rel));
  return Url;
}

namespace {

/// The chart's colour of each kind: greens and blues for the kinds that
/// usually convert, yellow to dark red as the kinds get harder.
const char *kindColour(std::optional<Kind> K) {
  return K ? mmapmigrate::kindColour(*K) : "#9e9e9e";
}

const char *verdictColour(Verdict V) {
  switch (V) {
  case Verdict::Convert: return "#4d9221";
  case Verdict::Manual: return "#c51b7d";
  case Verdict::NotAnalysed: return "#9e9e9e";
  }
  return "#000000";
}

const char *kindName(std::optional<Kind> K) { return K ? kindId(*K) : "not-analysed"; }

/// Kinds in report order, then "not analysed": the chart's stacking order.
std::vector<std::optional<Kind>> chartKinds() {
  std::vector<std::optional<Kind>> Out(allKinds().begin(), allKinds().end());
  Out.push_back(std::nullopt);
  return Out;
}

unsigned kindRank(std::optional<Kind> K) {
  std::vector<std::optional<Kind>> All = chartKinds();
  return std::find(All.begin(), All.end(), K) - All.begin();
}

const Verdict AllVerdicts[] = {Verdict::Convert, Verdict::Manual, Verdict::NotAnalysed};

/// What a verdict means, in the words of the SARIF report.
const char *verdictMeaning(Verdict V) {
  switch (V) {
  case Verdict::Convert:
    return "can be converted to ->mmap_prepare automatically (mmap-migrate rewrite)";
  case Verdict::Manual: return "left for a human";
  case Verdict::NotAnalysed: return "the handler's body could not be seen or parsed";
  }
  return "";
}

/// The subsystems a handler counts in: where it is defined, except for the
/// core's own generic_file_mmap(), which each subsystem whose tables name it
/// has to change in its own slot.
std::vector<std::string> subsystemsOf(const ClassifiedHandler &CH, llvm::StringRef Root) {
  std::set<std::string> Out;
  if (CH.C.K == Kind::GenericDirect)
    for (const FopsSite *S : CH.Sites)
      Out.insert(subsystemOf(relativePath(S->Pos.File, Root)));
  if (Out.empty())
    Out.insert(subsystemOf(relativePath(CH.H->Pos.File, Root)));
  return {Out.begin(), Out.end()};
}

/// One bar of the chart.
struct SubsystemBar {
  std::string Name;
  std::map<unsigned, unsigned> ByKind; ///< By kindRank().
  unsigned Total = 0, Convert = 0;
};

std::vector<SubsystemBar> subsystemBars(const std::vector<ClassifiedHandler> &All,
                                        llvm::StringRef Root) {
  std::map<std::string, SubsystemBar> ByName;
  for (const ClassifiedHandler &CH : All)
    for (const std::string &Sub : subsystemsOf(CH, Root)) {
      SubsystemBar &B = ByName[Sub];
      B.Name = Sub;
      ++B.ByKind[kindRank(CH.C.K)];
      ++B.Total;
      B.Convert += CH.C.V == Verdict::Convert;
    }
  std::vector<SubsystemBar> Out;
  for (auto &[Name, B] : ByName)
    Out.push_back(std::move(B));
  std::stable_sort(Out.begin(), Out.end(), [](const SubsystemBar &A, const SubsystemBar &B) {
    return A.Total > B.Total;
  });
  return Out;
}

/// Writes the page; one member per section, in page order.
class PageWriter {
public:
  PageWriter(const Census &C, llvm::StringRef Root, const HtmlOptions &Opts,
             llvm::raw_ostream &OS)
      : C(C), Root(Root), Opts(Opts), OS(OS), All(classifyAll(C)),
        T(censusTotals(C, All)) {}

  void write() {
    head();
    OS << "<body>\n<main>\n";
    header();
    totals();
    verdicts();
    chart();
    handlerTable();
    nullSlots();
    notAnalysed();
    otherTables();
    OS << "</main>\n";
    script();
    OS << "</body>\n</html>\n";
  }

private:
  const Census &C;
  llvm::StringRef Root;
  const HtmlOptions &Opts;
  llvm::raw_ostream &OS;
  std::vector<ClassifiedHandler> All;
  CensusTotals T;

  std::string rel(llvm::StringRef File) const { return relativePath(File, Root); }

  /// A link to \p P showing \p Text (escaped here).
  std::string link(const SourcePos &P, llvm::StringRef Text) const {
    return "<a href=\"" + htmlEscape(lineUrl(P.File, P.Line, Root, Opts.LinkTemplate)) +
           "\">" + breakablePath(Text) + "</a>";
  }
  std::string where(const SourcePos &P) const {
    return link(P, P.Line ? rel(P.File) + ":" + std::to_string(P.Line) : rel(P.File));
  }
  /// Escaped, and a narrow column may break it after a slash.
  static std::string breakablePath(llvm::StringRef Text) {
    std::string Out = htmlEscape(Text);
    replaceAll(Out, "/", "/<wbr>");
    return Out;
  }

  void head() {
    OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<meta name=\"generator\" content=\"mmap-migrate " << MMAP_MIGRATE_VERSION
       << "\">\n"
       << "<title>-&gt;mmap census of " << htmlEscape(Root) << "</title>\n"
       << "<style>\n" << Css << "</style>\n</head>\n";
  }

  void header() {
    OS << "<header>\n<h1>file_operations-&gt;mmap census</h1>\n"
       << "<p class=\"sub\">Tree <code id=\"tree\">" << htmlEscape(Root)
       << "</code> &middot; mmap-migrate " << MMAP_MIGRATE_VERSION
       << " &middot; "
       << (C.Profile.empty() ? std::string("verdicts of the analysis alone")
                             : "verdicts of the rewrite for profile " + htmlEscape(C.Profile))
       << "</p>\n</header>\n";
  }

  void total(llvm::StringRef Id, unsigned N, llvm::StringRef Label, llvm::StringRef Title) {
    OS << "<div class=\"total\" data-total=\"" << Id << "\" title=\"" << htmlEscape(Title)
       << "\"><dt>" << htmlEscape(Label) << "</dt><dd>" << N << "</dd></div>\n";
  }

  void totals() {
    OS << "<section id=\"totals\">\n<dl class=\"totals\">\n";
    total("handlers", All.size(), "handlers", "distinct ->mmap implementations that a slot names");
    total("sites", T.Sites, "slots", "file_operations ->mmap slots, NULL ones included");
    total("null_sites", T.NullSites, "NULL or unresolved slots", "slots naming no handler");
    total("convert", T.ByVerdict[Verdict::Convert], "convert", verdictMeaning(Verdict::Convert));
    total("manual", T.ByVerdict[Verdict::Manual], "manual", verdictMeaning(Verdict::Manual));
    total("not-analysed", T.ByVerdict[Verdict::NotAnalysed], "handlers not analysed",
          verdictMeaning(Verdict::NotAnalysed));
    total("tus_parsed", C.TusParsed, "TUs parsed", "translation units clang built an AST for");
    total("tus_failed", C.TusFailed, "TUs failed", "TUs with errors or without an AST");
    total("files_read_as_text", C.FilesReadAsText, "files read as text",
          "files whose text shows only other ops tables: listed, not parsed");
    total("not_analysed", C.NotAnalysedList.size(), "files or slots not analysed",
          "listed with the reason below");
    total("other_tables", C.OtherTables.size(), "other ops tables with an mmap slot",
          "not file_operations ->mmap: listed below");
    OS << "</dl>\n</section>\n";
  }

  /// A horizontal stacked bar in an SVG of width \p Width: one rect per
  /// non-empty segment, at whole pixels so that colours stay exact.
  struct Segment {
    std::string Colour, Attrs, Title;
    unsigned Count;
  };
  void stackedBar(const std::vector<Segment> &Segs, unsigned Max, unsigned X, unsigned Y,
                  unsigned Width, unsigned Height) {
    unsigned Sum = 0;
    for (const Segment &S : Segs) {
      if (!S.Count)
        continue;
      unsigned From = X + (uint64_t)Sum * Width / Max;
      Sum += S.Count;
      unsigned To = X + (uint64_t)Sum * Width / Max;
      OS << "<rect x=\"" << From << "\" y=\"" << Y << "\" width=\"" << std::max(To - From, 1u)
         << "\" height=\"" << Height << "\" fill=\"" << S.Colour << "\" " << S.Attrs
         << "><title>" << htmlEscape(S.Title) << "</title></rect>\n";
    }
  }

  void verdicts() {
    OS << "<section id=\"verdicts\">\n<h2>Convert or manual</h2>\n";
    unsigned N = All.size();
    std::vector<Segment> Segs;
    for (Verdict V : AllVerdicts)
      Segs.push_back({verdictColour(V), std::string("data-verdict=\"") + verdictId(V) + "\"",
                      llvm::formatv("{0}: {1} handlers", verdictId(V), T.ByVerdict[V]).str(),
                      T.ByVerdict[V]});
    if (N) {
      OS << "<svg class=\"split\" width=\"800\" height=\"28\" viewBox=\"0 0 800 28\" "
            "role=\"img\" aria-label=\"handlers by verdict\" shape-rendering=\"crispEdges\">\n";
      stackedBar(Segs, N, 0, 0, 800, 28);
      OS << "</svg>\n";
    }
    OS << "<ul class=\"legend\">\n";
    for (Verdict V : AllVerdicts) {
      unsigned Count = T.ByVerdict[V];
      if (!Count && V == Verdict::NotAnalysed)
        continue;
      OS << "<li data-verdict=\"" << verdictId(V) << "\"><span class=\"swatch\" style=\"background:"
         << verdictColour(V) << "\"></span><b>" << verdictId(V) << "</b> <span class=\"n\">"
         << Count << "</span>"
         << (N ? llvm::formatv(" ({0}%)", (Count * 100 + N / 2) / N).str() : "") << ": "
         << htmlEscape(verdictMeaning(V)) << "</li>\n";
    }
    OS << "</ul>\n</section>\n";
  }

  void chart() {
    OS << "<section id=\"by-subsystem\">\n<h2>Handlers per subsystem and kind</h2>\n";
    std::vector<SubsystemBar> Bars = subsystemBars(All, Root);
    unsigned Max = 1;
    for (const SubsystemBar &B : Bars)
      Max = std::max(Max, B.Total);
    const unsigned Label = 190, BarWidth = 620, Row = 24, BarHeight = 18;
    unsigned Height = Bars.size() * Row + 4;
    OS << "<svg id=\"chart\" width=\"960\" height=\"" << Height << "\" viewBox=\"0 0 960 "
       << Height << "\" role=\"img\" aria-label=\"handlers per subsystem, by kind\" "
       << "shape-rendering=\"crispEdges\">\n";
    std::map<unsigned, unsigned> KindTotals;
    for (size_t I = 0; I < Bars.size(); ++I) {
      const SubsystemBar &B = Bars[I];
      unsigned Y = I * Row + 2;
      OS << "<g class=\"bar\" data-subsystem=\"" << htmlEscape(B.Name) << "\">\n"
         << "<text x=\"" << Label - 8 << "\" y=\"" << Y + 14
         << "\" text-anchor=\"end\" class=\"label\">" << htmlEscape(B.Name) << "</text>\n";
      std::vector<Segment> Segs;
      for (std::optional<Kind> K : chartKinds()) {
        unsigned Count = B.ByKind.count(kindRank(K)) ? B.ByKind.at(kindRank(K)) : 0;
        KindTotals[kindRank(K)] += Count;
        Segs.push_back({kindColour(K),
                        llvm::formatv("data-kind=\"{0}\" data-count=\"{1}\"", kindName(K),
                                      Count)
                            .str(),
                        llvm::formatv("{0}: {1} {2}", B.Name, Count, kindName(K)).str(), Count});
      }
      stackedBar(Segs, Max, Label, Y, BarWidth, BarHeight);
      unsigned End = Label + (uint64_t)B.Total * BarWidth / Max;
      OS << "<text x=\"" << End + 6 << "\" y=\"" << Y + 14 << "\" class=\"count\">" << B.Total
         << " (" << B.Convert << " convert)</text>\n</g>\n";
    }
    OS << "</svg>\n<ul class=\"legend\" id=\"kinds\">\n";
    for (std::optional<Kind> K : chartKinds()) {
      unsigned Count = KindTotals[kindRank(K)];
      if (!Count)
        continue; // A legend for what is drawn; the table below has every kind.
      OS << "<li data-kind=\"" << kindName(K) << "\" data-colour=\"" << kindColour(K)
         << "\"><span class=\"swatch\" style=\"background:" << kindColour(K) << "\"></span><b>"
         << kindName(K) << "</b> <span class=\"n\">" << Count << "</span>: "
         << htmlEscape(K ? kindDescription(*K)
                         : "The handler's body could not be seen or parsed.")
         << "</li>\n";
    }
    OS << "</ul>\n<p class=\"note\">A handler counts once, in the subsystem of the file that "
          "defines it (the first directory of its path, the first two under drivers/ and "
          "arch/). The core's generic_file_mmap() and generic_file_readonly_mmap() "
          "(generic-direct) count once in each subsystem whose tables name them.</p>\n"
       << "</section>\n";
  }

  void handlerRow(size_t Order, const ClassifiedHandler &CH) {
    const MmapHandler &H = *CH.H;
    std::vector<std::string> Subs = subsystemsOf(CH, Root);
    OS << "<tr data-order=\"" << Order << "\" data-handler=\"" << htmlEscape(H.Name)
       << "\" data-file=\"" << htmlEscape(rel(H.Pos.File)) << "\" data-line=\"" << H.Pos.Line
       << "\" data-kind=\"" << kindName(CH.C.K) << "\" data-verdict=\"" << verdictId(CH.C.V)
       << "\" data-subsystems=\"" << htmlEscape(llvm::join(Subs, "|")) << "\">\n";
    OS << "<td class=\"name\"><code>" << htmlEscape(H.Name) << "</code></td>\n";
    OS << "<td class=\"subsystem\">" << htmlEscape(llvm::join(Subs, ", ")) << "</td>\n";
    // Sorted as text: the line zero-padded so that line 9 comes before 10.
    std::string Line = std::to_string(H.Pos.Line);
    OS << "<td class=\"where\" data-sort=\"" << htmlEscape(rel(H.Pos.File)) << ":"
       << std::string(Line.size() < 8 ? 8 - Line.size() : 0, '0') << Line << "\">"
       << where(H.Pos) << "</td>\n";
    OS << "<td class=\"kind\" data-sort=\"" << kindRank(CH.C.K)
       << "\"><span class=\"kind-name\"><span class=\"swatch\" style=\"background:"
       << kindColour(CH.C.K) << "\"></span>" << kindName(CH.C.K) << "</span>";
    std::vector<std::string> Others;
    for (Kind K : CH.C.Kinds)
      if (K != CH.C.K)
        Others.push_back(kindId(K));
    if (!Others.empty())
      OS << "<div class=\"also\">also " << llvm::join(Others, ", ") << "</div>";
    OS << "</td>\n";
    OS << "<td class=\"verdict " << verdictId(CH.C.V) << "\" data-sort=\""
       << static_cast<int>(CH.C.V) << "\">" << verdictId(CH.C.V);
    if (H.Partial)
      OS << "<div class=\"also\" title=\""
         << htmlEscape(H.PartialWhy.empty() ? "its TU had errors: the analysis may be incomplete"
                                            : H.PartialWhy)
         << "\">partial</div>";
    OS << "</td>\n";

    OS << "<td class=\"why\">";
    if (CH.C.V == Verdict::Convert)
      OS << "<p>" << htmlEscape(verdictMeaning(Verdict::Convert)) << "</p>";
    else
      OS << "<p class=\"blocker\">" << (CH.C.K ? "left for a human: " : "not analysed: ")
         << htmlEscape(CH.C.Blocker) << "</p>";
    if (!H.Findings.empty()) {
      OS << "<ul class=\"reasons\">";
      for (const Finding &F : H.Findings) {
        std::string At = F.Pos.File == H.Pos.File
                             ? "line " + std::to_string(F.Pos.Line)
                             : rel(F.Pos.File) + ":" + std::to_string(F.Pos.Line);
        OS << "<li data-rule=\"" << htmlEscape(F.Rule) << "\">" << link(F.Pos, At) << ": "
           << htmlEscape(F.Message) << " <span class=\"rule\">[" << htmlEscape(F.Rule)
           << "]</span></li>";
      }
      OS << "</ul>";
    }
    OS << "</td>\n";

    OS << "<td class=\"slots\" data-sort=\"" << CH.Sites.size() << "\">";
    // The core's handlers are named by dozens of tables: folded past a few.
    bool Fold = CH.Sites.size() > 4;
    if (Fold)
      OS << "<details><summary>" << CH.Sites.size() << " slots</summary>";
    OS << "<ul>";
    for (const FopsSite *S : CH.Sites)
      OS << "<li class=\"slot\">" << link(S->Pos, S->Table)
         << (S->Macro.empty() ? "" : " (macro " + htmlEscape(S->Macro) + ")") << "</li>";
    OS << "</ul>" << (Fold ? "</details>" : "") << "</td>\n</tr>\n";
  }

  void handlerTable() {
    OS << "<section id=\"handler-list\">\n<h2>Handlers</h2>\n"
       << "<form id=\"filters\" hidden>\n"
       << "<input type=\"search\" name=\"q\" placeholder=\"handler, file, reason\" "
          "aria-label=\"search\">\n";
    auto Select = [&](llvm::StringRef Name, llvm::StringRef Any,
                      const std::vector<std::string> &Values) {
      OS << "<select name=\"" << Name << "\" aria-label=\"" << Name << "\"><option value=\"\">"
         << Any << "</option>";
      for (const std::string &V : Values)
        OS << "<option>" << htmlEscape(V) << "</option>";
      OS << "</select>\n";
    };
    std::vector<std::string> Kinds, Verdicts, Subs;
    for (std::optional<Kind> K : chartKinds())
      Kinds.push_back(kindName(K));
    for (Verdict V : AllVerdicts)
      Verdicts.push_back(verdictId(V));
    std::set<std::string> SubSet;
    for (const ClassifiedHandler &CH : All)
      for (std::string &S : subsystemsOf(CH, Root))
        SubSet.insert(std::move(S));
    Subs.assign(SubSet.begin(), SubSet.end());
    Select("kind", "every kind", Kinds);
    Select("verdict", "every verdict", Verdicts);
    Select("subsystem", "every subsystem", Subs);
    OS << "<span id=\"shown\"></span>\n</form>\n"
       << "<div class=\"scroll\"><table id=\"handlers\">\n<thead><tr><th>handler</th>"
       << "<th>subsystem</th>"
       << "<th>defined at</th><th>kind</th><th>verdict</th><th>why, and the evidence</th>"
       << "<th>slots</th></tr></thead>\n<tbody>\n";
    for (size_t I = 0; I < All.size(); ++I)
      handlerRow(I, All[I]);
    OS << "</tbody>\n</table></div>\n";
    if (All.empty())
      OS << "<p class=\"none\">No file_operations slot names an ->mmap handler.</p>\n";
    OS << "</section>\n";
  }

  void nullSlots() {
    if (!T.NullSites)
      return;
    OS << "<section id=\"null-slots\">\n<h2>NULL or unresolved slots</h2>\n<table>\n"
       << "<thead><tr><th>slot</th><th>table</th><th>what</th></tr></thead>\n<tbody>\n";
    for (const FopsSite &S : C.Sites)
      if (S.Handler.empty())
        OS << "<tr><td>" << where(S.Pos) << "</td><td><code>" << htmlEscape(S.Table)
           << "</code>" << (S.Macro.empty() ? "" : " (macro " + htmlEscape(S.Macro) + ")")
           << "</td><td>" << (S.IsNull ? "sets ->mmap to NULL" : htmlEscape(S.Unresolved))
           << "</td></tr>\n";
    OS << "</tbody>\n</table>\n</section>\n";
  }

  void notAnalysed() {
    OS << "<section id=\"not-analysed\">\n<h2>Files and slots not analysed</h2>\n";
    if (C.NotAnalysedList.empty()) {
      OS << "<p class=\"none\">None: every file the scan picked was analysed.</p>\n"
         << "</section>\n";
      return;
    }
    OS << "<table>\n<thead><tr><th>where</th><th>why</th></tr></thead>\n<tbody>\n";
    for (const NotAnalysed &N : C.NotAnalysedList)
      OS << "<tr class=\"not-analysed\"><td>" << where({N.File, N.Line, 0}) << "</td><td>"
         << htmlEscape(N.Reason) << "</td></tr>\n";
    OS << "</tbody>\n</table>\n</section>\n";
  }

  void otherTables() {
    OS << "<section id=\"other-tables\">\n<h2>Other ops tables with an mmap slot</h2>\n";
    if (C.OtherTables.empty()) {
      OS << "<p class=\"none\">None.</p>\n</section>\n";
      return;
    }
    std::map<std::string, unsigned> ByMember;
    for (const OtherTableSite &O : C.OtherTables)
      ++ByMember[O.Type + "." + O.Field];
    OS << "<p>Not file_operations-&gt;mmap, so not for this migration; listed so that "
          "nothing is dropped silently.</p>\n<ul class=\"members\">\n";
    for (const auto &[Member, Count] : ByMember)
      OS << "<li><code>" << htmlEscape(Member) << "</code> " << Count << "</li>\n";
    OS << "</ul>\n<details><summary>" << C.OtherTables.size()
       << " slots</summary>\n<table>\n<thead><tr><th>slot</th><th>member</th><th>table</th>"
       << "<th>handler</th></tr></thead>\n<tbody>\n";
    for (const OtherTableSite &O : C.OtherTables)
      OS << "<tr class=\"other\"><td>" << where(O.Pos) << "</td><td><code>"
         << htmlEscape(O.Type + "." + O.Field) << "</code></td><td><code>"
         << htmlEscape(O.Table) << "</code></td><td><code>" << htmlEscape(O.Handler)
         << "</code></td></tr>\n";
    OS << "</tbody>\n</table>\n</details>\n</section>\n";
  }

  void script() { OS << "<script>\n" << Script << "</script>\n"; }

  static const char *const Css;
  static const char *const Script;
};

const char *const PageWriter::Css = R"css(:root { color-scheme: light; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1a1a1a; background: #fff; }
main { max-width: 1500px; margin: 0 auto; padding: 12px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 2px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 3px; }
code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; }
.sub { color: #555; margin: 0; }
a { color: #0b57d0; }
.totals { display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0 0; }
.total { border: 1px solid #ddd; border-radius: 6px; padding: 6px 12px; min-width: 88px;
  display: flex; flex-direction: column; }
.total dd { margin: 0; font-size: 22px; font-weight: 600; order: -1; }
.total dt { color: #555; font-size: 12px; }
.legend { list-style: none; padding: 0; margin: 8px 0; }
.legend li { margin: 2px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border-radius: 2px; }
svg text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
#chart rect { cursor: pointer; }
.note { color: #555; font-size: 12px; max-width: 960px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
.scroll { overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eee; }
th { background: #f6f6f6; position: sticky; top: 0; cursor: default; }
#handlers th { cursor: pointer; }
th[aria-sort=ascending]::after { content: " \25B2"; }
th[aria-sort=descending]::after { content: " \25BC"; }
td ul { margin: 0; padding-left: 16px; }
#handlers td.name, #handlers .kind-name, #handlers td.verdict { white-space: nowrap; }
#handlers td.why { min-width: 260px; }
#handlers td.slots { min-width: 10em; overflow-wrap: anywhere; }
#handlers td.slots ul { list-style: none; padding: 0; }
td p { margin: 0 0 2px; }
.verdict.convert { color: #2d6a12; font-weight: 600; }
.verdict.manual { color: #9c1560; font-weight: 600; }
.also, .rule { color: #666; font-size: 12px; font-weight: normal; }
#filters { display: flex; gap: 8px; align-items: center; margin: 0 0 8px; flex-wrap: wrap; }
#filters[hidden] { display: none; }
#shown { color: #555; }
.members { columns: 3 240px; }
)css";

// Sorting and filtering only: without it the page shows everything.
const char *const PageWriter::Script = R"js((function () {
  var table = document.getElementById('handlers');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var form = document.getElementById('filters');
  var q = form.elements.q, kind = form.elements.kind, verdict = form.elements.verdict,
      sub = form.elements.subsystem, shown = document.getElementById('shown');
  function apply() {
    var text = q.value.toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!kind.value || r.dataset.kind === kind.value) &&
        (!verdict.value || r.dataset.verdict === verdict.value) &&
        (!sub.value || r.dataset.subsystems.split('|').indexOf(sub.value) >= 0) &&
        (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok;
      n += ok ? 1 : 0;
    });
    shown.textContent = n + ' of ' + rows.length + ' handlers shown';
  }
  [q, kind, verdict, sub].forEach(function (e) { e.addEventListener('input', apply); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  function key(r, col) {
    var c = r.cells[col];
    return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent;
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    th.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col), c;
        if (x !== '' && y !== '' && !isNaN(x) && !isNaN(y)) c = x - y;
        else c = x.localeCompare(y);
        return dir * c || a.dataset.order - b.dataset.order;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('#chart rect'), function (rect) {
    rect.addEventListener('click', function () {
      sub.value = rect.parentNode.dataset.subsystem;
      kind.value = rect.dataset.kind;
      apply();
      table.scrollIntoView();
    });
  });
  form.hidden = false;
  apply();
})();
)js";

} // namespace

std::string censusToHtml(const Census &C, llvm::StringRef Root, const HtmlOptions &Opts) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  PageWriter(C, Root, Opts, OS).write();
  OS.flush();
  return Out;
}

} // namespace mmapmigrate
