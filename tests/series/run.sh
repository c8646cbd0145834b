#!/usr/bin/env bash
# `mmap-migrate series` on a git copy of the sample tree: refusals are one
# line with exit 1 (2 for tool failures), the series applies with git am
# on its base and gives exactly what `rewrite -i` gives, subjects take the
# prefix from the file's history, MAINTAINERS sections group drivers, and
# --max-patches cuts several series that apply one after the other. The
# checkout itself is never written.
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
. "$HERE/../lib.sh"
# Nothing from the user's git configuration.
export HOME=$WORK/home GIT_CONFIG_NOSYSTEM=1
# The test tree must not be taken for part of a checkout around WORK
# (CI builds inside the project's own clone).
export GIT_CEILING_DIRECTORIES=$WORK
mkdir -p "$HOME"
G=(git -c user.name=Importer -c user.email=importer@example.org)

expect() { # NAME WANT_RC STDERR_REGEX -- command...
  local name=$1 want=$2 re=$3
  shift 4
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  if [ "$rc" != "$want" ] || ! grep -Eq -- "$re" "$WORK/err" || [ "$(grep -vc '^mmap-migrate: profile' "$WORK/err")" -ne 1 ]; then
    echo "FAIL $name: exit $rc (wanted $want)"; sed 's/^/    /' "$WORK/err" | head -5; fail=$((fail + 1)); return
  fi
  echo "ok   $name"; pass=$((pass + 1))
}
subject() { # PATCH_FILE: its Subject header, unfolded
  python3 -c 'import email, sys; print(" ".join(email.message_from_file(open(sys.argv[1]))["Subject"].split()))' "$1"
}

# The tree: the sample tree, a MAINTAINERS that makes the two char drivers
# one unit, and a history that gives sample_sram.c a subject prefix.
TREE=$WORK/tree
cp -r "$SAMPLE" "$TREE"
cat >"$TREE/MAINTAINERS" <<'M'
SAMPLE CHAR DRIVERS
M:	Ann Example <ann@example.org>
F:	drivers/char/sample_*
M
commit_db "$TREE" "$WORK/build" "$INC"
SERIES=("$TOOL" series -p "$WORK/build" --root "$TREE" --verify-arg=-DMOCK_PROFILE_7_1)

expect "not a git checkout" 1 "is not a git checkout" -- "${SERIES[@]}" -o "$WORK/s0" --signoff "A B <a@b.org>"
(cd "$TREE" && git init -q . && "${G[@]}" add -A && "${G[@]}" commit -qm "Import the sample tree" &&
  echo "/* tidy */" >>drivers/char/sample_sram.c && "${G[@]}" commit -qam "char: sample: tidy sram" &&
  echo "/* tidy */" >>drivers/char/sample_ring.c && "${G[@]}" commit -qam "char: sample: tidy ring")
BASE=$(git -C "$TREE" rev-parse HEAD)

mkdir -p "$WORK/full" && touch "$WORK/full/old.patch"
expect "output folder not empty" 1 "is not empty" -- "${SERIES[@]}" -o "$WORK/full" --signoff "A B <a@b.org>"
expect "no identity" 1 "no identity for Signed-off-by" -- "${SERIES[@]}" -o "$WORK/s0"
expect "malformed --signoff" 1 "--signoff wants" -- "${SERIES[@]}" -o "$WORK/s0" --signoff "nobody"
expect "no tree" 1 "series needs the tree" -- "$TOOL" series -p "$WORK/build" -o "$WORK/s0" --signoff "A B <a@b.org>"
echo "/* local change */" >>"$TREE/fs/samplefs/file.c"
expect "uncommitted change in a file to patch" 1 "fs/samplefs/file.c has changes not committed" -- \
  "${SERIES[@]}" -o "$WORK/s0" --signoff "A B <a@b.org>"
git -C "$TREE" checkout -q -- fs/samplefs/file.c
expect "output folder cannot be made" 2 "cannot create a folder next to" -- \
  "${SERIES[@]}" -o /nonexistent/dir/series --signoff "A B <a@b.org>"
check "no half-written output" [ ! -e "$WORK/s0" ]

