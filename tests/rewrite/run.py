#!/usr/bin/env python3
"""Rewrite corpus test: every corpus case, under every profile.

For each case in corpus/cases and each profile in rewrites/profiles:
- `rewrite -i` on a copy must produce exactly `<case>.after.<profile>.c`
  when that file exists, and must leave the case untouched when it does not
  (a manual or refused handler gets no edit);
- the `--dry-run` diff applied with `git apply` gives the same result;
- `--export-fixes` YAML applied by clang-apply-replacements-19 gives the same;
- a second run over the rewritten copy plans nothing (idempotent);
- every expected output compiles with clang-19 -fsyntax-only against the
  mock headers that declare that profile's API (-DMOCK_PROFILE_<name>).

Usage: run.py MMAP_MIGRATE_BINARY WORKDIR
"""
import difflib
import os
import re
import shutil
import subprocess
import sys

TOOL, WORK = sys.argv[1], sys.argv[2]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = os.path.join(ROOT, "corpus", "cases")
INC = os.path.join(ROOT, "corpus", "include")
PROFILES = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "rewrites", "profiles"))
                  if f.endswith(".yaml"))
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}\n{detail}")


def case_flags(text):
    """Compiler flags of the case's first RUN line that uses `--`."""
    for line in text.splitlines():
        m = re.match(r"// RUN: .* -- (.*?)(\|.*)?$", line)
        if m:
            return [f.replace("%inc", INC) for f in m.group(1).split()]
    return None


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def mock_macro(profile):
    return "-DMOCK_PROFILE_" + re.sub(r"[^A-Za-z0-9]", "_", profile).upper()


cases = sorted(f for f in os.listdir(CASES)
               if f.endswith(".c") and ".after." not in f)
for case in cases:
    text = open(os.path.join(CASES, case)).read()
    flags = case_flags(text)
    if flags is None or "%S/Inputs" in text:
        continue  # multi-file cases are covered by the scan tests
    for profile in PROFILES:
        name = f"{case} [{profile}]"
        expected_path = os.path.join(CASES, case.replace(".c", f".after.{profile}.c"))
        expected = open(expected_path).read() if os.path.exists(expected_path) else text
        work = os.path.join(WORK, profile, case[:-2])
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        src = os.path.join(work, case)
        shutil.copy(os.path.join(CASES, case), src)

        # In place.
        r = run([TOOL, "rewrite", "--profile", profile, "--verify-arg=" + mock_macro(profile), "-i", case, "--"] + flags, work)
        got = open(src).read()
        check(name + " -i", r.returncode == 0 and got == expected,
              r.stderr + "".join(difflib.unified_diff(
                  expected.splitlines(True), got.splitlines(True), "expected", "got")))

        # The dry-run diff, applied by git, gives the same.
        shutil.copy(os.path.join(CASES, case), src)
        r = run([TOOL, "rewrite", "--profile", profile, "--verify-arg=" + mock_macro(profile), "--dry-run", case, "--"] + flags, work)
        if r.stdout:
            open(os.path.join(work, "fix.diff"), "w").write(r.stdout)
            a = run(["git", "apply", "--unsafe-paths", "-p1", "fix.diff"], work)
            check(name + " git apply", a.returncode == 0, a.stderr)
        check(name + " --dry-run", open(src).read() == expected, r.stdout)

        # The exported fixes, applied by clang-apply-replacements, give the same.
        shutil.copy(os.path.join(CASES, case), src)
        fixes = os.path.join(work, "fixes")
        os.makedirs(fixes)
        r = run([TOOL, "rewrite", "--profile", profile, "--verify-arg=" + mock_macro(profile), "--export-fixes",
                 os.path.join(fixes, "fixes.yaml"), case, "--"] + flags, work)
        if expected != text:
            a = run(["clang-apply-replacements-19", fixes], work)
            check(name + " clang-apply-replacements", a.returncode == 0 and
                  open(src).read() == expected, a.stderr + r.stderr)

        # Idempotent: a second run over the result plans nothing.
        shutil.copy(expected_path if os.path.exists(expected_path) else os.path.join(CASES, case), src)
        r = run([TOOL, "rewrite", "--profile", profile, "--verify-arg=" + mock_macro(profile), "--dry-run", case, "--"] + flags, work)
        check(name + " second run plans nothing", r.returncode == 0 and r.stdout == "", r.stdout)

        # The expected output compiles against the profile's API.
        if os.path.exists(expected_path):
            c = run(["clang-19", "-fsyntax-only", mock_macro(profile)] + flags + [expected_path], CASES)
            check(name + " compiles", c.returncode == 0, c.stderr)

print(f"rewrite-corpus: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
