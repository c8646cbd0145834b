//===- RawBodySkipTest.cpp - Skipping header bodies on their text ---------===//
#include "matchers/find/RawBodySkip.h"
#include "matchers/find/TuScanner.h"

#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace mmapmigrate;

namespace {

constexpr size_t None = llvm::StringRef::npos;

/// findRawBlockEnd on a body given from just after its `{`.
size_t endOf(llvm::StringRef Body) { return findRawBlockEnd(Body, 0); }

TEST(RawBodySkipTest, NestedBlocks) {
  llvm::StringRef B = " if (x) { y(); } else { z(); } return 0; } int after;";
  EXPECT_EQ(B.find("} int after"), endOf(B));
}

TEST(RawBodySkipTest, BracesInLiteralsAndCommentsDoNotCount) {
  llvm::StringRef B = " char c = '}'; const char *s = \"}{\\\"}\"; /* } */ // }\n"
                      " c = '\\''; } tail";
  EXPECT_EQ(B.find("} tail"), endOf(B));
}

TEST(RawBodySkipTest, LineCommentContinuedByBackslash) {
  // The `}` on the second line is still part of the comment.
  llvm::StringRef B = " x(); // a comment \\\n } still comment\n } tail";
  EXPECT_EQ(B.find("} tail"), endOf(B));
}

TEST(RawBodySkipTest, WhatThePreprocessorActsOnStopsIt) {
  EXPECT_EQ(None, endOf(" x();\n#ifdef CONFIG_FOO\n y(); {\n#endif\n }"));
  EXPECT_EQ(None, endOf(" x(); /* c */ # define Y\n }"));
  EXPECT_EQ(None, endOf(" x(); <% y(); %> }"));
  EXPECT_EQ(None, endOf(" x(); %> }"));
  EXPECT_EQ(None, endOf(" _Pragma(\"GCC diagnostic push\") x(); }"));
  EXPECT_EQ(None, endOf(" x = a ??) b; }"));
  EXPECT_EQ(None, endOf(" x = a + \\\n b; }"));
  llvm::StringRef Nul(" x(); \0 }", 9);
  EXPECT_EQ(None, endOf(Nul));
}

TEST(RawBodySkipTest, LookalikesDoNotStopIt) {
  // An identifier ending in _Pragma, `%` and `<` as operators, `#` and `??`
  // inside literals and comments.
  llvm::StringRef B = " my_Pragma(a % b < c); s = \"#if ??)\"; /* #endif */ } tail";
  EXPECT_EQ(B.find("} tail"), endOf(B));
}

TEST(RawBodySkipTest, UnterminatedTextGivesUp) {
  EXPECT_EQ(None, endOf(" x(); { y(); }"));
  EXPECT_EQ(None, endOf(" s = \"no end\n; }"));
  EXPECT_EQ(None, endOf(" /* no end }"));
}

/// Scans \p Main with \p Header as "hdr.h" and returns the TU's result.
TuResult scan(llvm::StringRef Main, llvm::StringRef Header, bool SkipBodyText) {
  TuScanOptions Opts;
  Opts.SkipBodyText = SkipBodyText;
  // The tests name the header functions whose skipped bodies they check.
  Opts.ParseNamedHeaderBodies = false;
  TuResult R;
  std::unique_ptr<clang::tooling::FrontendActionFactory> F = makeTuScanFactory(Opts, R);
  std::unique_ptr<clang::FrontendAction> A = F->create();
  clang::tooling::FileContentMappings Files = {{"/t/hdr.h", Header.str()}};
  // False when clang reports errors; R says whether an AST was built.
  (void)clang::tooling::runToolOnCodeWithArgs(std::move(A), Main, {"-I/t", "-std=gnu11"},
                                                  "/t/main.c", "mmap-migrate-test",
                                                  std::make_shared<clang::PCHContainerOperations>(),
                                                  Files);
  return R;
}

// A header whose skipped bodies hold everything the text skip must get
// right, or hand back to clang: braces in literals and comments, a body
// with #if, a macro-made function, a macro that opens and closes a block,
// and declarations after each that the main file needs.
constexpr const char *TrickyHeader = R"c(
struct file;
struct vm_area_struct { unsigned long vm_flags; };
struct file_operations { int (*mmap)(struct file *, struct vm_area_struct *); };
#define BLOCK_BEGIN do {
#define BLOCK_END } while (0)
#define MAKE_GETTER(n) static inline int get_##n(void) { return n##_value; }
static int a_value, b_value;
static inline int braces_in_text(void)
{
	const char *s = "}}}";	/* } */
	char c = '}';	// }
	return s[0] + c;
}
int after_text(void);
static inline int with_directive(int x)
{
#ifdef NOT_SET
	if (x) {
#else
	if (!x) {
#endif
		x++;
	}
	return x;
}
int after_directive(void);
MAKE_GETTER(a)
MAKE_GETTER(b)
static inline int with_macro_block(int x)
{
	BLOCK_BEGIN
		x++;
	BLOCK_END;
	return x;
}
int after_macro_block(void);
)c";

constexpr const char *MainUsingIt = R"c(
#include "hdr.h"
static int foo_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_flags |= after_text() + after_directive() + after_macro_block() + get_b();
	return 0;
}
static const struct file_operations foo_fops = { .mmap = foo_mmap };
)c";

