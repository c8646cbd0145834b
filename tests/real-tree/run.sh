#!/usr/bin/env bash
# Scans a slice of Debian's linux-source-6.12 and checks facts verified by
# reading those handlers. Installs and extracts the tree on first use.
# Usage: run.sh MMAP_MIGRATE_BINARY WORKDIR
set -euo pipefail
TOOL=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
SLICE=(drivers/char fs mm drivers/gpu/drm/tiny)
. "$HERE/tree.sh"

mkdir -p "$WORK"
extract_tree "$WORK/src"
SRC=$WORK/src/$TREE_NAME
touch "$WORK/before-scan"
sleep 1

echo "real-tree: scanning ${SLICE[*]}"
start=$(date +%s)
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" "${SLICE[@]}" -j2 \
  --format json -o "$WORK/slice.json"
echo "real-tree: slice scanned in $(( $(date +%s) - start )) s"

# A second run reuses every result: same report, nothing parsed again.
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" "${SLICE[@]}" -j2 -v \
  --format json -o "$WORK/warm.json" 2>"$WORK/warm.log"
grep "TUs parsed in" "$WORK/warm.log" | sed 's/^/real-tree: warm: /'
# Changing a header re-parses exactly the TUs that read it (content
# decides: the header is restored afterwards, with a new time stamp).
HDR=$SRC/include/linux/hpet.h
cp "$HDR" "$WORK/hpet.h.orig"
rm "$WORK/src/.extracted" # changed: a run cut off here extracts afresh
echo "/* changed */" >>"$HDR"
sleep 2.1
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" "${SLICE[@]}" -j2 -v \
  --format json -o "$WORK/touched.json" 2>"$WORK/touched.log"
cp "$WORK/hpet.h.orig" "$HDR"
touch "$WORK/src/.extracted"

# Same input, any -j: same report (parsed, not taken from the cache).
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" drivers/char fs/proc -j1 --no-cache \
  --format json -o "$WORK/j1.json"
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" drivers/char fs/proc -j2 --no-cache \
  --format json -o "$WORK/j2.json"
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" drivers/char fs/proc -j2 \
  --format yaml -o "$WORK/j2.yaml"

# s390 allmodconfig stops in make prepare on clang's warnings under
# CONFIG_WERROR, which the cache build dir turns off: it is set up. sparc,
# which kbuild has no clang --target for, is parsed for with the target on
# make's command line and a wrapper that drops arch/sparc's GCC-only flags.
# alpha cannot be (clang has no alpha target): it is left out with a
# warning, the run goes on, and the files only it would build are listed
# as not analysed, with why.
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" --arch x86_64,s390,sparc,alpha -q \
  drivers/char/mem.c drivers/s390/char/vmcp.c drivers/sbus/char/oradax.c \
  arch/alpha/kernel/pci-sysfs.c --format json -o "$WORK/arches.json" 2>"$WORK/arches.err"
python3 -c "
import json
r = json.load(open('$WORK/arches.json'))
err = open('$WORK/arches.err').read()
names = {h['name']: h['file'] for h in r['handlers']}
assert 'mmap_mem' in names, 'mem.c not analysed'
assert names.get('dax_devmap') == 'drivers/sbus/char/oradax.c', names
listed = {n['file']: n['reason'] for n in r['not_analysed']}
assert 'drivers/s390/char/vmcp.c' not in listed and 'drivers/sbus/char/oradax.c' not in listed, listed
assert r['summary']['files']['parsed'] == 3, r['summary']
assert '--arch s390 left out' not in err and '--arch sparc left out' not in err, err
assert 'warning: --arch alpha left out: make allmodconfig failed' in err, err
assert 'alpha allmodconfig could not be set up' in listed.get('arch/alpha/kernel/pci-sysfs.c', ''), listed
"
grep -q '^# CONFIG_WERROR is not set' "$WORK"/cache/*-s390-allmodconfig-*/build/.config
grep -q '^CONFIG_64BIT=y' "$WORK"/cache/*-sparc-allmodconfig-*/build/.config
echo "real-tree: s390 sets up with CONFIG_WERROR off; sparc is parsed for; a multi-arch scan survives alpha's failed set-up"

# Files only a kernel without an MMU builds: riscv-nommu is riscv
# allmodconfig with CONFIG_MMU off (KCONFIG_ALLCONFIG in its build dir).
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" --arch x86_64,riscv-nommu -q \
  fs/ramfs/file-nommu.c mm/nommu.c --format json -o "$WORK/nommu.json"
