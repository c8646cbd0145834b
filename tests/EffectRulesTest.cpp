//===- EffectRulesTest.cpp - The effect check on small handlers ----------===//
//
// Each test parses a handler with minimal declarations and asks
// analyzeHandler() what it claimed and found: a trap must give a
// changes-state finding, its control none.
//
//===----------------------------------------------------------------------===//
#include "matchers/classify/EffectData.h"
#include "matchers/classify/CensusMerge.h"
#include "matchers/classify/EffectRules.h"
#include "matchers/classify/HandlerAnalyzer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>
#include <set>

using namespace mmapmigrate;

namespace {

const char *Prelude = R"(
struct vm_area_struct { unsigned long vm_start, vm_end, vm_pgoff; void *vm_private_data; };
struct file { void *private_data; unsigned int f_mode; };
struct mutex { int owner; };
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
int atomic_inc_unless_negative(int *v);
int printk(const char *fmt, ...);
)";

HandlerFacts analyze(const std::string &Code, unsigned EffectDepth = 8) {
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code, {"-xc"}, "h.c");
  EXPECT_TRUE(AST);
  const clang::FunctionDecl *Handler = nullptr;
  for (const clang::Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
    if (const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D))
      if (FD->getName() == "h_mmap" && FD->hasBody())
        Handler = FD;
  EXPECT_TRUE(Handler);
  return analyzeHandler(AST->getASTContext(), Handler, std::min(3u, EffectDepth), EffectDepth);
}

std::set<std::string> stateRules(const HandlerFacts &F) {
  std::set<std::string> Out;
  for (const Finding &X : F.Findings)
    if (X.K == Kind::ChangesState)
      Out.insert(X.Rule);
  return Out;
}

std::set<std::string> claimRules(const HandlerFacts &F) {
  std::set<std::string> Out;
  for (const EffectClaim &C : F.Claims)
    Out.insert(C.Rule);
  return Out;
}

TEST(EffectData, CompiledInDataIsWellFormed) {
  EXPECT_EQ(effectDataError(), "");
  ASSERT_TRUE(lookupKnownEffect("file_inode"));
  EXPECT_EQ(lookupKnownEffect("file_inode")->Effect, KnownEffectKind::Reads);
  ASSERT_TRUE(lookupKnownEffect("mutex_lock_nested"));
  EXPECT_EQ(lookupKnownEffect("mutex_lock_nested")->Family, "mutex");
  EXPECT_FALSE(lookupKnownEffect("no_such_kernel_function"));
  EXPECT_TRUE(isLoggingMacro("WARN_ON_ONCE"));
  EXPECT_TRUE(isLoggingHeader("/tree/include/linux/printk.h"));
  EXPECT_TRUE(isLoggingHeader("include/linux/printk.h"));
  EXPECT_FALSE(isLoggingHeader("/tree/drivers/char/mem.c"));
}

TEST(EffectRules, EachRuleHasOneIdAndAnExplanation) {
  std::set<std::string> Ids;
  for (const EffectRule &R : effectRules()) {
    EXPECT_TRUE(Ids.insert(R.Id).second) << R.Id;
    EXPECT_GT(std::string(R.Explanation).size(), 20u) << R.Id;
    EXPECT_EQ(findEffectRule(R.Id), &R);
  }
  // The list ends in findings that recognise every site.
  EXPECT_EQ(std::string(effectRules().back().Id), "store-state");
}

TEST(EffectRules, StoreIntoDriverStructIsState) {
  HandlerFacts F = analyze(R"(
struct d { int n; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	dev->n++;
	return 0;
})");
  EXPECT_EQ(stateRules(F), std::set<std::string>{"store-state"});
}

TEST(EffectRules, StoresToLocalsAreClaimed) {
  HandlerFacts F = analyze(R"(
struct span { unsigned long a, b; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct span s;
	int i, n[2];
	s.a = vma->vm_pgoff;
	for (i = 0; i < 2; i++)
		n[i] = i;
	s.b += n[1];
	return s.a > s.b;
})");
  EXPECT_TRUE(stateRules(F).empty());
  EXPECT_TRUE(claimRules(F).count("local-write"));
}

