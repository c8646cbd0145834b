#!/usr/bin/env bash
# scan --html in a real browser. A small kernel-style tree (the sample tree,
# corpus cases placed where their kind of driver lives, and odd_dev.c under a
# directory named like markup) is scanned once for the page and the JSON
# report; headless Chromium from Debian renders the page, takes a screenshot
# and dumps the DOM it built, and check_html.py holds what the page shows
# against the JSON report of the same run.
# Usage: run.sh MMAP_MIGRATE_BINARY WORKDIR
# Skips (exit 77) without chromium, unless CI or MMAP_MIGRATE_NEED_BROWSER is
# set (tests/run-tests.sh sets it: install-deps.sh installs chromium there).
set -uo pipefail
TOOL=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=$HERE/../../corpus
rm -rf "$WORK" && mkdir -p "$WORK"
pass=0
fail=0

ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# check NAME COMMAND...: a condition that must hold.
check() {
  local name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}

BROWSER=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$BROWSER" ]; then
  if [ -n "${CI:-}${MMAP_MIGRATE_NEED_BROWSER:-}" ]; then
    echo "html: FAIL: chromium not found (bash tool/install-deps.sh installs it)"
    exit 1
  fi
  echo "html: SKIP: chromium not found; apt-get install chromium to run this test"
  exit 77
fi

# The tree: each case where a driver of its kind would be.
TREE=$WORK/tree
cp -r "$CORPUS/sample-tree" "$TREE"
rm -f "$TREE/README.md"
place() { # CASE DIR
  mkdir -p "$TREE/$2" && cp "$CORPUS/cases/$1" "$TREE/$2/"
}
place generic_direct.c fs/tinyfs
place generic_readonly_direct.c drivers/mtd
place insert_map_pages.c drivers/video/fbdev
place remap_loop.c drivers/gpu/drm/xe
place surgery_split_vma.c drivers/infiniband/hw
place lock_drop_helper.c drivers/infiniband/core
place dispatch_dma_buf.c drivers/dma-buf
place needs_kref.c sound/core
place escape_store.c drivers/fpga
place trap_unknown_handler.c sound/usb
place trap_mmap_null.c drivers/char
place trap_ifdef_off.c drivers/char
place trap_parse_error.c drivers/staging
place other_v4l2.c drivers/media/platform
ODD='drivers/misc/odd<u>&amp;'
mkdir -p "$TREE/$ODD" && cp "$HERE/odd_dev.c" "$TREE/$ODD/"
mapfile -t FILES < <(cd "$TREE" && find . -name '*.c' | sort)
FLAGS=(-- -nostdinc -I"$CORPUS/include")
scan() { (cd "$TREE" && "$TOOL" scan -q --root "$TREE" "${FILES[@]}" "$@" "${FLAGS[@]}"); }

start=$(date +%s)
scan --html "$WORK/census.html" --format json -o "$WORK/census.json" 2>"$WORK/scan.err"
check "scan --html exits 0" [ $? = 0 ]
scan --html "$WORK/again.html" >/dev/null 2>&1
check "the same census gives the same page" cmp -s "$WORK/census.html" "$WORK/again.html"
ELIXIR='https://elixir.bootlin.com/linux/v6.12/source/{path}#L{line}'
scan --html "$WORK/elixir.html" --html-link "$ELIXIR" >"$WORK/stdout.txt" 2>/dev/null
check "the page is not mixed into stdout" \
  bash -c "! grep -qi '<html' '$WORK/stdout.txt' && grep -q 'mmap-migrate-' '$WORK/stdout.txt'"

# expect NAME WANT_RC STDERR_REGEX -- command...: one line on stderr.
expect() {
  local name=$1 want=$2 re=$3
  shift 4
  "$@" >/dev/null 2>"$WORK/err"
  local rc=$?
  if [ "$rc" = "$want" ] && grep -Eq "$re" "$WORK/err" && [ "$(wc -l <"$WORK/err")" = 1 ]; then
    ok "$name"
  else
    bad "$name: exit $rc (wanted $want), stderr:"
    sed 's/^/    /' "$WORK/err" | head -5
  fi
}
expect "unwritable --html" 2 "^mmap-migrate: error: cannot write /nonexistent/dir/x.html" -- \
  scan --html /nonexistent/dir/x.html
check "nothing written for an unwritable --html" [ ! -e /nonexistent/dir/x.html ]
expect "--html-link without --html" 1 "^mmap-migrate: error: --html-link needs --html" -- \
  scan --html-link "$ELIXIR"
expect "--html-link without {path}" 1 "^mmap-migrate: error: --html-link .* has no \{path\}" -- \
  scan --html "$WORK/x.html" --html-link 'https://example.org/{line}'

# The browser: a throwaway profile, sRGB so that colours stay exact.
chrome() {
  timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --user-data-dir="$WORK/profile" --force-color-profile=srgb --force-device-scale-factor=1 \
    --hide-scrollbars --window-size=1280,1400 "$@" 2>>"$WORK/chromium.log"
}
chrome --screenshot="$WORK/census.png" "file://$WORK/census.html" >/dev/null
check "chromium takes a screenshot" [ -s "$WORK/census.png" ]
chrome --dump-dom "file://$WORK/census.html" >"$WORK/census.dom.html"
check "chromium dumps the rendered DOM" grep -q '</html>' "$WORK/census.dom.html"
# The page's script, driven as a reader would: sort by kind (twice: the
# hardest first), then show only the manual handlers.
sed 's|</body>|<script>\
(function () {\
  var kind = document.querySelectorAll("#handlers thead th")[3];\
  kind.click();\
  kind.click();\
  var verdict = document.getElementById("filters").elements.verdict;\
  verdict.value = "manual";\
  verdict.dispatchEvent(new Event("input"));\
})();\
</script>\
</body>|' "$WORK/census.html" >"$WORK/driven.html"
chrome --dump-dom "file://$WORK/driven.html" >"$WORK/driven.dom.html"
if [ ! -s "$WORK/census.png" ]; then
  echo "chromium's log:"
  tail -5 "$WORK/chromium.log" | sed 's/^/    /'
fi

check "the page shows what the JSON report says" python3 "$HERE/check_html.py" \
  --page "$WORK/census.html" --dom "$WORK/census.dom.html" --png "$WORK/census.png" \
  --driven-dom "$WORK/driven.dom.html" \
  --json "$WORK/census.json" --tree "$TREE" --odd-dir "$ODD" \
  --elixir-page "$WORK/elixir.html" --elixir "$ELIXIR"

echo "html: screenshot $WORK/census.png ($(($(date +%s) - start)) s)"
echo "html: $pass passed, $fail failed"
[ "$fail" = 0 ]
