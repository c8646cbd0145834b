#!/usr/bin/env bash
# Bad input and exit codes: every case is one clear line on stderr, the
# documented exit code, no crash, nothing written into the scanned tree.
# Usage: run.sh MMAP_MIGRATE_BINARY WORKDIR
set -uo pipefail
TOOL=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
INC=$HERE/../../corpus/include
SAMPLE=$HERE/../../corpus/sample-tree
rm -rf "$WORK" && mkdir -p "$WORK"
pass=0
fail=0

# expect NAME WANT_RC STDERR_REGEX -- command...
expect() {
  local name=$1 want=$2 re=$3
  shift 4
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  # LAST_LINE_ONLY=1: the command prints its usual diagnostics first; the
  # error that ends the run must be its last line.
  if [ "${LAST_LINE_ONLY:-0}" = 1 ]; then tail -n 1 "$WORK/err" >"$WORK/err.last" && mv "$WORK/err.last" "$WORK/err"; fi
  local lines
  lines=$(wc -l <"$WORK/err")
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, wanted $want"; sed 's/^/    /' "$WORK/err" | head -5; fail=$((fail + 1)); return
  fi
  if [ -n "$re" ] && ! grep -Eq "$re" "$WORK/err"; then
    echo "FAIL $name: stderr does not match /$re/"; sed 's/^/    /' "$WORK/err" | head -5; fail=$((fail + 1)); return
  fi
  if [ -n "$re" ] && [ "$lines" -ne 1 ]; then
    echo "FAIL $name: $lines lines on stderr, wanted one"; sed 's/^/    /' "$WORK/err" | head -5; fail=$((fail + 1)); return
  fi
  echo "ok   $name"; pass=$((pass + 1))
}

# check NAME COMMAND...: a shell condition that must hold.
check() {
  local name=$1
  shift
  if "$@"; then echo "ok   $name"; pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

expect "no subcommand" 1 "usage" -- "$TOOL"
expect "unknown option" 1 "Unknown command line argument|unknown" -- "$TOOL" scan --no-such-option
expect "bad format" 1 "unknown --format" -- "$TOOL" scan --format xml x.c -- -I.
expect "missing tree" 1 "no such directory: /nonexistent/tree" -- "$TOOL" scan --kernel /nonexistent/tree
mkdir -p "$WORK/notkernel"
expect "not a kernel tree" 1 "not a Linux source tree" -- "$TOOL" scan --kernel "$WORK/notkernel"
expect "both tree options" 1 "either --kernel or -p" -- "$TOOL" scan --kernel "$WORK/notkernel" -p "$WORK"
mkdir -p "$WORK/faketree/include/linux" "$WORK/faketree/scripts" "$WORK/faketree/arch/x86"
touch "$WORK/faketree/Makefile" "$WORK/faketree/Kconfig"
expect "unknown architecture" 1 "no arch/nosuch in" -- "$TOOL" scan --kernel "$WORK/faketree" \
  --arch x86_64,nosuch --cache-dir "$WORK/fakecache"
expect "an --arch that is a path" 1 "arch '../x86' is not an architecture name" -- "$TOOL" scan \
  --kernel "$WORK/faketree" --arch ../x86 --cache-dir "$WORK/fakecache"
mkdir -p "$WORK/with space"
expect "a cache dir with a space, refused before kbuild" 1 "the cache dir path '$WORK/with space' holds white space" -- \
  "$TOOL" scan --kernel "$WORK/faketree" --cache-dir "$WORK/with space"
: >"$WORK/cachefile"
expect "an unusable cache dir, said before the text pass" 2 "cannot use the cache dir $WORK/cachefile/sub" -- \
  "$TOOL" scan --kernel "$WORK/faketree" --cache-dir "$WORK/cachefile/sub"
expect "missing path" 1 "no such file or directory: nope.c" -- "$TOOL" scan nope.c -- -I.
expect "missing build dir" 1 "no such directory" -- "$TOOL" scan -p "$WORK/nobuild"
mkdir -p "$WORK/emptybuild"
expect "build dir without DB" 2 "compile_commands.json" -- "$TOOL" scan -p "$WORK/emptybuild"
mkdir -p "$WORK/badjson" && echo '[{"directory": "/", "file": ' >"$WORK/badjson/compile_commands.json"
expect "malformed compile DB" 2 "compile_commands.json" -- "$TOOL" scan -p "$WORK/badjson"
mkdir -p "$WORK/emptyjson" && echo '[]' >"$WORK/emptyjson/compile_commands.json"
expect "empty compile DB" 2 "no compile commands" -- "$TOOL" scan -p "$WORK/emptyjson"

# db_for TREE: a compile_commands.json over every .c of TREE, on stdout.
db_for() {
  python3 - "$1" "$INC" <<'PY'
import json, os, sys
tree, inc = sys.argv[1], sys.argv[2]
print(json.dumps([{"directory": tree, "file": os.path.join(r, f),
                   "command": f"clang-19 -nostdinc -I{inc} -c {os.path.join(r, f)}"}
                  for r, _, fs in sorted(os.walk(tree)) for f in sorted(fs) if f.endswith(".c")]))
PY
}

# A DB over the sample tree for the next cases.
mkdir -p "$WORK/sample"
db_for "$SAMPLE" >"$WORK/sample/compile_commands.json"
expect "file not in DB" 1 "not in the compilation database" -- "$TOOL" scan -p "$WORK/sample" "$HERE/run.sh"
expect "unwritable output" 2 "cannot write" -- "$TOOL" scan -p "$WORK/sample" -o /nonexistent/dir/report.json
expect "directory with no file of the DB" 1 "no file of .*compile_commands.json is under /etc" -- \
  "$TOOL" scan -p "$WORK/sample" /etc
expect "kernel PATH outside the tree" 1 "/etc is outside the tree $WORK/faketree" -- \
  "$TOOL" scan --kernel "$WORK/faketree" --cache-dir "$WORK/fakecache" /etc

# Every file the DB asks for is accounted for: a missing one, one that is
# not text, and one the user cannot read are listed with why, and the
# summary's counts add up to every file of the DB.
rm -rf "$WORK/acct-tree" && cp -r "$SAMPLE" "$WORK/acct-tree"
printf 'int a;\0 static const struct file_operations f = { .mmap = x_mmap };\n' >"$WORK/acct-tree/drivers/char/nul.c"
echo 'int secret;' >"$WORK/acct-tree/drivers/char/secret.c"
chmod 000 "$WORK/acct-tree/drivers/char/secret.c"
mkdir -p "$WORK/acct"
{ db_for "$WORK/acct-tree"; } | python3 -c '
import json, sys
db = json.load(sys.stdin)
gone = dict(db[0]); gone["file"] = sys.argv[1]
print(json.dumps(db + [gone]))' "$WORK/acct-tree/drivers/char/gone.c" >"$WORK/acct/compile_commands.json"
acct_user=()
if [ "$(id -u)" = 0 ]; then
  chown -R 65534:65534 "$WORK/acct-tree" "$WORK/acct"
  chmod o+x "$WORK"
  acct_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
"${acct_user[@]}" "$TOOL" scan -p "$WORK/acct" --root "$WORK/acct-tree" --no-cache --format json \
  -o "$WORK/acct/census.json" 2>"$WORK/err"
rc=$?
check "a DB with missing, binary and unreadable files: the scan succeeds" [ "$rc" = 0 ]
check "each is listed as not analysed with why, and the counts add up" python3 - "$WORK/acct/census.json" \
  "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/acct/compile_commands.json")" <<'PY2'