TEST(EffectRules, OutParameterBoundToCallerLocal) {
  const char *Helper = R"(
static void calc(unsigned long *out) { *out = 4; }
)";
  HandlerFacts Local = analyze(std::string(Helper) + R"(
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long n;
	calc(&n);
	return n > 3;
})");
  EXPECT_TRUE(stateRules(Local).empty());
  EXPECT_TRUE(claimRules(Local).count("caller-local-write"));
  // The same helper on memory that outlives the call.
  HandlerFacts Global = analyze(std::string(Helper) + R"(
static unsigned long total;
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	calc(&total);
	return 0;
})");
  EXPECT_EQ(stateRules(Global), std::set<std::string>{"store-state"});
}

TEST(EffectRules, LockPairsAreClaimedAndUnbalancedLocksAreNot) {
  HandlerFacts Pair = analyze(R"(
struct d { struct mutex lock; int size; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	int size;
	mutex_lock(&dev->lock);
	size = dev->size;
	mutex_unlock(&dev->lock);
	return size;
})");
  EXPECT_TRUE(stateRules(Pair).empty());
  ASSERT_TRUE(claimRules(Pair).count("lock-pair"));
  for (const EffectClaim &C : Pair.Claims)
    if (C.Rule == "lock-pair")
      EXPECT_EQ(C.EndLine, C.Pos.Line + 2);

  HandlerFacts Held = analyze(R"(
struct d { struct mutex lock, other; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	mutex_lock(&dev->lock);
	mutex_unlock(&dev->other);
	return 0;
})");
  EXPECT_EQ(stateRules(Held), std::set<std::string>{"lock-unbalanced"});
}

TEST(EffectRules, OneLockReleasedOnSeveralPathsIsBalanced) {
  HandlerFacts F = analyze(R"(
struct d { struct mutex lock; int size, ready; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	mutex_lock(&dev->lock);
	if (!dev->ready) {
		mutex_unlock(&dev->lock);
		return -1;
	}
	if (dev->size < 4) {
		mutex_unlock(&dev->lock);
		return -2;
	}
	mutex_unlock(&dev->lock);
	return 0;
})");
  EXPECT_TRUE(stateRules(F).empty());
  EXPECT_TRUE(claimRules(F).count("lock-pair"));
}

TEST(EffectRules, UnknownAndIndirectCallsAreFindings) {
  HandlerFacts F = analyze(R"(
int vendor_glue(void *p);
struct ops { int (*go)(void *p); };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct ops *o = file->private_data;
	vendor_glue(o);
	return o->go(o);
})");
  EXPECT_EQ(stateRules(F), (std::set<std::string>{"indirect-call", "unknown-callee"}));
}

TEST(EffectRules, KnownStateByNameOfTheCallNotOfTheMacro) {
  HandlerFacts F = analyze(R"(
#define get_user_slot(v) atomic_inc_unless_negative(v)
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	int *count = file->private_data;
	return get_user_slot(count) ? 0 : -1;
})");
  ASSERT_EQ(stateRules(F), std::set<std::string>{"known-state"});
  for (const Finding &X : F.Findings)
    if (X.K == Kind::ChangesState)
      EXPECT_NE(X.Message.find("atomic_inc_unless_negative"), std::string::npos);
}

TEST(EffectRules, HelperChainIsInTheMessageAndDepthIsBounded) {
  const char *Code = R"(
struct d { int busy; };
static void mark(struct d *dev) { dev->busy = 1; }
static void enter(struct d *dev) { mark(dev); }
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	enter(file->private_data);
	return 0;
})";
  HandlerFacts Deep = analyze(Code);
  ASSERT_EQ(stateRules(Deep), std::set<std::string>{"store-state"});
  for (const Finding &X : Deep.Findings)
    if (X.K == Kind::ChangesState)
      EXPECT_NE(X.Message.find("(in mark(), from enter())"), std::string::npos) << X.Message;
  // One level only: mark() is not followed, so its store cannot be proven
  // harmless either: still a finding, never a claim.
  HandlerFacts Shallow = analyze(Code, 1);
  EXPECT_EQ(stateRules(Shallow), std::set<std::string>{"followed-call"});
}