TEST(RawBodySkipTest, ScanSeesTheSameWithEitherSkip) {
  TuResult Text = scan(MainUsingIt, TrickyHeader, true);
  TuResult Pre = scan(MainUsingIt, TrickyHeader, false);
  for (const TuResult *R : {&Text, &Pre}) {
    EXPECT_TRUE(R->Parsed);
    EXPECT_FALSE(R->HadErrors) << R->FirstError;
    ASSERT_EQ(1u, R->Sites.size());
    ASSERT_EQ(1u, R->Handlers.size());
  }
  EXPECT_EQ(Text.Handlers[0].Key, Pre.Handlers[0].Key);
  EXPECT_EQ(Text.Handlers[0].Findings.size(), Pre.Handlers[0].Findings.size());
}

/// \p Header defines bad_call(), whose body calls TWO with one argument,
/// which the preprocessor rejects even in a body the parser skips: only a
/// scan that skips bodies through the preprocessor sees an error.
void expectOnlyThePreprocessorSeesBadCall(llvm::StringRef Header) {
  std::string H = "#define TWO(a, b) ((a) + (b))\n" + Header.str() + "int after_bad_call(void);\n";
  const char *Main = "#include \"hdr.h\"\nint use(void) { return after_bad_call(); }\n";
  TuResult Text = scan(Main, H, true), Pre = scan(Main, H, false);
  EXPECT_TRUE(Text.Parsed && Pre.Parsed);
  EXPECT_FALSE(Text.HadErrors) << Text.FirstError;
  EXPECT_TRUE(Pre.HadErrors);
}

TEST(RawBodySkipTest, SkippedBodyIsNotPreprocessed) {
  // On the text, the body is never expanded.
  expectOnlyThePreprocessorSeesBadCall("static inline int bad_call(void) { return TWO(1); }\n");
}

TEST(RawBodySkipTest, MacroMadeBodyIsNotExpanded) {
  // The body comes from a macro, so there is no text to skip: the token
  // skip reads it without expanding TWO.
  expectOnlyThePreprocessorSeesBadCall(
      "#define MAKE(n) static inline int n(void) { return TWO(1); }\nMAKE(bad_call)\n");
}

TEST(RawBodySkipTest, TokenSkipExpandsMacrosThatOpenOrCloseBraces) {
  // Macro-made bodies where a macro's brace pairs with a written one:
  // counted as written, the skip would stop late (END) or early (OPEN, the
  // body's own closing CLOSE); these macros are expanded.
  const char *Header = "#define OPEN {\n"
                       "#define CLOSE }\n"
                       "#define END } while (0)\n"
                       "#define MAKE_A(n) static inline int n(int x) { do { x++; END; return x; }\n"
                       "#define MAKE_B(n) static inline int n(int x) { if (x) OPEN x--; } return x; CLOSE\n"
                       "MAKE_A(get_a)\n"
                       "int after_a(void);\n"
                       "MAKE_B(get_b)\n"
                       "int after_b(void);\n";
  const char *Main = "#include \"hdr.h\"\n"
                     "int use(void) { return after_a() + after_b() + get_a(1) + get_b(2); }\n";
  for (bool SkipText : {true, false}) {
    TuResult R = scan(Main, Header, SkipText);
    EXPECT_TRUE(R.Parsed);
    EXPECT_FALSE(R.HadErrors) << "text skip " << SkipText << ": " << R.FirstError;
  }
}

TEST(RawBodySkipTest, TokenSkipRunsDirectives) {
  // A #define inside a body stops the text skip; the token skip still
  // defines the macro, which later code needs.
  const char *Header = "static inline int with_define(void)\n"
                       "{\n"
                       "#define LATER_VALUE 3\n"
                       "\treturn 0;\n"
                       "}\n"
                       "static int later[LATER_VALUE];\n";
  const char *Main = "#include \"hdr.h\"\nint use(void) { return later[0] + with_define(); }\n";
  TuResult R = scan(Main, Header, true);
  EXPECT_TRUE(R.Parsed);
  EXPECT_FALSE(R.HadErrors) << R.FirstError;
}

TEST(RawBodySkipTest, TokenSkipThatReachesTheMainFileIsAnError) {
  // END_IT's brace is one macro deeper than the check looks: the count
  // misses it and runs on into the main file. That must show as an error,
  // not swallow the main file's code silently.
  const char *Header = "#define RBRACE }\n"
                       "#define END_IT RBRACE\n"
                       "#define MAKE(n) static inline int n(void) { return 0; END_IT\n"
                       "MAKE(get_zero)\n";
  const char *Main = "#include \"hdr.h\"\nint use(void) { return get_zero(); }\n";
  TuResult Text = scan(Main, Header, true), Pre = scan(Main, Header, false);
  EXPECT_FALSE(Pre.HadErrors) << Pre.FirstError;
  EXPECT_TRUE(Text.HadErrors);
}

} // namespace

