#!/usr/bin/env bash
# `mmap-migrate lint` on a git copy of the sample tree: it reports the
# ->mmap handlers, .mmap slots and f_op->mmap tests and calls a change adds
# and nothing that was there before, the same from --base, --head, a diff on
# stdin and a format-patch series; the suggestion is exactly what `rewrite`
# does; baselines (SARIF or text) accept findings; exit 0 clean, 1 findings,
# 2 for every refusal, with one line.
# Usage: run.sh MMAP_MIGRATE_BINARY WORKDIR
set -uo pipefail
TOOL=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
INC=$HERE/../../corpus/include
SAMPLE=$HERE/../../corpus/sample-tree
rm -rf "$WORK" && mkdir -p "$WORK"
. "$HERE/../lib.sh"
export HOME=$WORK/home GIT_CONFIG_NOSYSTEM=1 GIT_CEILING_DIRECTORIES=$WORK
mkdir -p "$HOME"
G=(git -c user.name=Dev -c user.email=dev@example.org)

TREE=$WORK/tree
cp -r "$SAMPLE" "$TREE"
commit_db "$TREE" "$WORK/build" "$INC"
LINT=("$TOOL" lint -p "$WORK/build" --root "$TREE" --verify-arg=-DMOCK_PROFILE_7_1)

lint() { # WANT_RC ARGS...: runs lint in the tree, output in $WORK/out, $WORK/err
  local want=$1
  shift
  (cd "$TREE" && "${LINT[@]}" "$@") >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "    lint $*: exit $rc, wanted $want"; sed 's/^/    /' "$WORK/err" | head -3
    return 1
  fi
}
diags() { grep '^>> [^ ]' "$1" | sed 's/^>> //'; } # the diagnostic lines of a report
has() { grep -Fq -- "$2" "$1" || { echo "    no '$2' in $1"; return 1; }; }
hasnt() { ! grep -Fq -- "$2" "$1" || { echo "    unexpected '$2' in $1"; return 1; }; }
refuses() { # NAME REGEX ARGS...: exit 2 with one line matching REGEX
  local name=$1 re=$2
  shift 2
  "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  local rc=$?
  if [ "$rc" = 2 ] && grep -Eq -- "$re" "$WORK/err" && [ "$(wc -l <"$WORK/err")" = 1 ]; then
    echo "ok   $name"; pass=$((pass + 1))
  else
    echo "FAIL $name: exit $rc"; sed 's/^/    /' "$WORK/err" | head -3; fail=$((fail + 1))
  fi
}

refuses "--base outside git" "is not a git checkout" "${LINT[@]}" --base HEAD
(cd "$TREE" && git init -q . && "${G[@]}" add -A && "${G[@]}" commit -qm "Import the sample tree")
BASE=$(git -C "$TREE" rev-parse HEAD)

check "no change: exit 0" lint 0 --base HEAD
check "no change: says so" has "$WORK/out" "the change adds no ->mmap users"

# --- A change that touches old handlers only: nothing to report.
cat >>"$TREE/drivers/char/sample_sram.c" <<'EOF'

/* The window is fixed by the SoC. */
EOF
sed -i 's/^\tif (size > SRAM_SIZE)$/\tif (!size || size > SRAM_SIZE)/' "$TREE/drivers/char/sample_sram.c"
check "edits inside an old handler: exit 0" lint 0 --base HEAD
check "edits inside an old handler: the file was parsed" has "$WORK/out" "1 translation unit parsed"
(cd "$TREE" && "${G[@]}" commit -qam "char: sample: refuse empty windows")
OLD=$(git -C "$TREE" rev-parse HEAD)

# --- The change under test: a new convertible handler with its table, a
# test and a call of f_op->mmap, a new slot for an old handler, a new
# generic slot, and a v4l2 slot (another table: not reported).
python3 - "$TREE" <<'PY'
import sys
t = sys.argv[1]
def add(path, text, after=None):
    p = f"{t}/{path}"
    s = open(p).read()
    s = s.replace(after, after + text, 1) if after else s + text
    open(p, "w").write(s)
