# The real kernel tree for the real-tree tests: Debian's linux-source-6.12,
# installed when missing and extracted once per test folder.
# Source it; then `extract_tree DIR` leaves the tree in DIR/linux-source-6.12.
# TREE_VERSION=6.1 before sourcing picks linux-source-6.1 (direct vm_flags
# writes) instead.
# A tree is 1.7 GB: the tests change it in place and take their changes back
# out rather than keep a second copy, and the folders go when the tests are
# done (MMAP_MIGRATE_KEEP_TREES=1 keeps them for the next run).
TREE_NAME=linux-source-${TREE_VERSION:-6.12}
TARBALL=/usr/src/$TREE_NAME.tar.xz

extract_tree() { # DIR
  [ -f "$TARBALL" ] || bash "$(dirname "${BASH_SOURCE[0]}")/../../tool/install-deps.sh" --with-kernel
  if [ ! -f "$1/.extracted" ]; then
    rm -rf "$1" && mkdir -p "$1"
    echo "real-tree: extracting $TARBALL into $1"
    tar xf "$TARBALL" -C "$1"
    touch "$1/.extracted"
  fi
}

drop_tree_unless_kept() { # DIR
  [ -n "${MMAP_MIGRATE_KEEP_TREES:-}" ] || rm -rf "$1"
}
