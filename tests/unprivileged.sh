#!/usr/bin/env bash
# The unit tests that need file permissions to hold (an unreadable file or
# directory), run as an unprivileged user: as root they skip, since root
# reads anything. Fails if one of them skipped or none ran.
# Usage: unprivileged.sh UNIT_TESTS_BINARY
set -uo pipefail
BIN=$1
FILTER='SourceListing.*:SourceRead.*'
run=("$BIN" --gtest_filter="$FILTER")
if [ "$(id -u)" = 0 ]; then
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR=/tmp "${run[@]}")
fi
out=$("${run[@]}" 2>&1)
rc=$?
echo "$out"
[ "$rc" = 0 ] || exit 1
if grep -q '\[  SKIPPED \]' <<<"$out"; then echo "unprivileged: a test skipped"; exit 1; fi
grep -Eq '\[  PASSED  \] [1-9][0-9]* test' <<<"$out" || { echo "unprivileged: no test ran"; exit 1; }