import json, sys
c = json.load(open(sys.argv[1]))
why = {n["file"]: n["reason"] for n in c["not_analysed"]}
assert why.get("drivers/char/gone.c") == "could not be read: No such file or directory", why
assert why.get("drivers/char/nul.c") == "not source text: a NUL byte at offset 6", why
assert why.get("drivers/char/secret.c") == "could not be read: Permission denied", why
f = c["summary"]["files"]
assert f["asked"] == int(sys.argv[2]), (f, sys.argv[2])
assert f["asked"] == f["parsed"] + f["read_as_text"] + f["no_mmap_member"] + f["not_analysed"], f
assert f["not_analysed"] == 3, f
PY2
chmod 644 "$WORK/acct-tree/drivers/char/secret.c"

# Output paths: a device is written into, never replaced; a full device is
# an error; a symlink keeps being a link, its target gets the report.
expect "output to /dev/full" 2 "cannot write /dev/full: No space left on device" -- \
  "$TOOL" scan -p "$WORK/sample" -q -o /dev/full
expect "output to /dev/null" 0 "" -- "$TOOL" scan -p "$WORK/sample" -q -o /dev/null
check "/dev/null is still a character device" [ -c /dev/null ]
mkfifo "$WORK/fifo"
(cat "$WORK/fifo" >"$WORK/fifo.out") &
reader=$!
expect "output to a FIFO" 0 "" -- "$TOOL" scan -p "$WORK/sample" -q -o "$WORK/fifo"
wait "$reader"
check "the FIFO is still a FIFO and the report went through it" \
  bash -c "[ -p '$WORK/fifo' ] && grep -q '^summary:' '$WORK/fifo.out'"
: >"$WORK/target.txt"
ln -s target.txt "$WORK/link.txt"
expect "output through a symlink" 0 "" -- "$TOOL" scan -p "$WORK/sample" -q -o "$WORK/link.txt"
check "the symlink stays a link and its target holds the report" \
  bash -c "[ -L '$WORK/link.txt' ] && grep -q '^summary:' '$WORK/target.txt'"
ln -s nowhere.txt "$WORK/dangling.txt"
expect "output to a dangling symlink" 2 "symbolic link to nothing" -- \
  "$TOOL" scan -p "$WORK/sample" -q -o "$WORK/dangling.txt"
expect "SARIF to /dev/full" 2 "cannot write /dev/full" -- \
  "$TOOL" scan -p "$WORK/sample" -q --sarif /dev/full
# --export-fixes goes through the same writer; rewrite prints one note per
# handler before it.
FIX_ARGS=(-q --verify-arg=-DMOCK_PROFILE_7_1)
LAST_LINE_ONLY=1 expect "fix-its to /dev/full" 2 "cannot write /dev/full: No space left on device" -- \
  "$TOOL" rewrite -p "$WORK/sample" "${FIX_ARGS[@]}" --export-fixes /dev/full
: >"$WORK/fixes-target.yaml"
ln -s fixes-target.yaml "$WORK/fixes-link.yaml"
expect "fix-its through a symlink" 0 "" -- \
  "$TOOL" rewrite -p "$WORK/sample" "${FIX_ARGS[@]}" --export-fixes "$WORK/fixes-link.yaml"
check "the fix-it symlink stays a link and its target holds the YAML" \
  bash -c "[ -L '$WORK/fixes-link.yaml' ] && grep -q 'ReplacementText:.*mmap_prepare' '$WORK/fixes-target.yaml'"

# JSON nested deeper than any real input: one line, exit 2, no stack overflow.
mkdir -p "$WORK/deepdb"
python3 -c "print('[' * 100000 + ']' * 100000)" >"$WORK/deepdb/compile_commands.json"
expect "compile DB nested 100000 levels deep" 2 "not a JSON compilation database: nested more than 200 levels deep" -- \
  "$TOOL" scan -p "$WORK/deepdb"
python3 -c "print('{\"runs\": ' + '[' * 100000 + ']' * 100000 + '}')" >"$WORK/deep.sarif"
expect "baseline nested 100000 levels deep" 2 "baseline .*deep.sarif is not a SARIF log: nested more than 200 levels deep" -- \
  bash -c "echo | '$TOOL' lint --baseline '$WORK/deep.sarif' -p '$WORK/sample'"

# A cache entry that still parses but was changed (a digit flipped) fails
# its checksum: the TU is parsed again, the report is the same.
(cd "$SAMPLE" && "$TOOL" scan -q --cache-dir "$WORK/sumcache" $(find . -name '*.c' | sort) \
  -- -nostdinc -I"$INC") >"$WORK/sum1.txt" 2>/dev/null
