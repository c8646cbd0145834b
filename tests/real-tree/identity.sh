#!/usr/bin/env bash
# For refactors that must not change behaviour: the whole-tree census (scan
# --format json) and rewrite diff (rewrite --dry-run) of Debian's
# linux-source-6.12 with one binary, compared byte for byte with another
# run's when a baseline folder is given.
#   identity.sh TOOL WORK               writes WORK/out/{census.json,tree.diff}
#   identity.sh TOOL WORK BASELINE_DIR  ... and compares them with BASELINE_DIR's
# The tree stays in WORK/src between runs (one extraction); the cache dir is
# shared, which is safe: results are keyed by the binary's own digest, so a
# new binary parses everything again.
set -euo pipefail
TOOL=$1
WORK=$2
BASE=${3:-}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tree.sh"

mkdir -p "$WORK/out"
extract_tree "$WORK/src"
SRC=$WORK/src/$TREE_NAME
OUT=$WORK/out
start=$(date +%s)
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" -q --format json -o "$OUT/census.json"
"$TOOL" rewrite --kernel "$SRC" --cache-dir "$WORK/cache" --dry-run >"$OUT/tree.diff" 2>"$OUT/tree.err"
echo "identity: census and diff in $(( $(date +%s) - start )) s: $(tail -n 1 "$OUT/tree.err")"
[ -n "$BASE" ] || exit 0
status=0
for f in census.json tree.diff; do
  if cmp -s "$BASE/$f" "$OUT/$f"; then
    echo "identity: $f byte-identical ($(wc -c <"$OUT/$f") bytes)"
  else
    echo "identity: $f DIFFERS from $BASE/$f:"
    diff -u "$BASE/$f" "$OUT/$f" | head -40
    status=1
  fi
done
exit $status