python3 -c "
import json
r = json.load(open('$WORK/nommu.json'))
assert any(h['name'] == 'ramfs_nommu_mmap' for h in r['handlers']), r['handlers']
assert not r['not_analysed'] and r['summary']['files']['parsed'] == 2, (r['not_analysed'], r['summary'])
"
grep -q '^# CONFIG_MMU is not set' "$WORK"/cache/*-riscv-nommu-allmodconfig-*/build/.config
echo "real-tree: the nommu-only files are analysed with riscv-nommu"

# Files no configuration builds are parsed with the command of the nearest
# file one does build and the symbols of their Makefile line defined
# (tool/kbuild/StandIn.h), with --borrow-flags (--arch all implies it):
# partial, reported, never rewritten. romfs's
# nommu part takes riscv-nommu's flags; tcx.c (FB_TCX -> FB_SBUS -> SPARC)
# sparc's, whose headers it needs; arc_hostlink.c, of an architecture not
# parsed for, x86_64's init/ flags; alpha's pci-sysfs.c does not compile so
# and stays listed, with the error.
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" --arch x86_64,sparc,riscv-nommu -q \
  --borrow-flags fs/romfs/mmap-nommu.c drivers/video/fbdev/tcx.c arch/arc/kernel/arc_hostlink.c \
  arch/alpha/kernel/pci-sysfs.c --format json -o "$WORK/borrowed.json"
python3 -c "
import json
r = json.load(open('$WORK/borrowed.json'))
h = {x['name']: x for x in r['handlers']}
rom, arc = h['romfs_mmap'], h['arc_hl_mmap']
assert rom['partial'] and 'riscv-nommu' in rom['partial_why'] and 'CONFIG_ROMFS_ON_MTD defined' in rom['partial_why'], rom
assert arc['verdict'] == 'manual' and arc['blocker'] == arc['partial_why'], arc
assert 'x86_64 allmodconfig' in arc['partial_why'] and 'arch/arc being none' in arc['partial_why'], arc
assert any(t['handler'] == 'tcx_sbusfb_mmap' for t in r['other_tables']), r['other_tables']
listed = {n['file']: n['reason'] for n in r['not_analysed']}
assert 'it does not compile: ' in listed.get('arch/alpha/kernel/pci-sysfs.c', ''), listed
assert set(listed) == {'arch/alpha/kernel/pci-sysfs.c'}, listed
assert r['summary']['files']['parsed_with_borrowed_flags'] == 3, r['summary']['files']
"
# The trap: parsed as x86_64 code, arc_hl_mmap is a remap the rewrite
# would convert. The control beside it converts.
"$TOOL" rewrite --kernel "$SRC" --cache-dir "$WORK/cache" --dry-run -q --borrow-flags \
  arch/arc/kernel/arc_hostlink.c drivers/misc/open-dice.c >"$WORK/borrowed.diff"
grep -q '^+++ b/drivers/misc/open-dice.c' "$WORK/borrowed.diff"
if grep -q 'arc_hostlink' "$WORK/borrowed.diff"; then echo "arc_hostlink.c was rewritten"; exit 1; fi
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" -q arch/arc/kernel/arc_hostlink.c \
  --format json -o "$WORK/unborrowed.json"
python3 -c "
import json
r = json.load(open('$WORK/unborrowed.json'))
assert not r['handlers'] and r['not_analysed'][0]['reason'].startswith('not built in x86_64 allmodconfig'), r
"
echo "real-tree: files no configuration builds are parsed with borrowed flags, partial, not rewritten"

# The text pass (files with only other ops tables are read, not parsed)
# must report what parsing them reports.
# fbdev drivers set their fb_mmap slot through fb.h's FB_DEFAULT_*_OPS
# macros, which the text pass expands.
TEXT_SLICE=(sound/core drivers/gpu/drm/tiny drivers/dma-buf net/packet
  drivers/video/fbdev/geode drivers/video/fbdev/aty drivers/video/fbdev/savage)
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" "${TEXT_SLICE[@]}" \
  --format json -o "$WORK/text.json"
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" drivers/video/fbdev/geode \
  --format json -o "$WORK/geode.json"
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" "${TEXT_SLICE[@]}" --parse-all \
  --format json -o "$WORK/parsed.json"

# Several architectures: each file is analysed with the first that builds
# it (rmtfs_mem.c is arm64 only); what none builds is listed.
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" --arch x86_64,arm64 \
  drivers/soc/qcom drivers/gpu/drm/armada --format json -o "$WORK/arch.json"

