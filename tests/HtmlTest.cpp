//===- HtmlTest.cpp - The census page's pieces ----------------------------===//
//
// The rules the page states (subsystems, links, escaping) on hand-made
// input; tests/html/run.sh looks at whole pages in a browser.
//
//===----------------------------------------------------------------------===//
#include "tool/report/Html.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

TEST(HtmlTest, SubsystemIsTheTopDirectoryOrTwoUnderDriversAndArch) {
  EXPECT_EQ(subsystemOf("drivers/gpu/drm/drm_gem.c"), "drivers/gpu");
  EXPECT_EQ(subsystemOf("drivers/char/mem.c"), "drivers/char");
  EXPECT_EQ(subsystemOf("arch/x86/kernel/cpu/sgx/driver.c"), "arch/x86");
  EXPECT_EQ(subsystemOf("fs/proc/inode.c"), "fs");
  EXPECT_EQ(subsystemOf("sound/core/pcm_native.c"), "sound");
  EXPECT_EQ(subsystemOf("kernel/relay.c"), "kernel");
  // Too shallow for two levels: the directory it is in.
  EXPECT_EQ(subsystemOf("drivers/foo.c"), "drivers");
  EXPECT_EQ(subsystemOf("init.c"), "(top)");
  EXPECT_EQ(subsystemOf("/usr/include/linux/fs.h"), "(outside the tree)");
  EXPECT_EQ(subsystemOf(""), "(unknown)");
}

