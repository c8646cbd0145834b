#!/usr/bin/env bash
# The whole test suite: installs what is needed (Debian 12, as root), builds,
# and runs every test through ctest (unit, corpus, cli, real kernel tree).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tool/install-deps.sh --with-kernel
bash tool/build.sh
BUILD=${MMAP_MIGRATE_BUILD:-build}
cd "$BUILD"
ctest --output-on-failure "$@"