# The object index lists only the directories that can build what is asked
# about, and grows on demand: kvm_main.c is built from arch/x86/kvm, whose
# Makefile includes virt/kvm/Makefile.kvm.
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" virt/kvm -v \
  --format json -o "$WORK/kvm.json" 2>"$WORK/kvm.log"
grep "listing" "$WORK/kvm.log" | sed 's/^/real-tree: kvm: /' || true

# A .c file that another .c #includes (kbuild never builds it alone) is
# analysed inside that TU, not listed as not built.
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" sound/core -v -q \
  --format json -o "$WORK/sound.json" --dump-commands "$WORK/sound-commands.json" 2>"$WORK/sound.log"
python3 - "$WORK/sound.json" "$WORK/sound-commands.json" <<'PY' && grep -q "sound/core/pcm_compat.c: analysed through .*sound/core/pcm_native.c, which #includes it" "$WORK/sound.log" ||
import json, sys
r = json.load(open(sys.argv[1]))
assert not [n for n in r["not_analysed"] if n["file"].endswith("pcm_compat.c")], r["not_analysed"]
assert r["summary"]["files"]["parsed_through_includer"] == 1, r["summary"]["files"]
# The includer is one TU, parsed once, though both files asked for it.
native = [c for c in json.load(open(sys.argv[2])) if c["file"].endswith("sound/core/pcm_native.c")]
assert len(native) == 1, len(native)
PY
  { echo "real-tree: FAIL sound/core/pcm_compat.c is not analysed through pcm_native.c, parsed once"; tail -3 "$WORK/sound.log"; exit 1; }
echo "real-tree: sound/core/pcm_compat.c is analysed inside pcm_native.c, which #includes it"

# The commands the tool took from its listing are the ones kbuild's own
# make -n prints for those objects, asked one at a time (check.py compares).
BUILD_DIR=$(ls -d "$WORK"/cache/*-x86_64-*/build | head -n 1)
# (Objects the make below never builds: make -n prints nothing for those.)
for target in drivers/char/uv_mmtimer.o drivers/gpu/drm/tiny/cirrus.o \
  arch/x86/kvm/../../../virt/kvm/kvm_main.o; do
  make -s -k -n -C "$SRC" O="$BUILD_DIR" LLVM=-19 ARCH=x86_64 CONFIG_OBJTOOL= CONFIG_DTC= \
    CONFIG_HEADERS_INSTALL= "$target" >"$WORK/make-n-$(basename "$target").out" 2>/dev/null || true
done

# kbuild's own compile_commands.json (gen_compile_commands.py over objects
# really built) works with -p, with PATHs named from the tree top.
# ARCH= spelled as the tool does, or kbuild would configure the build dir anew.
make -s -C "$SRC" O="$BUILD_DIR" LLVM=-19 ARCH=x86_64 drivers/char/hpet.o drivers/char/mem.o \
  fs/proc/inode.o
mkdir -p "$WORK/kbuild"
python3 "$SRC/scripts/clang-tools/gen_compile_commands.py" -d "$BUILD_DIR" \
  -o "$WORK/kbuild/compile_commands.json"
ln -sfn "$SRC" "$WORK/kbuild/source"
"$TOOL" scan -p "$WORK/kbuild" drivers/char fs/proc --format json -o "$WORK/kbuild.json"

# The scan never writes into the tree.
find "$SRC" -newer "$WORK/before-scan" >"$WORK/written" 2>/dev/null || true

python3 "$HERE/check.py" "$SRC" "$WORK"

# The kbuild checker hook, as sparse is run: C=2 checks the objects above
# (built, so not compiled again) and one compiled now. Each file's notes are
# the ones a scan prints for it, and a checker that finds a ->mmap user does
# not stop the build.
CHECKED=(drivers/char/hpet.c drivers/char/mem.c fs/proc/inode.c kernel/relay.c)
make -s -C "$SRC" O="$BUILD_DIR" LLVM=-19 ARCH=x86_64 C=2 CHECK="$TOOL check" \
  "${CHECKED[@]/%.c/.o}" 2>"$WORK/kbuild-check.err" ||
  { echo "real-tree: FAIL make C=2 CHECK='mmap-migrate check' failed"; tail -3 "$WORK/kbuild-check.err"; exit 1; }