TEST(HtmlTest, EscapesWhatCouldEndTextOrAnAttribute) {
  EXPECT_EQ(htmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(htmlEscape("plain_mmap"), "plain_mmap");
}

TEST(HtmlTest, LinksAreFileUrlsUnlessATemplateIsGiven) {
  EXPECT_EQ(lineUrl("/src/linux/mm/filemap.c", 12, "/src/linux", ""),
            "file:///src/linux/mm/filemap.c#L12");
  EXPECT_EQ(lineUrl("/src/linux/mm/filemap.c", 0, "/src/linux", ""),
            "file:///src/linux/mm/filemap.c");
  const char *Elixir = "https://elixir.bootlin.com/linux/v6.12/source/{path}#L{line}";
  EXPECT_EQ(lineUrl("/src/linux/mm/filemap.c", 12, "/src/linux", Elixir),
            "https://elixir.bootlin.com/linux/v6.12/source/mm/filemap.c#L12");
  // A file outside the tree has no place in the template's tree.
  EXPECT_EQ(lineUrl("/usr/include/x.h", 3, "/src/linux", Elixir), "file:///usr/include/x.h#L3");
  // Nothing in a path can end the URL, start a query or fill a placeholder.
  EXPECT_EQ(lineUrl("/t/a b/#?{line}<&>.c", 7, "/t", "https://h/{path}?l={line}"),
            "https://h/a%20b/%23%3F%7Bline%7D%3C%26%3E.c?l=7");
  EXPECT_EQ(lineUrl("/t/a b.c", 7, "/t", ""), "file:///t/a%20b.c#L7");
}

Finding finding(Kind K, const char *Rule, const char *Message, SourcePos Pos) {
  Finding F;
  F.K = K;
  F.Rule = Rule;
  F.Message = Message;
  F.Pos = std::move(Pos);
  return F;
}

/// A census with a handler of each verdict and names that need escaping.
Census sampleCensus() {
  Census C;
  MmapHandler Gen;
  Gen.Key = Gen.Name = "generic_file_mmap";
  Gen.Pos = {"/t/mm/filemap.c", 10, 5};
  Gen.HasBody = true;
  Gen.Findings.push_back(
      finding(Kind::GenericDirect, "generic-direct", "the slot names it", Gen.Pos));
  MmapHandler Esc;
  Esc.Key = Esc.Name = "odd_mmap";
  Esc.Pos = {"/t/drivers/a<b>&c/odd.c", 20, 12};
  Esc.HasBody = true;
  Esc.Findings.push_back(finding(Kind::VmaEscapes, "vma-stored",
                                 "stores the vma in <dev>->vma & co",
                                 {"/t/drivers/a<b>&c/odd.c", 25, 3}));
  MmapHandler Gone;
  Gone.Key = Gone.Name = "gone_mmap";
  Gone.Pos = {"/t/sound/core/x.c", 5, 1};
  C.Handlers = {{Gen.Key, Gen}, {Esc.Key, Esc}, {Gone.Key, Gone}};
  auto Site = [](const char *File, const char *Table, const char *Key) {
    FopsSite S;
    S.Pos = {File, 30, 10};
    S.Table = Table;
    S.Handler = S.HandlerKey = Key;
    S.Form = "designated";
    return S;
  };
  C.Sites = {Site("/t/drivers/a<b>&c/odd.c", "(&odd->fops)", "odd_mmap"),
             Site("/t/fs/ext4/file.c", "ext4_fops", "generic_file_mmap"),
             Site("/t/fs/fat/file.c", "fat_fops", "generic_file_mmap"),
             Site("/t/kernel/k.c", "k_fops", "generic_file_mmap"),
             Site("/t/sound/core/x.c", "x_fops", "gone_mmap")};
  C.NotAnalysedList.push_back({"/t/net/<x>.c", 0, "could not be parsed: a & b"});
  return C;
}

TEST(HtmlTest, PageEscapesEveryStringFromTheTree) {
  std::string Page = censusToHtml(sampleCensus(), "/t", {});
  EXPECT_EQ(Page.find("a<b>"), std::string::npos);
  EXPECT_EQ(Page.find("<dev>"), std::string::npos);
  EXPECT_EQ(Page.find("<x>"), std::string::npos);
  EXPECT_NE(Page.find("drivers/<wbr>a&lt;b&gt;&amp;c/<wbr>odd.c:20"), std::string::npos);
  EXPECT_NE(Page.find("stores the vma in &lt;dev&gt;-&gt;vma &amp; co"), std::string::npos);
  EXPECT_NE(Page.find("(&amp;odd-&gt;fops)"), std::string::npos);
  EXPECT_NE(Page.find("could not be parsed: a &amp; b"), std::string::npos);
}

TEST(HtmlTest, GenericDirectCountsInEachSubsystemThatNamesIt) {
  std::string Page = censusToHtml(sampleCensus(), "/t", {});
  // fs holds two of its slots and counts it once; kernel holds one.
  EXPECT_NE(Page.find("data-subsystems=\"fs|kernel\""), std::string::npos);
  EXPECT_NE(Page.find("<g class=\"bar\" data-subsystem=\"fs\">"), std::string::npos);
  EXPECT_NE(Page.find("<g class=\"bar\" data-subsystem=\"kernel\">"), std::string::npos);
  EXPECT_EQ(Page.find("data-subsystem=\"mm\""), std::string::npos);
  EXPECT_NE(Page.find("data-kind=\"generic-direct\" data-count=\"1\""), std::string::npos);
  // A handler without a body is drawn as not analysed.
  EXPECT_NE(Page.find("data-kind=\"not-analysed\" data-count=\"1\""), std::string::npos);
}

TEST(HtmlTest, PageIsSelfContainedAndTheSameEachTime) {
  HtmlOptions Opts;
  Opts.LinkTemplate = "https://elixir.bootlin.com/linux/v6.12/source/{path}#L{line}";
  std::string Page = censusToHtml(sampleCensus(), "/t", Opts);
  EXPECT_EQ(Page, censusToHtml(sampleCensus(), "/t", Opts));
  for (const char *Fetch : {"<link", "src=", "url(", "@import"})
    EXPECT_EQ(Page.find(Fetch), std::string::npos) << Fetch;
  EXPECT_NE(Page.find("href=\"https://elixir.bootlin.com/linux/v6.12/source/"
                      "drivers/a%3Cb%3E%26c/odd.c#L20\""),
            std::string::npos);
}

} // namespace
