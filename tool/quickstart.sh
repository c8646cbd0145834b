#!/usr/bin/env bash
# Quick start: install what is needed (Debian 12, as root), build, and scan
# the sample tree that ships in corpus/sample-tree. Extra arguments go to
# `mmap-migrate scan` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tool/install-deps.sh
bash tool/build.sh
BUILD=${MMAP_MIGRATE_BUILD:-build}

# The sample tree has no kbuild: describe its TUs in a compile DB, as
# kbuild's gen_compile_commands.py would.
TREE=$PWD/corpus/sample-tree
mkdir -p "$BUILD/sample"
python3 - "$TREE" "$PWD/corpus/include" > "$BUILD/sample/compile_commands.json" <<'PY'
import json, os, sys
tree, inc = sys.argv[1], sys.argv[2]
cmds = []
for root, _, files in sorted(os.walk(tree)):
    for f in sorted(files):
        if f.endswith(".c"):
            path = os.path.join(root, f)
            cmds.append({"directory": tree, "file": path,
                         "command": f"clang-19 -nostdinc -I{inc} -c -o {path[:-2]}.o {path}"})
json.dump(cmds, sys.stdout, indent=1)
PY
exec "$BUILD/bin/mmap-migrate" scan -p "$BUILD/sample" --root "$TREE" "$@"
