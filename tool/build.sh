#!/usr/bin/env bash
# Configures and builds mmap-migrate into build/ (ninja, -j2 by default).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${MMAP_MIGRATE_BUILD:-build}
[ -f "$BUILD/build.ninja" ] || cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$BUILD" -j"${JOBS:-2}" >/dev/null
echo "build: $BUILD/bin/mmap-migrate"