TEST(EffectRules, DeadBranchesAndUnevaluatedOperandsAreNotJudged) {
  HandlerFacts F = analyze(R"(
int trace_hook(void);
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long n = sizeof(trace_hook());
	if (0)
		trace_hook();
	return n > 0 ? 0 : -1;
})");
  EXPECT_TRUE(stateRules(F).empty());
  HandlerFacts Live = analyze(R"(
int trace_hook(void);
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		trace_hook();
	return 0;
})");
  EXPECT_EQ(stateRules(Live), std::set<std::string>{"unknown-callee"});
}

TEST(EffectRules, InlineAsmIsAFindingAnEmptyBarrierIsNot) {
  HandlerFacts F = analyze(R"(
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	asm volatile("" ::: "memory");
	asm volatile("wbinvd" ::: "memory");
	return 0;
})");
  EXPECT_EQ(stateRules(F), std::set<std::string>{"inline-asm"});
  EXPECT_TRUE(claimRules(F).count("compiler-barrier"));
}

TEST(EffectRules, AsmWritingOnlyLocalsIsAComputation) {
  HandlerFacts Local = analyze(R"(
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long mask, idx = vma->vm_pgoff;
	asm volatile("cmp %1,%2; sbb %0,%0" : "=r"(mask) : "g"(8UL), "r"(idx) : "cc");
	return mask ? 0 : -1;
})");
  EXPECT_TRUE(stateRules(Local).empty());
  EXPECT_TRUE(claimRules(Local).count("local-output-asm"));
  // An output in memory that outlives the call, or a memory clobber, is not.
  HandlerFacts Shared = analyze(R"(
struct d { int counter; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	int tmp;
	asm volatile("lock incl %0" : "+m"(dev->counter));
	asm volatile("nop" : "=r"(tmp) : : "memory");
	return tmp;
})");
  EXPECT_EQ(stateRules(Shared), std::set<std::string>{"inline-asm"});
  unsigned Asm = 0;
  for (const Finding &X : Shared.Findings)
    Asm += X.Rule == "inline-asm";
  EXPECT_EQ(Asm, 2u);
}

// memset() is a store through its first argument: of a local it is
// claimed, of the device's buffer it is state, with the statement named.
// Both spellings allmodconfig calls: the builtin, and KASAN's
// __underlying_memset(); fortify's object-size queries write nothing.
TEST(EffectRules, MemoryWritesAreStoresThroughTheirFirstArgument) {
  const char *Decls = R"(
typedef unsigned long size_t;
void *__underlying_memset(void *p, int c, size_t n);
struct span { unsigned long first, pages; };
struct zdev { char *buf; unsigned long len; };
)";
  HandlerFacts Local = analyze(std::string(Decls) + R"(
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct span s;
	__builtin_memset(&s, 0, __builtin_dynamic_object_size(&s, 0));
	__underlying_memset(&s, 0, sizeof(s));
	s.first = vma->vm_pgoff;
	return s.first ? 0 : -1;
})");
  EXPECT_TRUE(stateRules(Local).empty());
  EXPECT_TRUE(claimRules(Local).count("memory-write"));
  EXPECT_TRUE(claimRules(Local).count("builtin"));

  HandlerFacts Shared = analyze(std::string(Decls) + R"(
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct zdev *z = file->private_data;
	__underlying_memset(z->buf + (vma->vm_pgoff << 12), 0, z->len);
	return 0;
})");
  EXPECT_EQ(stateRules(Shared), std::set<std::string>{"memory-write"});
  bool Named = false;
  for (const Finding &X : Shared.Findings)
    Named |= llvm::StringRef(X.Message).contains("__underlying_memset() writes what z->buf");
  EXPECT_TRUE(Named);
}