add("drivers/misc/sample_fpga.c", "#include <linux/module.h>\n", after="#include <linux/fs.h>\n")
add("drivers/misc/sample_fpga.c", """
static int fpga_regs_mmap(struct file *file, struct vm_area_struct *vma)
{
	file_accessed(file);
	vma->vm_ops = NULL;
	return 0;
}

static const struct file_operations fpga_regs_fops = {
	.owner		= THIS_MODULE,
	.mmap		= fpga_regs_mmap,
};

static int fpga_can_map(struct file *f)
{
	if (!f->f_op->mmap) /* a test of f_op->mmap in a comment is not one */
		return -ENODEV;
	return 0;
}

static int fpga_forward(struct file *lower, struct vm_area_struct *vma)
{
	return lower->f_op->mmap(lower, vma);
}

static const struct file_operations fpga_debug_fops = {
	.mmap		= fpga_mmap,
};

#ifdef CONFIG_SAMPLE_FPGA_NEVER
static const struct file_operations fpga_never_fops = {
	.mmap		= fpga_mmap,
};
#endif
""")
add("drivers/char/sample_ring.c", """
static const struct file_operations ring_debug_fops = {
	.owner	= THIS_MODULE,
	.mmap	= ring_mmap,
};
""")
add("fs/samplefs/file.c", """
const struct file_operations samplefs_dir_operations = {
	.mmap		= generic_file_mmap,
};
""")
add("drivers/media/sample/sample_cam.c", """
static const struct v4l2_file_operations cam_v4l2_debug_fops = {
	.mmap	= cam_v4l2_mmap,
};
""")
PY
line_of() { grep -n -- "$2" "$TREE/$1" | head -1 | cut -d: -f1; }
H=$(line_of drivers/misc/sample_fpga.c "^static int fpga_regs_mmap")
T=$(line_of drivers/misc/sample_fpga.c "if (!f->f_op->mmap)")
C=$(line_of drivers/misc/sample_fpga.c "return lower->f_op->mmap")
R=$(grep -n "ring_debug_fops" "$TREE/drivers/char/sample_ring.c" | cut -d: -f1)
R=$((R + 2))
GS=$(($(wc -l <"$TREE/fs/samplefs/file.c") - 1))

check "working-tree change: exit 1" lint 1 --base HEAD --sarif "$WORK/l.sarif"
cp "$WORK/out" "$WORK/wt.txt"
check "four rules, seven findings" test "$(diags "$WORK/wt.txt" | wc -l)" = 7
N=$(line_of drivers/misc/sample_fpga.c "^static const struct file_operations fpga_never_fops")
check "a slot in code this configuration does not compile" has "$WORK/wt.txt" \
  ">> drivers/misc/sample_fpga.c:$((N + 1)): warning: a .mmap slot is added: ->mmap is deprecated"
check "new handler, at its definition" has "$WORK/wt.txt" \
  ">> drivers/misc/sample_fpga.c:$H:12: warning: new ->mmap handler 'fpga_regs_mmap' (pure-setup): ->mmap is deprecated, implement ->mmap_prepare instead [mmap-migrate-new-mmap-handler]"
check "its slot as a note" has "$WORK/wt.txt" "note: ->mmap of 'fpga_regs_fops'"
check "a test of f_op->mmap" has "$WORK/wt.txt" \
  ">> drivers/misc/sample_fpga.c:$T:16: warning: tests f_op->mmap directly"
check "a call of f_op->mmap" has "$WORK/wt.txt" \
  ">> drivers/misc/sample_fpga.c:$C:22: warning: calls f_op->mmap directly"
check "advice for a tree without the helpers" has "$WORK/wt.txt" "call vfs_mmap() (call_mmap() on older trees)"
check "new slot for an old handler" has "$WORK/wt.txt" \
  ">> drivers/char/sample_ring.c:$R:10: warning: 'ring_debug_fops' gets an ->mmap slot ('ring_mmap')"
check "new generic slot" has "$WORK/wt.txt" \
  ">> fs/samplefs/file.c:$GS:11: warning: 'samplefs_dir_operations' gets an ->mmap slot ('generic_file_mmap')"