python3 - "$WORK/sumcache/results" <<'PY'
import os, re, sys
for f in os.listdir(sys.argv[1]):
    p = os.path.join(sys.argv[1], f)
    t = open(p).read()
    t = re.sub(r'"line":(\d)', lambda m: '"line":' + str((int(m.group(1)) + 1) % 10), t, count=1)
    open(p, "w").write(t)
PY
(cd "$SAMPLE" && "$TOOL" scan -v --cache-dir "$WORK/sumcache" $(find . -name '*.c' | sort) \
  -- -nostdinc -I"$INC") >"$WORK/sum2.txt" 2>"$WORK/sum2.err"
check "garbled cache entries are parsed again, not believed" bash -c \
  "! grep -q '^mmap-migrate: cached' '$WORK/sum2.err' && grep -q '^mmap-migrate: parsed' '$WORK/sum2.err' && cmp -s '$WORK/sum1.txt' '$WORK/sum2.txt'"

check "each garbled cache entry is said under -v" bash -c \
  "[ \$(grep -c '^mmap-migrate: ignoring damaged cache entry .*: its checksum does not match its content; parsing it again' '$WORK/sum2.err') = \$(ls '$WORK/sumcache/results' | wc -l) ]"

# A text-pass answer with one file dropped, its checksum line kept: the
# handler defined in that file must still be found, and the memo dropped
# with one -v line.
tp_scan() {
  "$TOOL" scan -v -p "$WORK/sample" --root "$SAMPLE" --cache-dir "$WORK/tpcache" \
    drivers/gpu/drm/sample/sample_drv.c
}
tp_scan >"$WORK/tp1.txt" 2>/dev/null
python3 - "$WORK/tpcache/text-pass" "$(cd "$SAMPLE" && pwd -P)/drivers/gpu/drm/sample/sample_gem.c" <<'PY'
import os, sys
for f in os.listdir(sys.argv[1]):
    p = os.path.join(sys.argv[1], f)
    t = open(p).read()
    gem = '"' + sys.argv[2] + '"'
    assert gem in t, t
    open(p, "w").write(t.replace(gem, "", 1))
PY
tp_scan >"$WORK/tp2.txt" 2>"$WORK/tp2.err"
check "a text-pass answer edited in the cache is computed again" bash -c \
  "grep -q \"drm_gem_mmap' is dispatch\" '$WORK/tp2.txt' && cmp -s '$WORK/tp1.txt' '$WORK/tp2.txt' && grep -q '^mmap-migrate: ignoring damaged .*/text-pass/.*: its checksum does not match its content; the text pass is run again' '$WORK/tp2.err'"

# A garbled digest list is dropped with one -v line and written again:
# the run after it has no such line, and both reuse every cached TU.
sed -i '1s/^./X/' "$WORK/tpcache/file-digests.tsv"
tp_scan >"$WORK/tp3.txt" 2>"$WORK/tp3.err"
tp_scan >"$WORK/tp4.txt" 2>"$WORK/tp4.err"
check "a garbled digest list is said once, and heals" bash -c \
  "grep -q '^mmap-migrate: ignoring damaged .*/file-digests.tsv: ' '$WORK/tp3.err' && ! grep -q 'ignoring damaged' '$WORK/tp4.err' && grep -q '(2 from the cache)' '$WORK/tp3.err' && grep -q '(2 from the cache)' '$WORK/tp4.err' && cmp -s '$WORK/tp1.txt' '$WORK/tp4.txt'"

# A tree from before ->mmap_prepare (no struct vm_area_desc): the rewrite is
# verified against the shim, which declares VMA_<name>_BIT only for the names
# the 7.0 enum has. A driver's own flag has no bit: that handler stays, the
# one setting VM_IO beside it is rewritten.
mkdir -p "$WORK/oldtree/include/linux" "$WORK/oldtree/drivers"
cat >"$WORK/oldtree/include/linux/mm_types.h" <<'EOF'
#ifndef _OLD_MM_TYPES_H
#define _OLD_MM_TYPES_H
typedef unsigned long vm_flags_t;
typedef unsigned long pgoff_t;
typedef unsigned long long phys_addr_t;
typedef struct { unsigned long pgprot; } pgprot_t;
struct mm_struct;
struct page;
struct file;
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	const vm_flags_t vm_flags;
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
};
#endif
EOF
cat >"$WORK/oldtree/include/linux/mm.h" <<'EOF'
#ifndef _OLD_MM_H
#define _OLD_MM_H
#include <linux/mm_types.h>
#define VM_PFNMAP	0x00000400UL
#define VM_IO		0x00004000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_MIXEDMAP	0x10000000UL
#define VM_SPECIAL (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
struct vm_operations_struct {
	void (*close)(struct vm_area_struct *area);
};
void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags);
#endif
EOF
cat >"$WORK/oldtree/include/linux/fs.h" <<'EOF'
#ifndef _OLD_FS_H
#define _OLD_FS_H
struct vm_area_struct;
struct file {
	void *private_data;
};
struct file_operations {
	int (*mmap) (struct file *, struct vm_area_struct *);
};
#endif
EOF
cat >"$WORK/oldtree/drivers/io.c" <<'EOF'
#include <linux/fs.h>
#include <linux/mm.h>

static int io_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO);
	return 0;
}

const struct file_operations io_fops = { .mmap = io_mmap };
EOF
cat >"$WORK/oldtree/drivers/quirk.c" <<'EOF'
#include <linux/fs.h>
#include <linux/mm.h>

/* This device's own bit in the upper vm_flags range. */
#define VM_LOCAL_QUIRK	0x80000000UL

static int quirk_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_LOCAL_QUIRK);
	return 0;
}

const struct file_operations quirk_fops = { .mmap = quirk_mmap };
EOF
(cd "$WORK/oldtree" && "$TOOL" rewrite --root . --profile 7.1 --dry-run --no-cache drivers/io.c drivers/quirk.c \
  -- -nostdinc -I"$WORK/oldtree/include") >"$WORK/old.diff" 2>"$WORK/old.err"
check "a pre-API tree: a driver's own VM_ flag has no VMA_*_BIT, so the verifier refuses its handler" bash -c \
  "grep -q \"'quirk_mmap' not rewritten: the rewritten code does not compile: .*VMA_LOCAL_QUIRK_BIT\" '$WORK/old.err' && grep -q '^+	vma_desc_set_flags(desc, VMA_IO_BIT);' '$WORK/old.diff' && ! grep -q 'VMA_LOCAL_QUIRK_BIT' '$WORK/old.diff'"