(cd "$SRC" && "$TOOL" scan --kernel . --cache-dir "$WORK/cache" -q "${CHECKED[@]}" >"$WORK/kbuild-scan.txt")
notes() { grep -E '^[^ ]+:[0-9]+:[0-9]+: (note|warning): .*\[mmap-migrate-' "$1" | sed "s|^[^:]*$TREE_NAME/||" | sort; }
if [ -s "$WORK/kbuild-scan.txt" ] && [ "$(notes "$WORK/kbuild-check.err" | grep -c "'mmap_mem' is")" = 1 ] &&
  diff <(notes "$WORK/kbuild-scan.txt") <(notes "$WORK/kbuild-check.err") >"$WORK/kbuild-check.diff"; then
  echo "real-tree: make C=2 CHECK='mmap-migrate check' prints the scan's notes for ${#CHECKED[@]} files"
else
  echo "real-tree: FAIL the checker's notes differ from the scan's"; head -5 "$WORK/kbuild-check.diff"; exit 1
fi

# ... and in a GCC build (Debian's default compiler, no LLVM=), whose
# flags clang must be given cleaned: the same notes.
GCC_BUILD=$WORK/gcc-build
make -s -C "$SRC" O="$GCC_BUILD" defconfig >/dev/null && make -s -C "$SRC" O="$GCC_BUILD" -j2 prepare >/dev/null 2>&1 &&
  make -s -C "$SRC" O="$GCC_BUILD" C=2 CHECK="$TOOL check" drivers/char/mem.o kernel/relay.o \
    2>"$WORK/gcc-check.err" ||
  { echo "real-tree: FAIL make C=2 CHECK= in a GCC build failed"; tail -3 "$WORK/gcc-check.err"; exit 1; }
if [ "$(notes "$WORK/gcc-check.err" | grep -c "'relay_file_mmap' is")" = 1 ] &&
  diff <(notes "$WORK/kbuild-scan.txt" | grep -E '^(drivers/char/mem|kernel/relay)\.c:') \
    <(notes "$WORK/gcc-check.err") >"$WORK/gcc-check.diff"; then
  echo "real-tree: ... and in a GCC build of the same files"
else
  echo "real-tree: FAIL the checker's notes in a GCC build differ from the scan's"; head -5 "$WORK/gcc-check.diff"; exit 1
fi
rm -rf "$GCC_BUILD"

# A cached compile command edited by hand, its checksum line kept, is not
# believed: the command cache is dropped with one -v line, the commands are
# listed again, and mem.c's handler keeps its name.
python3 - "$BUILD_DIR/mmap-migrate-commands.json" <<'PY'
import json, sys
p = sys.argv[1]
text = open(p).read()
body, tag = text[:text.rstrip("\n").rfind("\n") + 1], text[text.rstrip("\n").rfind("\n") + 1:]
assert tag.startswith("#xxh3 "), tag
root = json.loads(body)
mem = [k for k in root["commands"] if k.endswith("drivers/char/mem.c")]
assert mem, "no cached command for drivers/char/mem.c"
root["commands"][mem[0]]["arguments"].insert(1, "-Dmmap_mem=mmap_mem_edited")
open(p, "w").write(json.dumps(root) + "\n" + tag)
PY
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" drivers/char/mem.c -v -q \
  -o "$WORK/edited.txt" 2>"$WORK/edited.log"
grep -q "ignoring damaged .*mmap-migrate-commands.json: its checksum does not match its content" "$WORK/edited.log" &&
  grep -q "'mmap_mem'" "$WORK/edited.txt" && ! grep -q "mmap_mem_edited" "$WORK/edited.txt" ||
  { echo "real-tree: FAIL an edited cached command was believed"; tail -3 "$WORK/edited.log"; exit 1; }
echo "real-tree: an edited cached command was dropped and listed again"

# (Last: it wipes the build dir whose listings check.py reads.)
# A build dir garbled while unstamped (a run killed while configuring, a
# hand) fails make allmodconfig: it is made again from nothing, once,
# with one -v line, and the scan goes on.
rm -f "$(dirname "$BUILD_DIR")/prepared.stamp"
head -c 4000 /dev/urandom >"$BUILD_DIR/.config"
head -c 100000 /dev/urandom >"$BUILD_DIR/scripts/kconfig/conf"
"$TOOL" scan --kernel "$SRC" --cache-dir "$WORK/cache" drivers/char/mem.c -v -q \
  -o "$WORK/rebuilt.txt" 2>"$WORK/rebuilt.log"
grep -q "the build dir may be damaged; making it again from nothing" "$WORK/rebuilt.log" &&
  grep -q "'mmap_mem'" "$WORK/rebuilt.txt" ||
  { echo "real-tree: FAIL a garbled build dir was not made again"; tail -3 "$WORK/rebuilt.log"; exit 1; }
echo "real-tree: a garbled build dir was made again"
