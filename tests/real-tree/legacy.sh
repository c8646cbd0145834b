#!/usr/bin/env bash
# The rewrite on Debian's linux-source-6.1, whose drivers write vma->vm_flags
# directly: facts read off the handlers, not a recorded diff.
# Usage: legacy.sh MMAP_MIGRATE_BINARY WORKDIR
set -euo pipefail
TOOL=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
TREE_VERSION=6.1
. "$HERE/tree.sh"
. "$HERE/../lib.sh"
export GIT_CEILING_DIRECTORIES=$WORK/src

mkdir -p "$WORK"
extract_tree "$WORK/src"
SRC=$WORK/src/$TREE_NAME
start=$(date +%s)
"$TOOL" rewrite --kernel "$SRC" --cache-dir "$WORK/cache" --dry-run \
  security/selinux/selinuxfs.c drivers/misc/open-dice.c fs/aio.c drivers/xen/privcmd.c \
  fs/ext2/file.c drivers/char/uv_mmtimer.c kernel/relay.c drivers/soc/aspeed/aspeed-lpc-ctrl.c drivers/mtd/mtdchar.c \
  >"$WORK/legacy.diff" 2>"$WORK/legacy.err"
echo "legacy: planned in $(( $(date +%s) - start )) s: $(tail -n 1 "$WORK/legacy.err")"

has() { grep -qF -- "$1" "$WORK/legacy.diff"; }
check "a direct |= becomes vma_desc_set_flags()" has "+	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);"
check "a direct &= ~ becomes vma_desc_clear_flags()" has "+		vma_desc_clear_flags(desc, VMA_MAYWRITE_BIT);"
check "... and every direct write of those handlers is gone" bash -c \
  "! grep -q '^+.*vm_flags [|&]=' '$WORK/legacy.diff'"
check "an else-if chain of writes keeps its shape (open_dice_mmap)" has "+	else if (vma_desc_test(desc, VMA_SHARED_BIT))"
check "a write over two lines becomes one call (privcmd_mmap)" has "+	vma_desc_set_flags(desc, VMA_IO_BIT, VMA_PFNMAP_BIT, VMA_DONTCOPY_BIT,"
check "the other configuration's alias is renamed with ext2_file_mmap" has "+#define ext2_file_mmap_prepare	generic_file_mmap_prepare"
check "a remap whose failure branch logs a constant message keeps it in the error hook" bash -c \
  "grep -A3 '^+static int uv_mmtimer_mmap_error(int err)' '$WORK/legacy.diff' | grep -q '^+	printk(KERN_ERR '"
check "the static helper the vma goes to is converted with relay_file_mmap" \
  has "+	return relay_mmap_prepare_buf(buf, desc);"
check "... with its own signature" has "+				  struct vm_area_desc *desc)"
check "a body with a conditional has each arm rewritten: the nommu arm x86 skips (mtdchar_mmap)" \
  has "+	return vma_desc_test(desc, VMA_SHARED_BIT) ? 0 : -EACCES;"
check "... and the arm x86 compiles, the file spelled at each use" \
  has "+	struct mtd_file_info *mfi = desc->file->private_data;"
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" drivers/soc/aspeed/aspeed-lpc-ctrl.c \
  >"$WORK/aspeed.txt" 2>&1
check "a local uncached copy of vm_page_prot stays when private mappings are allowed (aspeed)" \
  grep -q "left for a human: .*does not refuse private mappings" "$WORK/aspeed.txt"
check "... and its file is not rewritten" bash -c "! grep -q aspeed_lpc_ctrl_mmap_prepare '$WORK/legacy.diff'"
check "nothing dropped by verification" bash -c "! grep -q 'the rewritten code does not compile' '$WORK/legacy.err'"
drop_tree_unless_kept "$WORK/src"
finish legacy