# The scan leaves the tree exactly as it was (names, sizes, mtimes).
before=$(find "$SAMPLE" -printf '%p %s %T@\n' | sort)
expect "scan of sample tree" 0 "" -- "$TOOL" scan -p "$WORK/sample" --root "$SAMPLE" --format json -o "$WORK/sample.json"
after=$(find "$SAMPLE" -printf '%p %s %T@\n' | sort)
check "tree untouched" [ "$before" = "$after" ]
check "report written" grep -q '"handlers"' "$WORK/sample.json"
check "no temp file left" bash -c "! ls '$WORK' | grep -q 'sample.json.tmp'"

# Files that do not parse: reported, not fatal.
printf '\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0' >"$WORK/blob.c"
expect "binary file" 0 "" -- "$TOOL" scan "$WORK/blob.c" -- -nostdinc
check "binary file listed as not analysed" grep -q "blob.c.*\[mmap-migrate-not-analysed\]" "$WORK/out"
printf 'static int broken(struct file *f { return 0; }\n' >"$WORK/broken.c"
expect "unparsable file" 0 "" -- "$TOOL" scan "$WORK/broken.c" -- -nostdinc -I"$INC"
check "unparsable file counted as failed" grep -q "1 failed" "$WORK/out"

# clang 19 crashes (SIGSEGV in randstruct) on a randomized struct with a
# field of incomplete type: that TU is lost, the run is not.
cat >"$WORK/crash.c" <<'EOF2'
struct crash_later;
struct crash_holder {
	struct crash_undefined thing;
	struct crash_later *next;
} __attribute__((randomize_layout));
EOF2
cp "$WORK/crash.c" "$WORK/crash2.c"
expect "a TU that crashes clang" 0 "" -- "$TOOL" scan -q -j2 "$WORK/crash.c" "$WORK/crash2.c" \
  "$SAMPLE/drivers/char/sample_sram.c" -- -nostdinc -I"$INC" -frandomize-layout-seed=1
check "the crashed TUs are listed, the others analysed" bash -c \
  "[ \$(grep -c 'could not be parsed: the compiler crashed on this file \[mmap-migrate-not-analysed\]' '$WORK/out') = 2 ] && grep -q \"sets ->mmap to 'sram_mmap'\" '$WORK/out'"

# A huge file (about 40 MB) still parses, and its slot is found.
{
  echo '#include <linux/fs.h>'
  echo '#include <linux/mm.h>'
  yes '/* padding padding padding padding padding padding padding padding */' | head -n 600000
  echo 'static int big_mmap(struct file *f, struct vm_area_struct *v) { return 0; }'
  echo 'static const struct file_operations big_fops = { .mmap = big_mmap };'
} >"$WORK/huge.c"
expect "huge file" 0 "" -- "$TOOL" scan "$WORK/huge.c" -- -nostdinc -I"$INC"
check "huge file slot found" grep -q "'big_fops' sets ->mmap to 'big_mmap'" "$WORK/out"

# --dump-commands: the TUs the scan parsed, as compile_commands.json.
"$TOOL" scan --dump-commands "$WORK/dump.json" "$SAMPLE/drivers/char/sample_sram.c" -- -nostdinc -I"$INC" >/dev/null 2>&1
check "dump-commands lists the parsed TU" python3 -c "
import json
e = json.load(open('$WORK/dump.json'))
assert len(e) == 1 and e[0]['file'].endswith('sample_sram.c') and '-nostdinc' in e[0]['arguments']
"

# A progress line on a terminal, none with -q or when stderr is a file.
script -qc "'$TOOL' scan '$SAMPLE/drivers/char/sample_sram.c' -- -nostdinc -I'$INC'" /dev/null \
  >"$WORK/tty.out" 2>&1
check "progress line on a terminal" grep -q "1/1 TUs parsed, about" "$WORK/tty.out"
script -qc "'$TOOL' scan -q '$SAMPLE/drivers/char/sample_sram.c' -- -nostdinc -I'$INC'" /dev/null \
  >"$WORK/tty-q.out" 2>&1
check "no progress line with -q" bash -c "! grep -q 'TUs parsed, about' '$WORK/tty-q.out'"
"$TOOL" scan "$SAMPLE/drivers/char/sample_sram.c" -- -nostdinc -I"$INC" >/dev/null 2>"$WORK/err"
check "no progress line when stderr is not a terminal" bash -c "! grep -q 'about' '$WORK/err'"

# SARIF goes to its file, never to stdout; it agrees with the JSON report,
# and its fingerprints survive lines moving.
SAMPLE_C=$(cd "$SAMPLE" && find . -name '*.c' | sort)
(cd "$SAMPLE" && "$TOOL" scan --root "$SAMPLE" $SAMPLE_C --sarif "$WORK/census.sarif" \
  --format json -o "$WORK/census.json" -- -nostdinc -I"$INC") >/dev/null 2>&1
(cd "$SAMPLE" && "$TOOL" scan --root "$SAMPLE" $SAMPLE_C --sarif "$WORK/stdout.sarif" \
  -- -nostdinc -I"$INC") >"$WORK/stdout.txt" 2>/dev/null
check "SARIF is not mixed into stdout" bash -c "! grep -q '2.1.0' '$WORK/stdout.txt' && grep -q 'mmap-migrate-' '$WORK/stdout.txt'"
rm -rf "$WORK/moved" && cp -r "$SAMPLE" "$WORK/moved"
for f in $SAMPLE_C; do sed -i '1i /* one more line */' "$WORK/moved/$f"; done
(cd "$WORK/moved" && "$TOOL" scan --root "$WORK/moved" $SAMPLE_C --sarif "$WORK/moved.sarif" \
  -- -nostdinc -I"$INC") >/dev/null 2>&1
check "SARIF agrees with the JSON report, fingerprints stable" \
  python3 "$HERE/check_sarif.py" "$WORK/census.sarif" "$WORK/census.json" "$WORK/moved.sarif"