TEST(EffectRules, StoresIntoOwnAllocationDeferToTheAllocation) {
  HandlerFacts F = analyze(R"(
void *kzalloc(unsigned long size, unsigned int flags);
struct m { unsigned long first; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct m *map = kzalloc(sizeof(*map), 0);
	map->first = vma->vm_pgoff;
	vma->vm_private_data = map;
	return 0;
})");
  EXPECT_TRUE(stateRules(F).empty());
  EXPECT_TRUE(claimRules(F).count("own-allocation-write"));
  bool NeedsMapped = false;
  for (const Finding &X : F.Findings)
    NeedsMapped |= X.K == Kind::NeedsMapped;
  EXPECT_TRUE(NeedsMapped); // The allocation itself is the finding.
}

} // namespace

namespace {

MmapHandler handlerCalling(const std::string &Callee) {
  MmapHandler H;
  H.Name = "h_mmap";
  H.HasBody = true;
  Finding F;
  F.K = Kind::ChangesState;
  F.Rule = "unknown-callee";
  F.Message = "calls " + Callee + "(), whose effects are unknown";
  F.ExternCallee = Callee;
  F.Pos = {"/t/h.c", 7, 2};
  H.Findings.push_back(F);
  return H;
}

FunctionSummary summaryOf(const std::string &Name, const std::string &File,
                          std::vector<Finding> Findings = {}) {
  FunctionSummary S;
  S.Name = Name;
  S.Pos = {File, 3, 1};
  S.Findings = std::move(Findings);
  return S;
}

TEST(Summaries, ACleanBodyInAnotherFileBecomesAClaim) {
  MmapHandler H = handlerCalling("rb_pages");
  FunctionSummary S = summaryOf("rb_pages", "/t/rb.c");
  std::vector<MmapHandler *> Hs = {&H};
  applySummaries(Hs, {&S});
  EXPECT_TRUE(H.Findings.empty());
  ASSERT_EQ(H.Claims.size(), 1u);
  EXPECT_EQ(H.Claims[0].Rule, "cross-file-summary");
  EXPECT_EQ(H.Claims[0].Pos.Line, 7u);
}

TEST(Summaries, ABodyWithFindingsNamesTheFirst) {
  MmapHandler H = handlerCalling("rb_take");
  Finding Store;
  Store.K = Kind::ChangesState;
  Store.Message = "stores to rb->owner";
  Store.Pos = {"/t/rb.c", 5, 2};
  FunctionSummary S = summaryOf("rb_take", "/t/rb.c", {Store});
  std::vector<MmapHandler *> Hs = {&H};
  applySummaries(Hs, {&S});
  ASSERT_EQ(H.Findings.size(), 1u);
  EXPECT_EQ(H.Findings[0].Rule, "summary-state");
  EXPECT_NE(H.Findings[0].Message.find("rb.c:3"), std::string::npos);
  EXPECT_NE(H.Findings[0].Message.find("stores to rb->owner"), std::string::npos);
  EXPECT_TRUE(H.Claims.empty());
}

TEST(Summaries, TwoDefinitionsOrNoneStayUnknown) {
  MmapHandler Two = handlerCalling("rb_pages"), None = handlerCalling("rb_other");
  FunctionSummary A = summaryOf("rb_pages", "/t/a.c"), B = summaryOf("rb_pages", "/t/b.c");
  std::vector<MmapHandler *> Hs = {&Two, &None};
  applySummaries(Hs, {&A, &B});
  ASSERT_EQ(Two.Findings.size(), 1u);
  EXPECT_EQ(Two.Findings[0].Rule, "summary-ambiguous");
  ASSERT_EQ(None.Findings.size(), 1u);
  EXPECT_EQ(None.Findings[0].Rule, "unknown-callee");
  EXPECT_TRUE(Two.Claims.empty() && None.Claims.empty());
}

TEST(Summaries, OnlyHandlersThatWaitForThemAskForSummaries) {
  MmapHandler Waits = handlerCalling("rb_pages");
  EXPECT_EQ(calleesWorthSummaries(Waits), std::set<std::string>{"rb_pages"});
  // Something else already keeps it manual: no summary is worth a parse.
  MmapHandler Stuck = handlerCalling("rb_pages");
  Finding Store;
  Store.K = Kind::ChangesState;
  Store.Rule = "store-state";
  Stuck.Findings.push_back(Store);
  EXPECT_TRUE(calleesWorthSummaries(Stuck).empty());
}

} // namespace

