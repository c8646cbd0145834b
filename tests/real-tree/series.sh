#!/usr/bin/env bash
# `mmap-migrate series` on Debian's linux-source-6.12, committed into git:
# every patch applies with git am in order on the base, checkpatch.pl
# --strict finds no error in any, recipients come from get_maintainer.pl,
# no series has more than 15 patches, and the applied series is exactly
# the rewrite's diff. Then lint on the same checkout, with a change that
# adds an ->mmap handler.
# Usage: series.sh MMAP_MIGRATE_BINARY WORKDIR
set -euo pipefail
TOOL=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tree.sh"
. "$HERE/../lib.sh"
export HOME=$WORK/home GIT_CONFIG_NOSYSTEM=1
# The test tree must not be taken for part of a checkout around WORK
# (CI builds inside the project's own clone).
export GIT_CEILING_DIRECTORIES=$WORK
mkdir -p "$HOME"
G=(git -c user.name=Importer -c user.email=importer@example.org)

# The tree as a git checkout (Debian's .gitignore ignores the top level:
# add everything by force).
SRC=$WORK/git/$TREE_NAME
if [ ! -f "$WORK/git/.committed" ]; then
  rm -rf "$WORK/git"
  extract_tree "$WORK/git"
  (cd "$SRC" && git init -q -b master . && "${G[@]}" add -A -f && "${G[@]}" commit -qm "Import linux-source-6.12")
  touch "$WORK/git/.committed"
fi
back_to_import() { # whatever git am or a run cut off left checked out
  git -C "$SRC" am --abort 2>/dev/null || true
  git -C "$SRC" checkout -q -f master
  git -C "$SRC" reset -q --hard
}
back_to_import
trap 'drop_tree_unless_kept "$WORK/git"' EXIT
BASE=$(git -C "$SRC" rev-parse HEAD)

start=$(date +%s)
rm -rf "$WORK/series"
"$TOOL" series --kernel "$SRC" --cache-dir "$WORK/cache-git" -o "$WORK/series" \
  --signoff "Ann Example <ann@example.org>" >"$WORK/series.out" 2>"$WORK/series.err"
echo "series: written in $(( $(date +%s) - start )) s: $(tail -n 1 "$WORK/series.err")"

mapfile -t PARTS < <(cd "$WORK/series" && ls -d part-* 2>/dev/null || echo .)
mapfile -t PATCHES < <(for p in "${PARTS[@]}"; do ls "$WORK/series/$p"/000[1-9]*.patch "$WORK/series/$p"/00[1-9]*.patch 2>/dev/null; done | sort -u | sort -t/ -k1,1)
echo "series: ${#PARTS[@]} part(s), ${#PATCHES[@]} patches"
check "at least 20 patches" [ "${#PATCHES[@]}" -ge 20 ]
check "no part has more than 15 patches" bash -c \
  "for p in ${PARTS[*]}; do [ \$(ls '$WORK/series/'\$p/*.patch | grep -vc 0000-cover) -le 15 ] || exit 1; done"
check "every part has a cover letter with the census and the base" bash -c \
  "for p in ${PARTS[*]}; do c='$WORK/series/'\$p/0000-cover-letter.patch;
     grep -Eq '^  total +[0-9]+ +[0-9]+ +[0-9]+\$' \$c && grep -q '^Left alone, with the reason:' \$c &&
     grep -q '^base-commit: $BASE\$' \$c && grep -q 'mmap_zero(): ' \$c || exit 1; done"
check "the generic slots are one fs patch" bash -c \
  "grep -l '^Subject: \[PATCH [0-9]*/[0-9]*\] fs: replace deprecated mmap hook' $(printf "'%s' " "${PATCHES[@]}") | wc -l | grep -qx 1"
# Upstream's order: the core callers before any handler, calls before tests;
# debugfs's lockdown test asks both hooks before relay's handler converts
# (relay files live in debugfs: with ->mmap alone they would skip the check).
check "the core callers come first: vfs_mmap() calls, then tests that ask both hooks, before relay converts" \
  python3 - "${PATCHES[@]}" <<'PY'
import re, sys
texts = [open(p).read() for p in sys.argv[1:]]
assert re.search(r"^\+.*= vfs_mmap\(sfd->file, vma\);", texts[0], re.M), "calls patch first"
assert not re.search(r"^\+.*(can_mmap_file|mmap_prepare)", texts[0], re.M), "calls patch holds only calls"
def first(pattern):
    return next(i for i, t in enumerate(texts) if re.search(pattern, t, re.M))
debugfs = first(r"^\+.*!real_fops->mmap && !real_fops->mmap_prepare")
relay = first(r"^diff --git a/kernel/relay.c ")
handlers = [i for i, t in enumerate(texts) if re.search(r"^\+.*\.mmap_prepare\s*=", t, re.M)]
assert debugfs < relay and debugfs < min(handlers), (debugfs, relay, min(handlers))
# The f_op tests' patch is second (ecryptfs's own test goes with its handler).
assert re.search(r"^\+.*if \(!can_mmap_file\(file\)\)", texts[1], re.M) and " fs/binfmt_elf.c " in texts[1]
PY
check "recipients from get_maintainer.pl on every patch and the cover letters" bash -c \
  "for p in $(printf "'%s' " "${PATCHES[@]}"); do grep -Eq '^(To|Cc): ' \$p || exit 1; done &&
   grep -q 'linux-kernel@vger.kernel.org' '$WORK/series/${PARTS[0]}/0000-cover-letter.patch'"
