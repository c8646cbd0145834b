#!/usr/bin/env bash
# The layout check must pass on the tree and fail on each kind of breach:
# a wrong-way include, a file over 800 lines, library code that prints,
# stages that use each other.
# Usage: run.sh LAYOUT_TXT WORKDIR
set -euo pipefail
LAYOUT=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/../lib.sh"
CHECK=(python3 "$HERE/check.py")
FIXTURE=(python3 "$HERE/check.py" --no-pending)

check "the tree meets the layout" "${CHECK[@]}" --layout "$LAYOUT" --root "$ROOT"

rm -rf "$WORK" && mkdir -p "$WORK/t/matchers/core" "$WORK/t/tool/driver"
printf 'core matchers/core \ndriver tool/driver core\n' >"$WORK/layout.txt"
printf '#include "matchers/core/A.h"\n' >"$WORK/t/tool/driver/B.cpp"
printf 'int a;\n' >"$WORK/t/matchers/core/A.h"
# Enough other code that no folder holds over 35% of it.
for d in tests bench tests/more; do
  mkdir -p "$WORK/t/$d" && seq 1 40 | sed 's/^/int t/;s/$/;/' >"$WORK/t/$d/x.cpp"
done
check "a downward include is allowed" "${FIXTURE[@]}" --layout "$WORK/layout.txt" --root "$WORK/t"

printf '#include "tool/driver/B.h"\n' >>"$WORK/t/matchers/core/A.h"
: >"$WORK/t/tool/driver/B.h"
check "an upward include fails" bash -c "! ${FIXTURE[*]} --layout $WORK/layout.txt --root $WORK/t 2>/dev/null >$WORK/up.out"
check "... naming the file, line and stages" grep -q "matchers/core/A.h:2: error: stage core (matchers/core) includes tool/driver/B.h, of stage driver" "$WORK/up.out"
sed -i '2d' "$WORK/t/matchers/core/A.h"

seq 1 801 | sed 's/^/int v/;s/$/;/' >"$WORK/t/tool/driver/C.cpp"
check "a file over 800 lines fails" bash -c "${FIXTURE[*]} --layout $WORK/layout.txt --root $WORK/t 2>/dev/null | grep -q 'C.cpp:1: error: 801 lines'"
rm "$WORK/t/tool/driver/C.cpp"

printf 'void f() { llvm::errs() << "x"; } // errs() in a comment is fine\n' >"$WORK/t/tool/driver/D.cpp"
check "library code that prints fails" bash -c "${FIXTURE[*]} --layout $WORK/layout.txt --root $WORK/t 2>/dev/null | grep -q 'D.cpp:1: error: stage driver prints'"
printf 'void f() {} // llvm::errs() only in a comment\n' >"$WORK/t/tool/driver/D.cpp"
check "... not a comment that names it" "${FIXTURE[@]}" --layout "$WORK/layout.txt" --root "$WORK/t"
rm "$WORK/t/tool/driver/D.cpp"

printf 'core matchers/core driver\ndriver tool/driver core\n' >"$WORK/cycle.txt"
check "stages that use each other fail" bash -c "${FIXTURE[*]} --layout $WORK/cycle.txt --root $WORK/t 2>/dev/null | grep -q 'the stages use each other'"
finish layout
