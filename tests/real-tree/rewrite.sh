#!/usr/bin/env bash
# The rewrite over the whole of Debian's linux-source-6.12 with the default
# profile: the --dry-run diff applies with git apply, every edited TU
# verified (the tool re-parses them; a failure would show as a refusal),
# and a second run over the patched copy plans nothing.
# Usage: rewrite.sh MMAP_MIGRATE_BINARY WORKDIR
set -euo pipefail
TOOL=$1
WORK=$2
TARBALL=/usr/src/linux-source-6.12.tar.xz
HERE=$(cd "$(dirname "$0")" && pwd)
[ -f "$TARBALL" ] || bash "$HERE/../../tool/install-deps.sh" --with-kernel
mkdir -p "$WORK"
SRC=$WORK/src/linux-source-6.12
if [ ! -f "$WORK/src/.extracted" ]; then
  rm -rf "$WORK/src" && mkdir -p "$WORK/src"
  tar xf "$TARBALL" -C "$WORK/src"
  touch "$WORK/src/.extracted"
fi

start=$(date +%s)
"$TOOL" rewrite --kernel "$SRC" --cache-dir "$WORK/cache" --dry-run \
  >"$WORK/tree.diff" 2>"$WORK/tree.err"
echo "rewrite: whole tree planned in $(( $(date +%s) - start )) s: $(tail -n 1 "$WORK/tree.err")"

pass=0
fail=0
check() {
  local name=$1
  shift
  if "$@"; then echo "ok   $name"; pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}

converted=$(grep -c "becomes ->mmap_prepare" "$WORK/tree.err" || true)
check "at least 25 handlers rewritten ($converted)" [ "$converted" -ge 25 ]
check "no handler dropped by verification" bash -c "! grep -q 'the rewritten code does not compile' '$WORK/tree.err'"
check "diff names only tree-relative files" bash -c "! grep -E '^(\+\+\+|---) [ab]//' '$WORK/tree.diff'"

# A fresh copy of the tree takes the diff.
PATCHED=$WORK/patched/linux-source-6.12
rm -rf "$WORK/patched" && mkdir -p "$WORK/patched"
tar xf "$TARBALL" -C "$WORK/patched"
check "git apply accepts the diff" bash -c \
  "cd '$PATCHED' && git init -q . && git apply --check '$WORK/tree.diff' && git apply '$WORK/tree.diff'"
check "patched copy has mmap_prepare slots" grep -q "\.mmap_prepare" "$PATCHED/mm/shmem.c"

# A second run over the patched copy plans nothing.
"$TOOL" rewrite --kernel "$PATCHED" --cache-dir "$WORK/cache-patched" --dry-run \
  >"$WORK/second.diff" 2>"$WORK/second.err"
check "second run plans nothing" [ ! -s "$WORK/second.diff" ]
check "second run rewrites no handler" bash -c "! grep -q 'becomes ->mmap_prepare' '$WORK/second.err'"

echo "rewrite-tree: $pass passed, $fail failed"
[ "$fail" = 0 ]