check "another table's slot is not reported" hasnt "$WORK/wt.txt" "cam_v4l2_debug_fops"
check "old handlers are not reported" hasnt "$WORK/wt.txt" "'sram_mmap'"
check ">> on the added lines of the excerpt" grep -Pq "^>> +$H\tstatic int fpga_regs_mmap" "$WORK/wt.txt"
check "no >> on old lines" grep -Pq "^   +$((H - 2))\t" "$WORK/wt.txt"
check "the config and compiler" grep -Eq "^compiler: .*clang version 19" "$WORK/wt.txt"
check "the generic slot's suggestion is that line only" \
  grep -Pq "^\+\t\.mmap_prepare\t= generic_file_mmap_prepare,$" "$WORK/wt.txt"
check "a manual handler gets the reason, not a form" \
  has "$WORK/wt.txt" "no ->mmap_prepare form suggested: stores the vma pointer"

# The suggestions for the new handler and the call are exactly what
# `rewrite` does to the file: applied one by one, the same text. The test
# gets none: lint sees the changed files only, and a call of the slot in
# another file would go unseen (rewrite keeps the tests on such runs too).
suggestion_at() {
  awk -v at="drivers/misc/sample_fpga.c:$1: " 'index($0, at) == 1 {on=1} on&&/^suggested/{s=1;next} on&&/^----------/{exit} s&&length($0){print}' \
    "$WORK/wt.txt"
}
suggestion_at "$H:12" >"$WORK/suggested.diff"
suggestion_at "$T:16" >"$WORK/suggested-test.diff"
suggestion_at "$C:22" >"$WORK/suggested-call.diff"
(cd "$TREE" && "$TOOL" rewrite -p "$WORK/build" --root "$TREE" --verify-arg=-DMOCK_PROFILE_7_1 \
  drivers/misc/sample_fpga.c 2>/dev/null) | grep -v '^$' >"$WORK/rewrite.diff"
rm -rf "$WORK/by-rewrite" "$WORK/by-lint"
mkdir -p "$WORK/by-rewrite/drivers/misc" "$WORK/by-lint/drivers/misc"
cp "$TREE/drivers/misc/sample_fpga.c" "$WORK/by-rewrite/drivers/misc/"
cp "$TREE/drivers/misc/sample_fpga.c" "$WORK/by-lint/drivers/misc/"
(cd "$WORK/by-rewrite" && git apply "$WORK/rewrite.diff")
for D in suggested suggested-call; do
  (cd "$WORK/by-lint" && git apply "$WORK/$D.diff")
done
check "suggestions = rewrite's edits" diff -u "$WORK/by-rewrite/drivers/misc/sample_fpga.c" \
  "$WORK/by-lint/drivers/misc/sample_fpga.c"
check "the two edits applied" grep -q "fpga_regs_mmap_prepare.*vfs_mmap\|vfs_mmap" \
  "$WORK/by-lint/drivers/misc/sample_fpga.c"
check "the test gets no suggestion, and why" bash -c \
  "[ ! -s '$WORK/suggested-test.diff' ] && grep -q '^no ->mmap_prepare form suggested: the tests stay: the run was given paths' '$WORK/wt.txt'"
check "the call's suggestion" grep -q "^+	return vfs_mmap(lower, vma);" "$WORK/suggested-call.diff"
check "suggestion converts it" grep -q "^+static int fpga_regs_mmap_prepare(struct vm_area_desc \*desc)" \
  "$WORK/suggested.diff"

# SARIF: what the text says, with fingerprints and relative paths.
check "SARIF matches the text" python3 - "$WORK/l.sarif" "$WORK/wt.txt" <<'PY'
import json, re, sys
log = json.load(open(sys.argv[1]))
text = [l[3:] for l in open(sys.argv[2]) if re.match(">> [^ ]", l)]
assert log["version"] == "2.1.0"
run, = log["runs"]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
got = []
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
    path = loc["artifactLocation"]["uri"]
    assert not path.startswith("/"), path
    assert rules[r["ruleIndex"]] == r["ruleId"]
    assert r["partialFingerprints"]["mmapMigrateLint/v1"].split()[1] == path
    got.append((path, loc["region"]["startLine"], r["ruleId"]))
