#!/usr/bin/env bash
# The whole test suite: installs what is needed (Debian 12, as root), builds,
# and runs every test through ctest (unit, corpus, cli, the page in a browser,
# real kernel tree); then, unless ctest was given arguments, the libFuzzer
# targets and the unit, corpus and cli tests again under ASan+UBSan
# (tests/fuzz/run.sh; MMAP_MIGRATE_SKIP_FUZZ=1 skips them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tool/install-deps.sh --with-kernel
bash tool/build.sh
BUILD=${MMAP_MIGRATE_BUILD:-build}
# install-deps.sh has installed chromium: the browser test must run, not skip.
export MMAP_MIGRATE_NEED_BROWSER=1
(cd "$BUILD" && ctest --output-on-failure "$@")
if [ $# = 0 ] && [ "${MMAP_MIGRATE_SKIP_FUZZ:-0}" != 1 ]; then
  bash tests/fuzz/run.sh
fi