check "every To/Cc entry is one plain RFC 5322 address" python3 - "${PATCHES[@]}" $(for p in "${PARTS[@]}"; do echo "$WORK/series/$p/0000-cover-letter.patch"; done) <<'PY'
import email, email.utils, re, sys
bad = []
for path in sys.argv[1:]:
    msg = email.message_from_file(open(path))
    for field in ("To", "Cc"):
        for value in msg.get_all(field) or []:
            for entry in value.split(","):
                entry = " ".join(entry.split())
                name, addr = email.utils.parseaddr(entry)
                if not re.fullmatch(r"[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+", addr) or "(" in entry:
                    bad.append((path, entry))
assert not bad, bad[:5]
PY
check "a changed error code is said in a commit message" \
  grep -qr "^Note for xsd_kva_mmap_prepare(): if remap_pfn_range() fails" "$WORK/series"
check "several files of one unit: the folder they share gives the prefix" \
  grep -qr "^Subject: \[PATCH [0-9]*/[0-9]*\] xen: replace deprecated mmap hook" "$WORK/series"
check "subjects unique and at most 75 characters" python3 - "${PATCHES[@]}" <<'PY'
import email, sys
subjects = []
for path in sys.argv[1:]:
    s = " ".join(email.message_from_file(open(path))["Subject"].split())
    subjects.append(s.split("] ", 1)[1])
assert len(set(subjects)) == len(subjects), subjects
assert all(len(s) <= 75 for s in subjects), [s for s in subjects if len(s) > 75]
PY

# Apply in order on a branch of the base (in the checkout itself: a clone
# would be a second 1.7 GB work tree), then compare with the rewrite.
git -C "$SRC" checkout -q -B series-check
check "git am applies every patch in order" bash -c \
  "cd '$SRC' && git -c user.name=X -c user.email=x@example.org am -q $(printf "'%s' " "${PATCHES[@]}")"
TIP=$(git -C "$SRC" rev-parse HEAD)
back_to_import
git -C "$SRC" branch -q -D series-check
"$TOOL" rewrite --kernel "$SRC" --cache-dir "$WORK/cache-git" --dry-run >"$WORK/rewrite.diff" 2>/dev/null
check "the applied series is exactly the rewrite's diff" bash -c \
  "cd '$SRC' && git apply '$WORK/rewrite.diff' && git diff --quiet $TIP"
git -C "$SRC" reset -q --hard

# checkpatch --strict: no ERROR in any patch (warnings and checks listed).
errors=0
: >"$WORK/checkpatch.txt"
for p in "${PATCHES[@]}"; do
  (cd "$SRC" && perl scripts/checkpatch.pl --strict --terse --no-summary --showfile "$p") >>"$WORK/checkpatch.txt" 2>&1 || true
done
errors=$(grep -c ': ERROR:' "$WORK/checkpatch.txt" || true)
echo "series: checkpatch --strict: $errors errors, $(grep -c ': WARNING:' "$WORK/checkpatch.txt" || true) warnings, $(grep -c ': CHECK:' "$WORK/checkpatch.txt" || true) checks"
grep ': ERROR:' "$WORK/checkpatch.txt" | head -5 | sed 's/^/    /' || true
check "checkpatch --strict reports no error" [ "$errors" = 0 ]

# lint on the same checkout: a driver gains an ->mmap handler and a test of
# f_op->mmap; lint reports both, with the handler's ->mmap_prepare form, and
# nothing of the tree's 170-odd existing ->mmap slots.
check "lint: no change, exit 0" bash -c \
  "cd '$SRC' && '$TOOL' lint --base HEAD --cache-dir '$WORK/cache-git' >'$WORK/lint0.out' 2>&1"
python3 - "$SRC/drivers/char/nvram.c" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
table = "static const struct file_operations nvram_misc_fops = {\n\t.owner\t\t= THIS_MODULE,\n"
assert table in s
s = s.replace(table, """static int nvram_misc_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
}

static bool nvram_can_map(struct file *file)
{
	return file->f_op->mmap != NULL;
}

""" + table + "\t.mmap\t\t= nvram_misc_mmap,\n")
open(p, "w").write(s)
PY
start=$(date +%s)
rc=0
(cd "$SRC" && "$TOOL" lint --base HEAD --cache-dir "$WORK/cache-git" --sarif "$WORK/lint.sarif") \
  >"$WORK/lint.out" 2>"$WORK/lint.err" || rc=$?
echo "lint: one changed driver in $(( $(date +%s) - start )) s: $(tail -n 1 "$WORK/lint.err")"
git -C "$SRC" checkout -q -- drivers/char/nvram.c
check "lint: findings, exit 1" [ "$rc" = 1 ]
check "lint: exactly the two new users" [ "$(grep -c '^>> [^ ]' "$WORK/lint.out")" = 2 ]
check "lint: the new handler" grep -q "^>> drivers/char/nvram.c:[0-9]*:12: warning: new ->mmap handler 'nvram_misc_mmap' (pure-setup)" "$WORK/lint.out"
check "lint: the f_op->mmap test" grep -q "^>> drivers/char/nvram.c:[0-9]*:[0-9]*: warning: tests f_op->mmap directly" "$WORK/lint.out"
check "lint: the suggested form" grep -q "^+static int nvram_misc_mmap_prepare(struct vm_area_desc \*desc)" "$WORK/lint.out"
check "lint: the config" grep -q "^config:   x86_64 allmodconfig" "$WORK/lint.out"
check "lint: SARIF has both" python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['runs'][0]['results']; sys.exit(len(r) != 2)" "$WORK/lint.sarif"

finish series-tree
