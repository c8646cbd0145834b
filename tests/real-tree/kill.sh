#!/usr/bin/env bash
# kill -9 at random moments of `rewrite -i` over a slice of Debian's
# linux-source-6.12 (ocfs2's slot and handler live in different files).
# After each kill every file must be wholly old or wholly new, a tree that
# mixes both must have a journal to finish it, and after one more run the
# tree must equal one uninterrupted run, with no temporary file or journal
# left. Half the kills fall anywhere in the run, half inside the commit
# (slowed down by --test-commit-pause-ms so that there is a window to hit).
# Usage: kill.sh MMAP_MIGRATE_BINARY WORKDIR [KILLS]   (seed: KILL_SEED)
set -euo pipefail
TOOL=$1
WORK=$2
KILLS=${3:-52}
SEED=${KILL_SEED:-$RANDOM}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tree.sh"
. "$HERE/../lib.sh"
SLICE=(fs/ocfs2 fs/gfs2)
PAUSE_MS=100

mkdir -p "$WORK"
extract_tree "$WORK/src"
SRC=$WORK/src/$TREE_NAME
K=$WORK/kill
rm -rf "$K" && mkdir -p "$K/pristine" "$K/new"
CACHE=$WORK/cache
# An array, not a function: `$! ` must be the tool itself for kill -9.
RUN=("$TOOL" rewrite -i --kernel "$SRC" --cache-dir "$CACHE" -q "${SLICE[@]}")

"$TOOL" rewrite --dry-run --kernel "$SRC" --cache-dir "$CACHE" -q "${SLICE[@]}" >"$K/slice.diff" 2>/dev/null
mapfile -t FILES < <(sed -n 's|^+++ b/||p' "$K/slice.diff")
echo "kill: the slice's rewrite changes ${#FILES[@]} files: ${FILES[*]}"
check "the rewrite spans several files" [ "${#FILES[@]}" -ge 3 ]
for f in "${FILES[@]}"; do
  mkdir -p "$K/pristine/$(dirname "$f")"
  cp "$SRC/$f" "$K/pristine/$f"
done
rm "$WORK/src/.extracted" # changed from here on: a run cut off extracts afresh
restore() {
  for f in "${FILES[@]}"; do cp "$K/pristine/$f" "$SRC/$f"; done
  for d in "${SLICE[@]}"; do find "$SRC/$d" -name '*.mmap-migrate-*' -delete; done
  rm -f "$CACHE"/journal/*.json
}
trap 'restore && touch "$WORK/src/.extracted"' EXIT

# One uninterrupted run, slowed down as the killed ones are: the end state
# to compare with, and when its commit starts.
begin=$(date +%s.%N)
"${RUN[@]}" --test-commit-pause-ms=$PAUSE_MS 2>/dev/null &
pid=$!
journal_at=
while kill -0 "$pid" 2>/dev/null; do
  if [ -z "$journal_at" ] && ls "$CACHE"/journal/*.json >/dev/null 2>&1; then
    journal_at=$(date +%s.%N)
  fi
  sleep 0.02
done
wait "$pid"
end=$(date +%s.%N)
for f in "${FILES[@]}"; do
  mkdir -p "$K/new/$(dirname "$f")"
  cp "$SRC/$f" "$K/new/$f"
done
check "the uninterrupted run changed every file of the diff" bash -c \
  "for f in ${FILES[*]}; do ! cmp -s '$K/pristine/'\$f '$SRC/'\$f || exit 1; done"
read -r RUN_S COMMIT_S < <(python3 -c "print(f'{$end - $begin:.2f} {$end - $journal_at:.2f}')")
echo "kill: one run takes ${RUN_S} s, its commit the last ${COMMIT_S} s; seed $SEED"

# Even kills: a moment of the whole run. Odd ones: a moment after the
# journal appears (runs vary in length; the commit does not).
mapfile -t DELAYS < <(python3 -c "
import random
r = random.Random($SEED)
for i in range($KILLS):
    print(('run' if i % 2 == 0 else 'commit') + f' {r.uniform(0, $RUN_S if i % 2 == 0 else $COMMIT_S):.3f}')
")

state_of() { # FILE: old, new or torn
  if cmp -s "$K/pristine/$1" "$SRC/$1"; then echo old
  elif cmp -s "$K/new/$1" "$SRC/$1"; then echo new
  else echo torn; fi
}
in_commit=0 torn=0 unsettled=0 wrong_end=0 left_over=0 rerun_failed=0
declare -A hit=()
for i in "${!DELAYS[@]}"; do
  restore
  "${RUN[@]}" --test-commit-pause-ms=$PAUSE_MS 2>/dev/null &
  pid=$!
  read -r from delay <<<"${DELAYS[$i]}"
  if [ "$from" = commit ]; then
    while kill -0 "$pid" 2>/dev/null && ! ls "$CACHE"/journal/*.json >/dev/null 2>&1; do sleep 0.01; done
  fi
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  olds=0 news=0
  for f in "${FILES[@]}"; do
    case $(state_of "$f") in
      old) olds=$((olds + 1)) ;;
      new) news=$((news + 1)) ;;
      *) torn=$((torn + 1)); echo "kill $i (${DELAYS[$i]} s): $f is torn" ;;
    esac
  done
  # The journal's last line is its checksum (tool/support/AtomicFile.h).
  jstate=$(cat "$CACHE"/journal/*.json 2>/dev/null | python3 -c 'import json,sys; print(json.loads(sys.stdin.read().rsplit("#xxh3 ", 1)[0])["state"])' 2>/dev/null || echo none)
  if [ "$olds" -gt 0 ] && [ "$news" -gt 0 ] && [ "$jstate" != committing ]; then
    unsettled=$((unsettled + 1)); echo "kill $i (${DELAYS[$i]} s): mixed tree without a journal"
  fi
  if [ "$jstate" = none ]; then
    phase=$([ "$news" -eq 0 ] && echo "before the journal" || echo "after the commit")
  else
    phase="$jstate, $news of ${#FILES[@]} files new"
    [ "$jstate" = committing ] && in_commit=$((in_commit + 1))
  fi
  hit[$phase]=$(( ${hit[$phase]:-0} + 1 ))
  # The next run finishes (or undoes) it, then does what is left.
  "${RUN[@]}" >/dev/null 2>"$K/rerun.err" || { rerun_failed=$((rerun_failed + 1)); echo "kill $i: rerun failed: $(tail -n 1 "$K/rerun.err")"; }
  for f in "${FILES[@]}"; do
    [ "$(state_of "$f")" = new ] || { wrong_end=$((wrong_end + 1)); echo "kill $i (${DELAYS[$i]} s): $f is not as one run leaves it"; }
  done
  if find "${SLICE[@]/#/$SRC/}" -name '*.mmap-migrate-*' | grep -q . || ls "$CACHE"/journal/*.json >/dev/null 2>&1; then
    left_over=$((left_over + 1)); echo "kill $i: a temporary file or journal is left"
  fi
done
echo "kill: ${#DELAYS[@]} kills, where they landed:"
for p in "${!hit[@]}"; do echo "kill:   ${hit[$p]} $p"; done | sort -t: -k2
check "$KILLS kills: no file torn" [ "$torn" = 0 ]
check "no mixed tree without a journal to finish it" [ "$unsettled" = 0 ]
check "every rerun succeeded" [ "$rerun_failed" = 0 ]
check "every rerun ends where one uninterrupted run ends" [ "$wrong_end" = 0 ]
check "no temporary file or journal left" [ "$left_over" = 0 ]
check "some kills landed inside the commit ($in_commit)" [ "$in_commit" -gt 0 ]
finish kill