want = []
for l in text:
    m = re.match(r"([^:]+):(\d+)(?::\d+)?: warning: .* \[(\S+)\]$", l.strip())
    want.append((m.group(1), int(m.group(2)), m.group(3)))
assert sorted(got) == sorted(want), (got, want)
sug = [r for r in run["results"] if "suggestion" in r["properties"]]
assert any("fpga_regs_mmap_prepare" in r["properties"]["suggestion"] for r in sug)
PY

# The same change as a diff on stdin, and committed (--head).
(cd "$TREE" && git diff HEAD) >"$WORK/change.diff"
check "diff on stdin: exit 1" lint 1 <"$WORK/change.diff"
check "diff on stdin: same findings" diff <(diags "$WORK/wt.txt") <(diags "$WORK/out")
(cd "$TREE" && "${G[@]}" add -A && "${G[@]}" commit -qm "misc: sample: regs window")
check "--head: exit 1" lint 1 --base "$OLD" --head HEAD
check "--head: same findings" diff <(diags "$WORK/wt.txt") <(diags "$WORK/out")
check "--head: says the head" has "$WORK/out" "head:     HEAD ("

# Baselines: the SARIF log, the printed lines, and a partial one.
check "SARIF baseline: exit 0" lint 0 --base "$OLD" --baseline "$WORK/l.sarif"
check "SARIF baseline: counted" has "$WORK/out" "baseline: 7 findings accepted"
sed -n '/^To accept these findings/,$p' "$WORK/wt.txt" | tail -n +3 >"$WORK/baseline.txt"
check "text baseline: exit 0" lint 0 --base "$OLD" --baseline "$WORK/baseline.txt"
# A byte order mark (some editors add one) does not make the SARIF log text.
printf '\xef\xbb\xbf' | cat - "$WORK/l.sarif" >"$WORK/bom.sarif"
check "SARIF baseline with a BOM: exit 0" lint 0 --base "$OLD" --baseline "$WORK/bom.sarif"
check "SARIF baseline with a BOM: counted" has "$WORK/out" "baseline: 7 findings accepted"
grep -v "new-mmap-handler" "$WORK/baseline.txt" >"$WORK/partial.txt"
check "partial baseline: exit 1" lint 1 --base "$OLD" --baseline "$WORK/partial.txt"
check "partial baseline: only the rest" test "$(diags "$WORK/out" | wc -l)" = 1

# A series on stdin: the second patch moves the first one's lines.
(cd "$TREE" && sed -i '0,/^static int fpga_can_map/s//\/* Both windows. *\/\n&/' drivers/misc/sample_fpga.c &&
  sed -i '3i /* Registers and SRAM. */' drivers/misc/sample_fpga.c &&
  "${G[@]}" commit -qam "misc: sample: comments")
check "series on stdin: exit 1" lint 1 < <(cd "$TREE" && git format-patch -q --stdout "$OLD"..HEAD)
cp "$WORK/out" "$WORK/series.txt"
check "series on stdin: same as --base" lint 1 --base "$OLD"
check "series on stdin: lines after both patches" diff <(diags "$WORK/out") <(diags "$WORK/series.txt")
check "series on stdin: lines did move" test "$(diags "$WORK/out" | md5sum)" != "$(diags "$WORK/wt.txt" | md5sum)"

# Only what the branch adds: the base moving on after the fork is not the
# branch's change.
(cd "$TREE" && git checkout -q -b topic && git checkout -q master &&
  printf '\nstatic int sram_alt_mmap(struct file *file, struct vm_area_struct *vma)\n{\n\treturn -ENODEV;\n}\n\nstatic const struct file_operations sram_alt_fops = {\n\t.mmap\t= sram_alt_mmap,\n};\n' \
    >>drivers/char/sample_sram.c && "${G[@]}" commit -qam "char: sample: alt window" &&
  git checkout -q topic &&
  sed -i 's/^\tif (vma_pages(vma) > ring->nr_pages)$/\tif (!file->f_op->mmap || vma_pages(vma) > ring->nr_pages)/' drivers/char/sample_ring.c &&
  "${G[@]}" commit -qam "char: sample: odd check")