refs_before=$(git -C "$TREE" for-each-ref | md5sum)
objects_before=$(git -C "$TREE" count-objects -v | md5sum)
"${SERIES[@]}" -o "$WORK/s1" --signoff "Ann Example <ann@example.org>" >"$WORK/s1.out" 2>"$WORK/s1.err"
check "series written (exit 0)" [ $? = 0 ]
cat "$WORK/s1.err" | sed 's/^/    /'
check "checkout untouched: status, refs, objects" bash -c "[ -z \"\$(git -C '$TREE' status --porcelain)\" ] &&
  [ \"\$(git -C '$TREE' for-each-ref | md5sum)\" = '$refs_before' ] &&
  [ \"\$(git -C '$TREE' count-objects -v | md5sum)\" = '$objects_before' ]"
check "cover letter and three patches" bash -c "cd '$WORK/s1' && ls | tr '\n' ' ' | grep -Eq '^0000-cover-letter.patch 0001-[^ ]+ 0002-[^ ]+ 0003-[^ ]+ $'"
check "the generic slot patch comes first, with the fs prefix" \
  [ "$(subject "$WORK"/s1/0001-*)" = "[PATCH 1/3] fs: replace deprecated mmap hook with mmap_prepare" ]
s2=$(subject "$WORK"/s1/0002-*)
check "MAINTAINERS unit: both char drivers in one patch, prefix from history" bash -c \
  "grep -q '^+++ b/drivers/char/sample_ring.c' '$WORK/s1/'0002-* && grep -q '^+++ b/drivers/char/sample_sram.c' '$WORK/s1/'0002-* &&
   [ '$s2' = '[PATCH 2/3] char: sample: replace deprecated mmap hook with mmap_prepare' ]"
check "path prefix when history has none" \
  [ "$(subject "$WORK"/s1/0003-*)" = "[PATCH 3/3] samplefs: replace deprecated mmap hook with mmap_prepare" ]
check "author and Signed-off-by from --signoff" bash -c \
  "for p in '$WORK/s1'/000[1-9]*; do grep -q '^From: Ann Example <ann@example.org>$' \$p && grep -q '^Signed-off-by: Ann Example <ann@example.org>$' \$p || exit 1; done"
check "the body says what each conversion does" bash -c \
  "grep -q '^Convert sram_mmap() to sram_mmap_prepare(): the PFN remap' '$WORK/s1/'0002-* &&
   grep -q '^Convert samplefs_file_mmap() to samplefs_file_mmap_prepare(): it wraps' '$WORK/s1/'0003-*"
check "cover letter: census, what was left alone, base commit" bash -c \
  "c='$WORK/s1/0000-cover-letter.patch'; grep -q '^Subject: \[PATCH 0/3\] convert 4 ->mmap handlers to ->mmap_prepare$' \$c &&
   grep -Eq '^  total +7 +4 +3$' \$c && grep -q '^Left alone, with the reason:' \$c &&
   grep -q 'sample_gem.c: drm_gem_mmap(): forwards the vma' \$c && grep -q '^base-commit: $BASE$' \$c &&
   ! grep -q '\*\*\*' \$c"
check "commit messages wrapped at 75 columns" bash -c \
  "awk '/^---\$/{exit} length > 75 && !/^(Subject|From|To|Cc):/' '$WORK/s1'/000[1-9]* | grep -q . && exit 1 || exit 0"

# git am on a fresh clone of the base gives what rewrite -i gives.
git clone -q "$TREE" "$WORK/am"
check "git am applies every patch in order" bash -c \
  "cd '$WORK/am' && git -c user.name=X -c user.email=x@example.org am -q '$WORK/s1'/000[1-9]*.patch"
cp -r "$TREE" "$WORK/inplace" && commit_db "$WORK/inplace" "$WORK/build-inplace" "$INC"
"$TOOL" rewrite -p "$WORK/build-inplace" --root "$WORK/inplace" --verify-arg=-DMOCK_PROFILE_7_1 -i 2>/dev/null
check "the series gives exactly what rewrite -i gives" bash -c \
  "diff -r -x .git '$WORK/am' '$WORK/inplace' >/dev/null"

# More patches than --max-patches: several series, applied one after another.
"${SERIES[@]}" -o "$WORK/s2" --signoff "Ann Example <ann@example.org>" --max-patches 2 >/dev/null 2>&1
check "--max-patches 2: two folders with a cover letter each" bash -c \
  "[ -f '$WORK/s2/part-1/0000-cover-letter.patch' ] && [ -f '$WORK/s2/part-2/0000-cover-letter.patch' ] &&
   [ \$(ls '$WORK/s2/part-1' | wc -l) = 3 ] && [ \$(ls '$WORK/s2/part-2' | wc -l) = 2 ]"
check "part 2 names part 1 as its prerequisite" bash -c \
  "grep -q '^prerequisite-patch-id: ' '$WORK/s2/part-2/0000-cover-letter.patch' && grep -q 'part 2/2' '$WORK/s2/part-2/0000-cover-letter.patch'"
git clone -q "$TREE" "$WORK/am2"
check "both parts apply in order" bash -c \
  "cd '$WORK/am2' && git -c user.name=X -c user.email=x@example.org am -q '$WORK/s2'/part-1/000[1-9]*.patch '$WORK/s2'/part-2/000[1-9]*.patch &&
   diff -r -x .git . '$WORK/inplace' >/dev/null"

echo "series: $pass passed, $fail failed"
[ "$fail" = 0 ]
