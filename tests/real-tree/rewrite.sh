#!/usr/bin/env bash
# The rewrite over the whole of Debian's linux-source-6.12 with the default
# profile: the --dry-run diff applies with git apply, every edited TU
# verified (the tool re-parses them; a failure would show as a refusal),
# and a second run over the patched tree plans nothing.
# Usage: rewrite.sh MMAP_MIGRATE_BINARY WORKDIR
set -euo pipefail
TOOL=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tree.sh"
. "$HERE/../lib.sh"
# The tree must not be taken for part of a checkout around WORK (CI builds
# inside the project's own clone): git apply works on it as on plain files.
export GIT_CEILING_DIRECTORIES=$WORK/src

mkdir -p "$WORK"
extract_tree "$WORK/src"
SRC=$WORK/src/$TREE_NAME

start=$(date +%s)
"$TOOL" rewrite --kernel "$SRC" --cache-dir "$WORK/cache" --dry-run --report "$WORK/tree.json" \
  >"$WORK/tree.diff" 2>"$WORK/tree.err"
echo "rewrite: whole tree planned in $(( $(date +%s) - start )) s: $(tail -n 1 "$WORK/tree.err")"

converted=$(grep -c "becomes ->mmap_prepare" "$WORK/tree.err" || true)
check "at least 25 handlers rewritten ($converted)" [ "$converted" -ge 25 ]
check "no handler dropped by verification" bash -c "! grep -q 'the rewritten code does not compile' '$WORK/tree.err'"
check "PFN remaps became mmap actions" grep -q "^+	mmap_action_remap_full(desc, page_to_pfn(status));" "$WORK/tree.diff"
check "vm_iomap_memory became simple_ioremap" grep -q "^+	mmap_action_simple_ioremap(desc, drvdata->rmem->base," "$WORK/tree.diff"
check "a failed remap keeps -EAGAIN through the action's error hook" bash -c \
  "grep -q '^+	desc->action.error_hook = xsd_kva_mmap_error;' '$WORK/tree.diff' && grep -q 'xenstored.c:.*note: if remap_pfn_range() fails, mmap() still returns -EAGAIN' '$WORK/tree.err'"
# Handlers that change state prepare must not change stay as they are:
# intel_th counts its users with atomics that only vm_ops->close drops;
# resctrl zeroes the pseudo-locked region (and remaps under a mutex).
check "intel_th_msc_mmap is not made a prepare hook" bash -c "! grep -q 'intel_th_msc_mmap_prepare' '$WORK/tree.diff'"
check "pseudo_lock_dev_mmap is not made a prepare hook" bash -c "! grep -q 'pseudo_lock_dev_mmap_prepare' '$WORK/tree.diff'"
check "an exported handler is renamed with its export and prototype" bash -c \
  "grep -q '^+EXPORT_SYMBOL_GPL(nfs_file_mmap_prepare);' '$WORK/tree.diff' && grep -q '^+int nfs_file_mmap_prepare(struct vm_area_desc \*desc);' '$WORK/tree.diff'"
check "kernel-doc follows the rename" grep -q "^+ \* @desc: The VMA descriptor" "$WORK/tree.diff"
check "the JSON report agrees with the run" python3 -c "
import json, sys
r = json.load(open('$WORK/tree.json'))
done = [h for h in r['handlers'] if h['rewritten']]
assert r['profile'] == '7.1' and r['summary']['rewritten'] == len(done) == $converted, r['summary']
assert all(h['why'] is None for h in done) and all(h['why'] for h in r['handlers'] if not h['rewritten'])
assert any('-EAGAIN' in n for h in done for n in h['notes'])
"
check "diff names only tree-relative files" bash -c "! grep -E '^(\+\+\+|---) [ab]//' '$WORK/tree.diff'"

# The tree itself takes the diff (one copy of 1.7 GB is enough); the diff
# is taken back out at exit, and a run cut off in between extracts afresh.
rm "$WORK/src/.extracted"
restore() {
  if (cd "$SRC" && git apply -R "$WORK/tree.diff"); then touch "$WORK/src/.extracted"; fi
}
check "git apply accepts the diff" bash -c \
  "cd '$SRC' && git apply --check '$WORK/tree.diff' && git apply '$WORK/tree.diff'"
trap restore EXIT
check "patched tree has mmap_prepare slots" grep -q "\.mmap_prepare" "$SRC/mm/shmem.c"

# A second run over the patched tree plans nothing. Same cache: the edited
# files are parsed again because their content changed.
"$TOOL" rewrite --kernel "$SRC" --cache-dir "$WORK/cache" --dry-run -v \
  >"$WORK/second.diff" 2>"$WORK/second.err"
grep "TUs parsed in" "$WORK/second.err" | sed 's/^/rewrite-tree: second run: /' || true
check "second run plans nothing" [ ! -s "$WORK/second.diff" ]
check "second run rewrites no handler" bash -c "! grep -q 'becomes ->mmap_prepare' '$WORK/second.err'"

finish rewrite-tree