// --- How long a state change lasts (StateLifetime.h) -------------------------

const char *LifetimePrelude = R"(
struct vm_operations_struct { void (*open)(struct vm_area_struct *); void (*close)(struct vm_area_struct *); };
)";

std::set<std::string> mappedRules(const HandlerFacts &F) {
  std::set<std::string> Out;
  for (const Finding &X : F.Findings)
    if (X.K == Kind::NeedsMapped)
      Out.insert(X.Rule);
  return Out;
}

// A second vma type, so that vm_ops is set on something other than the
// handler's vma (corpus/cases/state_undone_in_close.c has the real one).
const char *WithOps = R"(
struct vma2 { unsigned long vm_start, vm_end; void *vm_private_data; const struct vm_operations_struct *vm_ops; };
)";

TEST(StateLifetime, OnlyACloseInstalledOnTheHandlersVmaUndoes) {
  HandlerFacts F = analyze(std::string(LifetimePrelude) + WithOps + R"(
struct d { int n; };
static void d_close(struct vm_area_struct *vma) { struct d *dev = vma->vm_private_data; dev->n--; }
static const struct vm_operations_struct d_ops = { .close = d_close };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	dev->n++;
	((struct vma2 *)vma)->vm_ops = &d_ops;
	return 0;
})");
  // d_close() undoes the count, but it is not installed on this mapping.
  EXPECT_EQ(stateRules(F), std::set<std::string>{"store-state"});
}

TEST(StateLifetime, UndoByTheHandlerItselfIsMappingLifetime) {
  HandlerFacts F = analyze(R"(
struct d { int n; int mode; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	dev->n++;
	if (dev->mode)
		goto fail;
	return 0;
fail:
	dev->n--;
	return -22;
})");
  EXPECT_EQ(mappedRules(F), std::set<std::string>{"mapping-lifetime"});
  // The undo itself is a change that nothing pairs with later.
  EXPECT_EQ(stateRules(F), std::set<std::string>{"store-state"});
}

TEST(StateLifetime, ConstantFlagNeverClearedBeforeAFailureIsSticky) {
  const char *Handler = R"(
struct d { _Bool seen; unsigned long pages; };
%s
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	dev->seen = 1;
	if (vma->vm_end - vma->vm_start > dev->pages)
		return -22;
	return 0;
})";
  auto With = [&](const char *Extra) {
    std::string S = Handler;
    S.replace(S.find("%s"), 2, Extra);
    return analyze(S);
  };
  HandlerFacts Sticky = With("");
  EXPECT_TRUE(stateRules(Sticky).empty());
  EXPECT_TRUE(claimRules(Sticky).count("sticky-state"));
  // Cleared anywhere in the file: not sticky.
  HandlerFacts Cleared = With("void d_reset(struct d *dev) { dev->seen = 0; }");
  EXPECT_EQ(stateRules(Cleared), std::set<std::string>{"store-state"});
  EXPECT_FALSE(claimRules(Cleared).count("sticky-state"));
}

TEST(StateLifetime, CountsAndFlagsWithoutALaterFailureAreNotSticky) {
  HandlerFacts Count = analyze(R"(
struct d { int n; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	dev->n++;
	if (!dev)
		return -22;
	return 0;
})");
  EXPECT_EQ(stateRules(Count), std::set<std::string>{"store-state"});
  HandlerFacts NoFailure = analyze(R"(
struct d { _Bool seen; };
int h_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct d *dev = file->private_data;
	dev->seen = 1;
	return 0;
})");
  EXPECT_EQ(stateRules(NoFailure), std::set<std::string>{"store-state"});
}