expect "SARIF file cannot be written" 2 "cannot write|No such file" -- "$TOOL" scan \
  "$SAMPLE/drivers/char/sample_sram.c" --sarif /nonexistent/dir/x.sarif -- -nostdinc -I"$INC"

# rewrite: the profile comes from what the tree's own headers declare.
detect_tree() { # NAME DECLARATIONS...: a tree whose mm.h declares them
  local t=$WORK/detect-$1
  shift
  mkdir -p "$t/include/linux"
  printf '%s\n' "$@" >"$t/include/linux/mm.h"
  cp "$SAMPLE/drivers/char/sample_mmap.c" "$t/one.c" 2>/dev/null || echo 'int x;' >"$t/one.c"
  echo "$t"
}
t=$(detect_tree 619 'struct vm_area_desc;' 'void mmap_action_remap(struct vm_area_desc *desc);' 'unsigned long vma_desc_pages(const struct vm_area_desc *desc);')
"$TOOL" rewrite --root "$t" --dry-run "$t/one.c" -- -nostdinc -I"$INC" >/dev/null 2>"$WORK/err"
check "profile 6.19 detected from the tree" grep -q "profile 6.19 (detected from the tree's headers)" "$WORK/err"
t=$(detect_tree 71 'struct vm_area_desc;' 'void mmap_action_remap(struct vm_area_desc *desc);' 'void vma_desc_set_flags(struct vm_area_desc *desc, ...);' '_Bool vma_desc_test(const struct vm_area_desc *desc, int bit);' 'void mmap_action_map_kernel_pages(struct vm_area_desc *desc);')
"$TOOL" rewrite --root "$t" --dry-run "$t/one.c" -- -nostdinc -I"$INC" >/dev/null 2>"$WORK/err"
check "profile 7.1 detected from the tree" grep -q "profile 7.1 (detected from the tree's headers)" "$WORK/err"
t=$(detect_tree rfc 'struct vm_area_desc;' 'int generic_file_mmap_prepare(struct vm_area_desc *desc);' 'int (*mmap_complete)(struct file *, struct vm_area_struct *, const void *);')
"$TOOL" rewrite --root "$t" --dry-run "$t/one.c" -- -nostdinc -I"$INC" >/dev/null 2>"$WORK/err"
check "RFC profile detected from the tree" grep -q "profile rfc-mmap-complete (detected from the tree's headers)" "$WORK/err"
t=$(detect_tree old 'struct vm_area_struct;')
"$TOOL" rewrite --root "$t" --dry-run "$t/one.c" -- -nostdinc -I"$INC" >/dev/null 2>"$WORK/err"
check "a tree without the API gets the default" grep -q "profile 7.1 (default: the tree's headers do not declare the ->mmap_prepare API)" "$WORK/err"
expect "unknown profile" 1 "unknown profile '9.9'" -- "$TOOL" rewrite --profile 9.9 --dry-run "$t/one.c" -- -nostdinc -I"$INC"

# rewrite -i is one transaction over all its files (tool/driver/RewriteJournal.h).
# The sample tree converts in three files under the 7.1 mock headers.
RW_ARGS=(--verify-arg=-DMOCK_PROFILE_7_1 -q)
sample_copy() { # DIR: a fresh copy of the sample tree
  rm -rf "$1" && cp -r "$SAMPLE" "$1"
}
rewrite_in() { # DIR CACHE [ARGS...]: rewrite -i over every C file of DIR
  local dir=$1 cache=$2
  shift 2
  (cd "$dir" && exec "$TOOL" rewrite -i --root "$dir" --cache-dir "$cache" "${RW_ARGS[@]}" "$@" \
    $(find . -name '*.c' ! -name '*.mmap-migrate-*' | sort) -- -nostdinc -I"$INC")
}
tree_state() { # DIR: every file and its hash
  (cd "$1" && find . -type f | sort | xargs sha1sum)
}
sample_copy "$WORK/rw-ref"
rewrite_in "$WORK/rw-ref" "$WORK/rw-cache" 2>/dev/null
check "reference rewrite -i changed three files" bash -c \
  "[ \$(diff -r '$SAMPLE' '$WORK/rw-ref' | grep -c '^diff') = 3 ] && [ -z \"\$(ls -A '$WORK/rw-cache/journal' | grep -v '^lock$')\" ]"
REF_STATE=$(tree_state "$WORK/rw-ref")

