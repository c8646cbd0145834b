#!/usr/bin/env bash
# Installs what mmap-migrate needs to build and test on Debian 12 (as root).
# Quiet when everything is already there.
set -euo pipefail

PKGS=(cmake ninja-build g++ python3 make bc flex bison libelf-dev libssl-dev
      clang-19 lld-19 llvm-19 libclang-19-dev llvm-19-dev llvm-19-tools
      clang-tools-19 libyaml-cpp-dev libgtest-dev
      libclang-rt-19-dev # ASan, UBSan and libFuzzer runtimes: tests/fuzz
      chromium fonts-dejavu-core) # tests/html: scan --html in a real browser
# The real trees of the real-tree tests: 6.12, and 6.1 (direct vm_flags writes).
if [ "${1:-}" = "--with-kernel" ]; then
  PKGS+=(linux-source-6.12 linux-source-6.1 xz-utils)
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages: ${missing[*]} (run as root to install)" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
