#!/usr/bin/env bash
# Whole-tree benchmark: mmap-migrate against bare clang and Coccinelle.
#
# Usage: bench/run.sh [TREE] [-j N]
#   TREE: a kernel source tree (default: Debian's linux-source-6.12, installed
#         and extracted under $BENCH_WORK if missing).
#
# Runs, in one go, and prints a table (wall time, peak memory, sites found):
#   set-up   our compile-DB set-up from an empty cache (config, prepare, listing)
#   cold     our scan with the set-up cached and no result cache
#   warm     our scan again, nothing changed
#   touched  our scan after one header changed (only with the tree extracted
#            here: a tree given on the command line is never modified)
#   clang    bare clang-19 -fsyntax-only over the same TUs, same -j
#   spatch   Coccinelle with bench/fops_mmap.cocci, same -j
# then the ratios against Coccinelle and against bare parsing. Figures, not a
# test: nothing here fails on a slow machine.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
JOBS=$(nproc)
TREE=
while [ $# -gt 0 ]; do
  case $1 in
    -j) JOBS=$2; shift 2 ;;
    -j*) JOBS=${1#-j}; shift ;;
    *) TREE=$1; shift ;;
  esac
done
WORK=${BENCH_WORK:-/tmp/mmap-migrate-bench}
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need spatch || ! [ -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q coccinelle time >/dev/null
fi
OWN_TREE=
if [ -z "$TREE" ]; then
  OWN_TREE=1
  TARBALL=/usr/src/linux-source-6.12.tar.xz
  [ -f "$TARBALL" ] || bash "$ROOT/tool/install-deps.sh" --with-kernel
  TREE=$WORK/src/linux-source-6.12
  if [ ! -f "$WORK/src/.extracted" ]; then
    rm -rf "$WORK/src" && mkdir -p "$WORK/src"
    tar xf "$TARBALL" -C "$WORK/src"
    touch "$WORK/src/.extracted"
  fi
fi
# The tool as the sources are now (an up-to-date build is a no-op).
BUILD=${MMAP_MIGRATE_BUILD:-build}
(cd "$ROOT" && MMAP_MIGRATE_BUILD=$BUILD bash tool/build.sh >/dev/null)
case $BUILD in /*) TOOL=$BUILD/bin/mmap-migrate ;; *) TOOL=$ROOT/$BUILD/bin/mmap-migrate ;; esac

# timed NAME COMMAND...: wall seconds and peak RSS (MiB) into $WORK/NAME.time
timed() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@"
}
sites_of_json() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['sites'])" "$1"; }

echo "benchmark: $TREE, -j $JOBS, work dir $WORK" >&2
CACHE=$WORK/cache
rm -rf "$CACHE"
timed setup "$TOOL" scan --kernel "$TREE" --cache-dir "$CACHE" -j "$JOBS" -v --no-cache \
  --format json -o "$WORK/setup.json" 2>"$WORK/setup.err"
timed cold "$TOOL" scan --kernel "$TREE" --cache-dir "$CACHE" -j "$JOBS" -v \
  --format json -o "$WORK/cold.json" --dump-commands "$WORK/tus.json" 2>"$WORK/cold.err"
timed warm "$TOOL" scan --kernel "$TREE" --cache-dir "$CACHE" -j "$JOBS" -v \
  --format json -o "$WORK/warm.json" 2>"$WORK/warm.err"
HEADER=include/drm/drm_gem_dma_helper.h
if [ -n "$OWN_TREE" ] && [ -f "$TREE/$HEADER" ]; then
  cp -p "$TREE/$HEADER" "$WORK/header.orig"
  echo "/* bench */" >>"$TREE/$HEADER"
  sleep 2.1 # Files changed in the last two seconds are not cached.
  timed touched "$TOOL" scan --kernel "$TREE" --cache-dir "$CACHE" -j "$JOBS" -v \
    --format json -o "$WORK/touched.json" 2>"$WORK/touched.err" || true
  cp -p "$WORK/header.orig" "$TREE/$HEADER"
fi

# Bare clang over the very same TUs and flags, the same parallelism; the
# peak is that of the largest single clang process.
python3 - "$WORK/tus.json" "$WORK/clang.cmds" <<'EOF'
import json, shlex, sys
with open(sys.argv[2], "w") as out:
    for e in json.load(open(sys.argv[1])):
        args = ["clang-19"] + e["arguments"][1:] + ["-fsyntax-only"]
        out.write("cd %s && %s\0" % (shlex.quote(e["directory"]), shlex.join(args)))
EOF
timed clang bash -c "xargs -0 -P '$JOBS' -I{} /usr/bin/time -f %M -a -o '$WORK/clang.rss' \
  bash -c '{}' <'$WORK/clang.cmds' >/dev/null 2>&1 || true"
rm -f "$WORK/clang.rss.max"
clang_rss=$(sort -n "$WORK/clang.rss" 2>/dev/null | tail -n 1)
rm -f "$WORK/clang.rss"

timed spatch spatch --sp-file "$HERE/fops_mmap.cocci" --dir "$TREE" -j "$JOBS" --very-quiet \
  >"$WORK/spatch.out" 2>"$WORK/spatch.err" || true

python3 - "$WORK" "$clang_rss" <<'EOF'
import json, os, re, sys
work, clang_rss = sys.argv[1], sys.argv[2]
def t(name):
    wall, rss = open(os.path.join(work, name + ".time")).read().split()[-2:]
    return float(wall), int(rss) / 1024
def phases(name):
    m = re.search(r"set-up ([0-9.]+) s, (\d+) TUs parsed in ([0-9.]+) s(?: \((\d+) from the cache\))?",
                  open(os.path.join(work, name + ".err")).read())
    if not m:
        return (0, 0, 0, 0)
    return (float(m.group(1)), int(m.group(2)), float(m.group(3)), int(m.group(4) or 0))
def sites(name):
    return json.load(open(os.path.join(work, name + ".json")))["summary"]["sites"]
rows = []
s_setup, tus, s_parse, _ = phases("setup")
wall, rss = t("setup")
rows.append(("mmap-migrate set-up (empty cache)", s_setup, rss, "", ""))
c_setup, tus, c_parse, _ = phases("cold")
wall_cold, rss_cold = t("cold")
rows.append(("mmap-migrate cold scan (set-up excluded)", c_parse, rss_cold, sites("cold"),
             "%d TUs, set-up cached: %.1f s" % (tus, c_setup)))
w_setup, w_tus, w_parse, w_cached = phases("warm")
wall_warm, rss_warm = t("warm")
rows.append(("mmap-migrate warm scan (whole run)", wall_warm, rss_warm, sites("warm"),
             "%d of %d TUs from the result cache" % (w_cached, w_tus)))
if os.path.exists(os.path.join(work, "touched.time")):
    _, t_tus, t_parse, t_cached = phases("touched")
    wall_t, rss_t = t("touched")
    rows.append(("mmap-migrate after one header changed (whole run)", wall_t, rss_t,
                 sites("touched"), "%d TUs parsed again, %d from the cache"
                 % (t_tus - t_cached, t_cached)))
wall_clang, _ = t("clang")
rows.append(("clang-19 -fsyntax-only, same TUs", wall_clang,
             int(clang_rss or 0) / 1024, "", "peak of one clang process"))
wall_sp, rss_sp = t("spatch")
sp_sites = sum(1 for l in open(os.path.join(work, "spatch.out")) if re.match(r".+:\d+: \w+", l))
rows.append(("Coccinelle (bench/fops_mmap.cocci)", wall_sp, rss_sp, sp_sites, ""))
print("| run | wall (s) | peak RSS (MiB) | fops mmap sites | note |")
print("|---|---|---|---|---|")
for name, wall, rss, n, note in rows:
    print("| %s | %.1f | %.0f | %s | %s |" % (name, wall, rss, n, note))
print()
print("cold scan / Coccinelle: %.2f" % (c_parse / wall_sp if wall_sp else 0))
print("warm scan / Coccinelle: %.2f" % (wall_warm / wall_sp if wall_sp else 0))
print("cold scan / bare clang over the same TUs: %.2f" % (c_parse / wall_clang if wall_clang else 0))
EOF