check "merge base: exit 1" lint 1 --base master
check "merge base: the topic's own change" test "$(diags "$WORK/out" | cut -d: -f1,4)" = "drivers/char/sample_ring.c: warning"
check "merge base: the base's new handler is not the topic's" hasnt "$WORK/out" "sram_alt_mmap"
check "merge base: named in the header" has "$WORK/out" "base:     master (merge base"
check "--head that is not checked out: exit 2" lint 2 --base "$OLD" --head master
check "--head that is not checked out: says so" has "$WORK/err" "check out master first"

# A touched file the build does not know: its added lines are read as text.
mkdir -p "$TREE/drivers/extra"
printf '#include <linux/fs.h>\n\nstatic const struct file_operations x_fops = {\n\t.mmap = x_mmap,\n};\n' \
  >"$TREE/drivers/extra/x.c"
(cd "$TREE" && "${G[@]}" add -A && "${G[@]}" commit -qm "extra: x")
check "file not in the compile DB: exit 1" lint 1 --base HEAD~1
check "file not in the compile DB: read as text" has "$WORK/out" \
  ">> drivers/extra/x.c:4: warning: a .mmap slot is added"
check "file not in the compile DB: said" has "$WORK/out" \
  "drivers/extra/x.c was not analysed, its added lines were read as text: not in compile_commands.json"

# A header change: a fops macro gains an .mmap slot, and every table it
# builds gets one (the whole tree is scanned; reported where it is used).
cat >"$TREE/drivers/char/sample_fops.h" <<'EOF'
#define SAMPLE_FOPS(name, handler)			\
static const struct file_operations name = {		\
	.owner	= THIS_MODULE,				\
}
EOF
printf '\n#include "sample_fops.h"\nSAMPLE_FOPS(ring_macro_fops, ring_mmap);\n' >>"$TREE/drivers/char/sample_ring.c"
(cd "$TREE" && "${G[@]}" add -A && "${G[@]}" commit -qm "char: sample: fops macro")
check "macro without a slot: exit 0" lint 0 --base HEAD~1
sed -i 's/^\t\.owner\t= THIS_MODULE,\t*\\$/&\n\t.mmap\t= handler,\t\t\t\t\\/' "$TREE/drivers/char/sample_fops.h"
check "the header gains the slot" grep -q "^	.mmap	= handler," "$TREE/drivers/char/sample_fops.h"
check "header change: exit 1" lint 1 --base HEAD
check "header change: the table the macro builds" has "$WORK/out" \
  "'ring_macro_fops' (built by macro SAMPLE_FOPS) gets an ->mmap slot ('ring_mmap')"
check "header change: the slot's line as a note" has "$WORK/out" \
  "drivers/char/sample_fops.h:4:2: note: the slot is written here"
check "header change: reported once" test "$(diags "$WORK/out" | wc -l)" = 1
git -C "$TREE" checkout -q -- drivers/char/sample_fops.h

# Refusals: exit 2 and one line.
cd "$TREE" || exit 1
refuses "unknown --base" "unknown revision 'nope' \(--base\)" "${LINT[@]}" --base nope
refuses "--head without --base" "--head needs --base" "${LINT[@]}" --head HEAD
refuses "not a diff on stdin" "no unified diff" bash -c 'echo "hello" | "$@"' _ "${LINT[@]}"
refuses "broken hunk" "ends inside a hunk" bash -c \
  'printf -- "--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,3 @@\n x\n" | "$@"' _ "${LINT[@]}"
refuses "missing baseline" "cannot read baseline" "${LINT[@]}" --base HEAD --baseline "$WORK/nothing"
echo '{"version": "2.1.0"}' >"$WORK/bad.sarif"
refuses "baseline not SARIF" "not a SARIF log" "${LINT[@]}" --base HEAD --baseline "$WORK/bad.sarif"
refuses "paths given" "Unknown command line argument" "${LINT[@]}" --base HEAD drivers
# A CI gate fails closed: input that cannot be the whole change is refused.
refuses "empty stdin (the diff command failed)" "the diff on stdin is empty .*--allow-empty" \
  bash -c ': | "$@"' _ "${LINT[@]}"
