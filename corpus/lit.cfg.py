# -*- Python -*-
# lit configuration for the mmap-migrate corpus.
#
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv \
#       --param tool=/path/to/mmap-migrate corpus/
#
# Parameters:
#   tool   path of the mmap-migrate binary (required unless build/bin/
#          mmap-migrate exists next to corpus/)
#   build  where lit writes %t files (default /tmp/mmap-migrate-lit)
#
# The suite's source root is corpus/ itself (the default), so a single case
# can be run as `lit.py ... corpus/cases/remap_single.c`. Only cases/*.c are
# tests: the mock headers and the helper files under cases/Inputs/ are
# excluded.

import os
import sys

import lit.formats

config.name = "mmap-migrate-corpus"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c"]
config.excludes = ['sample-tree', "include", "Inputs"]

corpus_dir = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = lit_config.params.get("build", "/tmp/mmap-migrate-lit")


tool = lit_config.params.get("tool")
if not tool:
    guess = os.path.join(os.path.dirname(corpus_dir), "build", "bin", "mmap-migrate")
    if os.path.exists(guess):
        tool = guess
if not tool:
    lit_config.fatal("pass --param tool=/path/to/mmap-migrate")
tool = os.path.abspath(tool)
if not os.path.exists(tool):
    lit_config.warning("mmap-migrate not found at %s; every case will fail" % tool)

config.substitutions.append(("%mmap-migrate", tool))
# The rewrite under every profile, checked against the case's CHECK-FIXES
# lines (utils/check_rewrite.py, as clang-tidy's check_clang_tidy.py).
config.substitutions.append(
    ("%check-rewrite", "%s %s --tool %s" % (sys.executable,
                                            os.path.join(corpus_dir, "utils", "check_rewrite.py"),
                                            tool)))
config.substitutions.append(("%inc", os.path.join(corpus_dir, "include")))

# FileCheck and not come from LLVM 19 whatever else is on PATH.
llvm_bin = "/usr/lib/llvm-19/bin"
config.environment["PATH"] = os.pathsep.join(
    [llvm_bin, os.environ.get("PATH", "")]
)

for _var in ("MMAP_MIGRATE_CHECK_PROFILES", "MMAP_MIGRATE_CHECK_QUICK"):
    if _var in os.environ:
        config.environment[_var] = os.environ[_var]

# The tool's caches go under the lit work dir (or where the caller says),
# never into the user's ~/.cache.
config.environment["MMAP_MIGRATE_CACHE"] = os.environ.get(
    "MMAP_MIGRATE_CACHE", os.path.join(config.test_exec_root, "tool-cache")
)