# Killed after the commit point: the next run of any command finishes it.
journal_state() { # CACHE: the state of the one journal, or nothing
  # The last line is the checksum (tool/support/AtomicFile.h).
  cat "$1"/journal/*.json 2>/dev/null | python3 -c 'import json,sys; print(json.loads(sys.stdin.read().rsplit("#xxh3 ", 1)[0])["state"])' 2>/dev/null
}
kill_at_state() { # DIR CACHE STATE [SIGNAL]: starts a slow rewrite -i, kills it (-9) in STATE
  local dir=$1 cache=$2 want=$3 sig=${4:-KILL}
  (cd "$dir" && exec "$TOOL" rewrite -i --root "$dir" --cache-dir "$cache" "${RW_ARGS[@]}" \
    --test-commit-pause-ms=400 $(find . -name '*.c' | sort) -- -nostdinc -I"$INC") 2>/dev/null &
  local pid=$! i
  for i in $(seq 1 600); do
    [ "$(journal_state "$cache")" = "$want" ] && break
    sleep 0.05
  done
  sleep 0.5
  TEMPS_AT_KILL=$(find "$dir" -name '*.mmap-migrate-*' | wc -l)
  kill -s "$sig" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
sample_copy "$WORK/rw-kill"
kill_at_state "$WORK/rw-kill" "$WORK/rw-kill-cache" committing
check "killed while committing: a journal is left" [ "$(journal_state "$WORK/rw-kill-cache")" = committing ]
expect "the next scan finishes the interrupted rewrite" 0 \
  "finished an interrupted 'rewrite -i' of $WORK/rw-kill" -- \
  bash -c "cd '$WORK/rw-kill' && '$TOOL' scan -q --cache-dir '$WORK/rw-kill-cache' \$(find . -name '*.c' ! -name '*.mmap-migrate-*') -- -nostdinc -I'$INC'"
check "the finished tree equals one uninterrupted run" [ "$(tree_state "$WORK/rw-kill")" = "$REF_STATE" ]

# Killed before the commit point: the next run undoes it, then converts.
sample_copy "$WORK/rw-stage"
kill_at_state "$WORK/rw-stage" "$WORK/rw-stage-cache" staging
check "killed while staging: no file of the tree changed yet" bash -c \
  "diff -r -x '*.mmap-migrate-*' '$SAMPLE' '$WORK/rw-stage' >/dev/null"
rewrite_in "$WORK/rw-stage" "$WORK/rw-stage-cache" 2>"$WORK/err"
check "the rerun says it undid the interrupted rewrite" grep -q "undid an interrupted 'rewrite -i' of $WORK/rw-stage (pid [0-9]*, started .*): it had replaced no file; removed [0-9]* temporary file" "$WORK/err"
check "the rerun's tree equals one uninterrupted run" [ "$(tree_state "$WORK/rw-stage")" = "$REF_STATE" ]

# Interrupted (^C, SIGTERM) while staging: the run removes what it wrote
# and the tree is as it was; during the commit, the commit completes first.
temporaries() { find "$1" -name '*.mmap-migrate-*' | wc -l; }
no_journal() { [ -z "$(ls "$1/journal" 2>/dev/null | grep -v '^lock$')" ]; }
# (The run must have written a temporary before the signal, else this proves nothing.)
untouched_clean() { [ "$TEMPS_AT_KILL" -gt 0 ] && diff -r "$SAMPLE" "$1" >/dev/null && [ "$(temporaries "$1")" = 0 ] && no_journal "$2"; }
committed_clean() { [ "$(tree_state "$1")" = "$REF_STATE" ] && [ "$(temporaries "$1")" = 0 ] && no_journal "$2"; }
for sig in ${SIGS:-INT TERM}; do
  sample_copy "$WORK/rw-sig"
  rm -rf "$WORK/rw-sig-cache"
  kill_at_state "$WORK/rw-sig" "$WORK/rw-sig-cache" staging $sig
  check "SIG$sig while staging: tree unchanged, no temporary, no journal" \
    untouched_clean "$WORK/rw-sig" "$WORK/rw-sig-cache"
  sample_copy "$WORK/rw-sig"
  rm -rf "$WORK/rw-sig-cache"
  kill_at_state "$WORK/rw-sig" "$WORK/rw-sig-cache" committing $sig
  check "SIG$sig while committing: the commit completes, nothing left" \
    committed_clean "$WORK/rw-sig" "$WORK/rw-sig-cache"
done

# A temporary of ours that no journal names (its run was killed, and its
# journal is in another cache dir) is removed before the next rewrite.
sample_copy "$WORK/rw-stale"
echo "half a file" >"$WORK/rw-stale/drivers/char/sample_sram.c.mmap-migrate-1F2E3D4C"
echo "not ours" >"$WORK/rw-stale/drivers/char/sample_sram.c.orig"
rewrite_in "$WORK/rw-stale" "$WORK/rw-stale-cache" 2>"$WORK/err"
check "a stale temporary is removed, and said" bash -c \
  "grep -q 'removed .*sample_sram.c.mmap-migrate-1F2E3D4C, a temporary file an interrupted run left' '$WORK/err' && [ ! -e '$WORK/rw-stale/drivers/char/sample_sram.c.mmap-migrate-1F2E3D4C' ] && [ -e '$WORK/rw-stale/drivers/char/sample_sram.c.orig' ]"

# Two rewrite -i of one tree at once: the second, started during the
# first's commit, says it waits, then finds nothing left to do; the tree is
# one run's. (Started earlier, it plans the old text and stops at the hash
# check: "changed since it was parsed".)
sample_copy "$WORK/rw-two"
(cd "$WORK/rw-two" && exec "$TOOL" rewrite -i --root "$WORK/rw-two" --cache-dir "$WORK/rw-two-cache" \
  "${RW_ARGS[@]}" --test-commit-pause-ms=400 $(find . -name '*.c' | sort) -- -nostdinc -I"$INC") \
  >/dev/null 2>&1 &
first=$!
for i in $(seq 1 600); do [ -n "$(journal_state "$WORK/rw-two-cache")" ] && break; sleep 0.05; done
rewrite_in "$WORK/rw-two" "$WORK/rw-two-cache" >/dev/null 2>"$WORK/two.err"
rc=$?
wait "$first"
check "a second rewrite -i at once waits, then has nothing to do" bash -c \
  "[ $rc = 0 ] && grep -q 'waiting for another run that holds the rewrite journal' '$WORK/two.err' && tail -n 1 '$WORK/two.err' | grep -q ' 0 edits'"
check "the tree is what one run leaves" [ "$(tree_state "$WORK/rw-two")" = "$REF_STATE" ]

# A journal that cannot be settled stops every command with one line.
mkdir -p "$WORK/rw-bad-cache/journal"
echo '{"version": 1, "state": "comm' >"$WORK/rw-bad-cache/journal/rewrite-0.json"
expect "a damaged journal" 2 "cannot read the rewrite journal .*rewrite-0.json: it is damaged" -- \
  "$TOOL" scan -q --cache-dir "$WORK/rw-bad-cache" "$SAMPLE/drivers/char/sample_sram.c" -- -nostdinc -I"$INC"
sample_copy "$WORK/rw-edit"
kill_at_state "$WORK/rw-edit" "$WORK/rw-edit-cache" committing
echo "/* edited by hand */" >>"$WORK/rw-edit/drivers/char/sample_sram.c"
echo "/* edited by hand */" >>"$WORK/rw-edit/fs/samplefs/file.c"
echo "/* edited by hand */" >>"$WORK/rw-edit/drivers/char/sample_ring.c"
expect "a journal whose files changed since" 2 "cannot finish an interrupted 'rewrite -i' .* is neither its old nor its new text; check the tree, then remove" -- \
  "$TOOL" scan -q --cache-dir "$WORK/rw-edit-cache" "$SAMPLE/drivers/char/sample_sram.c" -- -nostdinc -I"$INC"

# A directory that cannot take the temporary file: refused before any file
# is replaced (as an unprivileged user: root writes anywhere).
sample_copy "$WORK/rw-ro"
mkdir -p "$WORK/rw-ro-cache"
as_user=()
if [ "$(id -u)" = 0 ]; then
  chown -R 65534:65534 "$WORK/rw-ro" "$WORK/rw-ro-cache"
  chmod o+x "$WORK"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
chmod a-w "$WORK/rw-ro/fs/samplefs"
(cd "$WORK/rw-ro" && "${as_user[@]}" "$TOOL" rewrite -i --root "$WORK/rw-ro" --cache-dir "$WORK/rw-ro-cache" \
  "${RW_ARGS[@]}" $(find . -name '*.c' | sort) -- -nostdinc -I"$INC") >/dev/null 2>"$WORK/err"
rc=$?
check "rewrite -i with a read-only directory fails with one last line" bash -c \
  "[ $rc = 2 ] && tail -n 1 '$WORK/err' | grep -q 'cannot write next to .*fs/samplefs/file.c: Permission denied; no file was changed'"
chmod u+w "$WORK/rw-ro/fs/samplefs"
check "no file changed, no temporary file left" bash -c "diff -r '$SAMPLE' '$WORK/rw-ro' >/dev/null"

# A tree half-converted by other means (a hand conversion that stopped, a
# partly applied patch): each sign is reported, a whole conversion is not.
HALF=$HERE/half-converted
mkdir -p "$WORK/half"
db_for "$HALF" >"$WORK/half/compile_commands.json"
"$TOOL" scan -q -p "$WORK/half" --root "$HALF" -o "$WORK/half.txt" 2>"$WORK/err"
rc=$?
check "half-converted tree: the scan still succeeds" [ "$rc" = 0 ]
check "a .mmap_prepare slot naming a function nothing defines" grep -q \
  "drivers/misc/ring_fops.c:8:1: warning: half-converted: .mmap_prepare names 'ring_mmap_prepare', which no file defines; its ->mmap form 'ring_mmap' is still defined at drivers/misc/ring_core.c:6" "$WORK/half.txt"
check "a .mmap slot naming a handler renamed to _prepare" grep -q \
  "drivers/misc/bell_fops.c:8:1: warning: half-converted: .mmap names 'bell_mmap', which no file defines; its ->mmap_prepare form 'bell_mmap_prepare' is defined at drivers/misc/bell_core.c:7" "$WORK/half.txt"
check "a stale prototype of the renamed handler" grep -q \
  "drivers/misc/bell.h:7:1: warning: half-converted: stale prototype of 'bell_mmap', which no file defines; 'bell_mmap_prepare' replaced it at drivers/misc/bell_core.c:7" "$WORK/half.txt"
check "whole conversions and unconverted handlers are not half-converted" bash -c \
  "[ \$(grep -c 'warning: half-converted:' '$WORK/half.txt') = 3 ] && ! grep 'warning: half-converted:' '$WORK/half.txt' | grep -q -e drum -e horn"
"$TOOL" rewrite -q -p "$WORK/half" --root "$HALF" --verify-arg=-DMOCK_PROFILE_7_1 >/dev/null 2>"$WORK/err"
check "rewrite warns about each half-conversion too" bash -c \
  "[ \$(grep -c 'warning: half-converted:.*\\[mmap-migrate-half-converted\\]' '$WORK/err') = 3 ]"

# Core callers: the f_op->mmap test becomes can_mmap_file() only when no
# call of the slot is left anywhere, a file clang could not parse included.
CORE=$HERE/core-callers
mkdir -p "$WORK/core"
db_for "$CORE" >"$WORK/core/compile_commands.json"
"$TOOL" rewrite --dry-run -p "$WORK/core" --root "$CORE" --profile 7.1 >"$WORK/core.diff" 2>"$WORK/err"
check "core callers: a call in a file that did not parse keeps the tests, and says where" bash -c \
  "grep -q 'core callers: 0 of 1 f_op->mmap tests -> can_mmap_file(), 2 of 3 calls -> vfs_mmap()' '$WORK/err' &&
   grep -q 'f_op->mmap tests left: .*fs/relay/relay.c:12: the slot is called there and the file was not fully analysed' '$WORK/err' &&
   grep -q '^+.*return vfs_mmap(file, vma);' '$WORK/core.diff' && ! grep -q can_mmap_file '$WORK/core.diff'"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); json.dump([e for e in d if "relay" not in e["file"]], open(sys.argv[1], "w"))' \
  "$WORK/core/compile_commands.json"
"$TOOL" rewrite --dry-run -p "$WORK/core" --root "$CORE" --profile 7.1 >"$WORK/core.diff" 2>"$WORK/err"
check "core callers: without that file, the test and both calls are rewritten" bash -c \
  "grep -q 'core callers: 1 of 1 f_op->mmap tests -> can_mmap_file(), 2 of 2 calls -> vfs_mmap()' '$WORK/err' &&
   grep -q '^+.*if (!can_mmap_file(file))' '$WORK/core.diff'"
(cd "$CORE" && "$TOOL" rewrite --dry-run -p "$WORK/core" --root "$CORE" --profile 7.1 mm/loader.c) \
  >"$WORK/core.diff" 2>"$WORK/err"
check "core callers: a run on some files of the build keeps the tests (ipc/seg.c is not parsed)" bash -c \
  "grep -q 'core callers: 0 of 1 f_op->mmap tests -> can_mmap_file(), 1 of 1 calls -> vfs_mmap()' '$WORK/err' &&
   grep -q 'f_op->mmap tests left: the run was given paths' '$WORK/err' && ! grep -q can_mmap_file '$WORK/core.diff'"

# A table stored into a field that a call of ->mmap reads, by a file the
# scan does not parse: the handler stays; without that file, it converts.
FIELD=$HERE/field-store
mkdir -p "$WORK/field"
db_for "$FIELD" >"$WORK/field/compile_commands.json"
"$TOOL" rewrite --dry-run -p "$WORK/field" --root "$FIELD" --profile 7.1 >"$WORK/field.diff" 2>"$WORK/err"
check "barriers: a store the scan does not parse keeps the table's handler, and says where" bash -c \
  "grep -q \"'card_mmap' not rewritten: its table 'card_fops' may be stored into struct gfx_driver::fops where the scan does not see (gfx/board.c:8 stores it into a member of that name\" '$WORK/err' &&
   ! grep -q mmap_prepare '$WORK/field.diff'"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); json.dump([e for e in d if "board" not in e["file"]], open(sys.argv[1], "w"))' \
  "$WORK/field/compile_commands.json"
"$TOOL" rewrite --dry-run -p "$WORK/field" --root "$FIELD" --profile 7.1 >"$WORK/field.diff" 2>"$WORK/err"
check "barriers: without that file, the handler converts" bash -c \
  "grep -q '^+.*\.mmap_prepare = card_mmap_prepare,' '$WORK/field.diff'"

# check, as kbuild runs it (C=1 CHECK='mmap-migrate check'): sparse's
# CHECKFLAGS, the compiler's flags, the file last; notes on stderr, exit 0.
CF=(-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise -Wno-return-void
  -Wno-unknown-attribute --arch=x86_64 -mlittle-endian -m64 -nostdinc -I"$INC" -c -o "$WORK/x.o")
CASE=$HERE/../../corpus/cases/helper_vma_static.c
"$TOOL" check "${CF[@]}" "$CASE" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "check: a file with a handler gets the scan's notes on stderr, exit 0" bash -c \
  "[ $rc = 0 ] && [ ! -s '$WORK/out' ] && [ ! -e '$WORK/x.o' ] &&
   diff <(grep -E ': (note|warning): ' '$WORK/err') \
        <('$TOOL' scan '$CASE' -- -nostdinc -I'$INC' 2>/dev/null | grep -E ': (note|warning): ')"
printf 'int answer(void) { return 42; }\n' >"$WORK/plain.c"
"$TOOL" check -v "${CF[@]}" "$WORK/plain.c" >"$WORK/out" 2>"$WORK/err"
check "check: a file that names no mmap or ops is not parsed, and says nothing" bash -c \
  "[ $? = 0 ] && [ ! -s '$WORK/out' ] && [ ! -s '$WORK/err' ]"
expect "check: no source file" 1 "error: check: no C source file in the command line" -- \
  "$TOOL" check "${CF[@]}"
expect "check: a source that is not there" 2 "error: check: cannot read .*/nothere.c: No such file" -- \
  "$TOOL" check "${CF[@]}" "$WORK/nothere.c"
printf 'static const struct file_operations f = { .mmap = m, };\n' >"$WORK/broken.c"
"$TOOL" check "${CF[@]}" "$WORK/broken.c" >"$WORK/out" 2>"$WORK/err"
check "check: a file clang cannot parse is a warning, not a failed build" bash -c \
  "[ $? = 0 ] && grep -q 'warning: .*\[mmap-migrate-not-analysed\]' '$WORK/err'"

# A scan split over machines (scan --shard I/N) and merged back is the one
# run's census, byte for byte; a merge that lacks or repeats a part says so.
"$TOOL" scan -q -p "$WORK/sample" --no-cache --format json -o "$WORK/one.json" 2>/dev/null
for i in 1 2 3; do
  "$TOOL" scan -q -p "$WORK/sample" --no-cache --shard $i/3 -o "$WORK/shard$i.json" 2>/dev/null
done
"$TOOL" merge -q --no-cache --format json -o "$WORK/merged.json" \
  "$WORK/shard1.json" "$WORK/shard2.json" "$WORK/shard3.json" 2>/dev/null
check "three shards merged give the census of one scan, byte for byte" \
  cmp "$WORK/one.json" "$WORK/merged.json"
check "... and no shard is empty (the split spreads the sample's TUs)" python3 -c "
import json, sys
sizes = [len(json.load(open('$WORK/shard%d.json' % i))['tus']) for i in (1, 2, 3)]
sys.exit(0 if min(sizes) > 0 else 1)"
# The split is by the path under the tree, not by where the tree lies: one
# more folder above it (the sample sits outside the working folder, so the
# DB's common folder is the base) leaves each shard's files as they were.
mkdir -p "$WORK/elsewhere/deeper/sample" "$WORK/elsewhere/db"
cp -r "$SAMPLE/." "$WORK/elsewhere/deeper/sample/"
db_for "$WORK/elsewhere/deeper/sample" >"$WORK/elsewhere/db/compile_commands.json"
"$TOOL" scan -q -p "$WORK/elsewhere/db" --no-cache --shard 1/3 -o "$WORK/moved1.json" 2>/dev/null
check "a tree at another path splits alike (shard 1/3 holds the same files)" python3 -c "
import json, os
def names(path, tree):
    return sorted(os.path.relpath(t['result']['main_file'], tree) for t in json.load(open(path))['tus'])
a = names('$WORK/shard1.json', os.path.realpath('$SAMPLE'))
b = names('$WORK/moved1.json', os.path.realpath('$WORK/elsewhere/deeper/sample'))
raise SystemExit(0 if a == b and a else 1)"
"$TOOL" merge -q --no-cache --sarif "$WORK/merged.sarif" -o "$WORK/merged.txt" \
  "$WORK/shard1.json" "$WORK/shard2.json" "$WORK/shard3.json" 2>/dev/null
check "merge writes SARIF too" grep -q '"version": "2.1.0"' "$WORK/merged.sarif"
expect "merge: a shard missing" 2 "error: shard 3/3 is missing" -- \
  "$TOOL" merge -q --no-cache "$WORK/shard1.json" "$WORK/shard2.json"
expect "merge: a shard twice" 2 "error: .*shard2.json: shard 2 is given twice" -- \
  "$TOOL" merge -q --no-cache "$WORK/shard1.json" "$WORK/shard2.json" "$WORK/shard2.json"
expect "merge: not a shard file" 2 "error: .*one.json: not a shard file of this version" -- \
  "$TOOL" merge -q --no-cache "$WORK/one.json"
expect "scan --shard: not I/N" 1 "error: --shard '4/3' is not I/N" -- \
  "$TOOL" scan -p "$WORK/sample" --shard 4/3 -o "$WORK/x.json"
expect "scan --shard: no -o" 1 "error: --shard writes a shard file: give -o FILE" -- \
  "$TOOL" scan -p "$WORK/sample" --shard 1/3

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