check "an empty change given on purpose" bash -c \
  ': | "$@" --allow-empty >/dev/null 2>&1' _ "${LINT[@]}"
refuses "a diff cut after its ---/+++ lines" "drivers/char/sample_sram.c ends after its ---/\+\+\+ lines" \
  bash -c 'printf -- "diff --git a/drivers/char/sample_sram.c b/drivers/char/sample_sram.c\n--- a/drivers/char/sample_sram.c\n+++ b/drivers/char/sample_sram.c\n" | "$@"' _ "${LINT[@]}"
cp "$TREE/drivers/char/sample_sram.c" "$WORK/x.c"
refuses "a path that leaves the tree" "the diff names \.\./x\.c, which leaves the tree" \
  bash -c 'printf -- "--- a/../x.c\n+++ b/../x.c\n@@ -1,1 +1,2 @@\n x\n+int y;\n" | "$@"' _ "${LINT[@]}"
refuses "an absolute path" "the diff names /etc/x.c, an absolute path" \
  bash -c 'printf -- "--- /etc/x.c\n+++ /etc/x.c\n@@ -1,1 +1,2 @@\n x\n+int y;\n" | "$@"' _ "${LINT[@]}"
# Random bytes, and bytes that read as one `#` comment line but hold a
# control byte (what made random input pass once in 500 runs).
head -c 200 /dev/urandom >"$WORK/random.baseline"
refuses "a baseline of random bytes" "random.baseline is not text: byte 0x[0-9a-f]{2} at offset [0-9]+" \
  "${LINT[@]}" --base HEAD --baseline "$WORK/random.baseline"
printf '# \x01\x80 binary' >"$WORK/comment.baseline"
refuses "a binary baseline that reads as a comment" "comment.baseline is not text: byte 0x01 at offset 2" \
  "${LINT[@]}" --base HEAD --baseline "$WORK/comment.baseline"
printf '#' >"$WORK/random.baseline"
head -c 200 /dev/urandom | tr -d '\n' >>"$WORK/random.baseline"
refuses "random bytes after a #" "random.baseline is not text: byte 0x[0-9a-f]{2} at offset [0-9]+" \
  "${LINT[@]}" --base HEAD --baseline "$WORK/random.baseline"
printf '# accepted\nnew-mmap-handler drivers/x.c x_mmap\nthis is not a fingerprint\n' >"$WORK/prose.baseline"
refuses "a baseline line that is not a fingerprint" "prose.baseline line 3 is not a 'rule path symbol' fingerprint: 'this is not a fingerprint'" \
  "${LINT[@]}" --base HEAD --baseline "$WORK/prose.baseline"
echo '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "sparse"}}, "results": []}]}' >"$WORK/other.sarif"
refuses "a SARIF log of another tool" "not a SARIF log of mmap-migrate lint \(tool 'sparse'\)" \
  "${LINT[@]}" --base HEAD --baseline "$WORK/other.sarif"
# A report that cannot reach stdout is no verdict: 2, not 1 ("findings").
refuses "stdout full" "cannot write to standard output: No space left on device" \
  bash -c '"$@" >/dev/full' _ "${LINT[@]}" --base "$OLD"
refuses "stdout closed" "cannot write to standard output: Bad file descriptor" \
  bash -c '"$@" >&-' _ "${LINT[@]}" --base "$OLD"
refuses "stdout a pipe nobody reads" "cannot write to standard output: Broken pipe" \
  python3 -c 'import os, subprocess, sys
r, w = os.pipe(); os.close(r)
sys.exit(subprocess.run(sys.argv[1:], stdout=w, stdin=subprocess.DEVNULL).returncode)' "${LINT[@]}" --base "$OLD"
refuses "build dir of unknown tree" "give --root TREE" "$TOOL" lint -p "$WORK/build" --base HEAD
refuses "not a kernel tree" "not a Linux source tree" "$TOOL" lint --base HEAD
refuses "broken compile DB" "compile_commands" bash -c \
  'mkdir -p "$0/bad" && echo "[{" >"$0/bad/compile_commands.json" && "$@"' "$WORK" \
  "$TOOL" lint -p "$WORK/bad" --root "$TREE" --base HEAD

finish lint
