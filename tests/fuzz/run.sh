#!/usr/bin/env bash
# Builds the project with clang-19 under ASan+UBSan, runs every libFuzzer
# target for FUZZ_SECONDS (default 60) over seeds taken from real inputs,
# then runs the unit, corpus and cli tests with the sanitized binaries.
# Usage: tests/fuzz/run.sh [BUILD_DIR]   (default build-sanitize)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${1:-build-sanitize}
SECONDS_EACH=${FUZZ_SECONDS:-60}
SAN="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# LLVM is built without RTTI (hence no vptr check). -O1 with line tables
# only, as the sanitizer docs suggest: usable speed, stack traces with
# lines, smaller objects; assertions stay on.
[ -f "$BUILD/build.ninja" ] || cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_CXX_FLAGS="$SAN -fsanitize=fuzzer-no-link" -DCMAKE_EXE_LINKER_FLAGS="$SAN" >/dev/null
ninja -C "$BUILD" -j"${JOBS:-2}" >/dev/null
echo "fuzz: built $BUILD with ASan+UBSan"

# Seeds, from real inputs: this project's own patches (git format-patch),
# its CMake-exported compile_commands.json, the shipped profiles, a SARIF
# log and a fingerprint list, kbuild-style make -n output.
S=$BUILD/fuzz-seeds
rm -rf "$S" && mkdir -p "$S"/{UnifiedDiff,CompileDb,Profile,Baseline,MakeDryRun}
if git rev-parse --git-dir >/dev/null 2>&1; then
  git format-patch -q -o "$S/UnifiedDiff" -8 HEAD 2>/dev/null || true
fi
printf 'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,3 @@\n a\n+b\n c\n' >"$S/UnifiedDiff/small.diff"
python3 - "$BUILD/compile_commands.json" "$S/CompileDb" <<'PY'
import json, sys
db = json.load(open(sys.argv[1]))
for i in range(0, min(len(db), 9), 3):
    json.dump(db[i:i + 3], open(f"{sys.argv[2]}/db{i}.json", "w"), indent=1)
PY
cp rewrites/profiles/*.yaml "$S/Profile/"
"$BUILD/bin/mmap-migrate" scan -q --sarif "$S/Baseline/scan.sarif" \
  corpus/sample-tree/drivers/char/sample_sram.c -- -nostdinc -Icorpus/include >/dev/null 2>&1 || true
printf '# accepted\nmmap-migrate-remap-pfn drivers/char/sample_sram.c sram_mmap\n' >"$S/Baseline/list.txt"
cp tests/fuzz/seeds/make-dry-run.txt "$S/MakeDryRun/"

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
for T in UnifiedDiff CompileDb Profile Baseline MakeDryRun; do
  mkdir -p "$BUILD/fuzz-corpus/$T"
  "$BUILD/fuzz/fuzz-$T" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$BUILD/fuzz-$T-" "$BUILD/fuzz-corpus/$T" "$S/$T" \
    >"$BUILD/fuzz-$T.log" 2>&1 || { echo "FAIL fuzz-$T"; tail -n 30 "$BUILD/fuzz-$T.log"; exit 1; }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$BUILD/fuzz-$T.log")
  cov=$(grep -o 'cov: [0-9]*' "$BUILD/fuzz-$T.log" | tail -n 1)
  echo "ok   fuzz-$T: $runs runs in ${SECONDS_EACH} s, $cov"
done

# The sanitized tool through the unit, corpus and cli tests; the corpus's
# rewrites under the newest profile and the RFC one, -i only (the normal
# build checks every profile and every way to apply, five runs per case).
(cd "$BUILD" && MMAP_MIGRATE_CHECK_PROFILES=7.1,rfc-mmap-complete MMAP_MIGRATE_CHECK_QUICK=1 \
  ctest --output-on-failure -R '^(unit|corpus|cli)$')
