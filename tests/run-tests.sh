#!/usr/bin/env bash
# The whole test suite: installs what is needed (Debian 12, as root), builds,
# and runs every test through ctest (unit, corpus, cli, the page in a browser,
# real kernel tree).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tool/install-deps.sh --with-kernel
bash tool/build.sh
BUILD=${MMAP_MIGRATE_BUILD:-build}
# install-deps.sh has installed chromium: the browser test must run, not skip.
export MMAP_MIGRATE_NEED_BROWSER=1
cd "$BUILD"
ctest --output-on-failure "$@"
