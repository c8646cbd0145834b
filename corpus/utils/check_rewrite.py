#!/usr/bin/env python3
"""The rewrite of one corpus case under every profile, as clang-tidy's
check_clang_tidy.py checks a fix: the expected fix sits next to the code.

    // RUN: %check-rewrite %s %t --converts=7.1,7.0 -- -nostdinc -I%inc

The case's CHECK-FIXES lines are FileCheck patterns (--strict-whitespace)
for the rewritten file. A plain CHECK-FIXES line holds for every profile in
--converts; CHECK-FIXES-<TAGS> for the profiles named by its tags, joined
by '-' (V71, V70, V619, V617, RFC: CHECK-FIXES-V70-V71 is 7.0 and 7.1).
Before the tool runs, every CHECK-FIXES line is taken out of the copy it
rewrites, so the tool sees the case as written.

For each profile:
- `rewrite -i` on a copy; under a profile of --converts the result must
  pass FileCheck, and every line it adds or changes must be one that a
  CHECK-FIXES line of that profile spells (so no change goes unchecked);
  under any other profile the copy must be left byte for byte as it was;
- the --dry-run diff applied with `git apply`, and the --export-fixes YAML
  applied by clang-apply-replacements-19, give the same text as -i;
- a second run over the result plans nothing (idempotent);
- the result compiles with clang-19 -fsyntax-only against the mock headers
  that declare that profile's API (-DMOCK_PROFILE_<name>).

Usage: check_rewrite.py --tool TOOL CASE TMPDIR --converts=P,... -- FLAGS
"""
import argparse
import collections
import difflib
import os
import re
import shutil
import subprocess
import sys

CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROFILE_DIR = os.path.join(os.path.dirname(CORPUS), "rewrites", "profiles")
PROFILES = sorted(f[:-5] for f in os.listdir(PROFILE_DIR) if f.endswith(".yaml"))
FIX_LINE = re.compile(r"^\s*// CHECK-FIXES[-A-Z0-9]*:")
DIRECTIVE = re.compile(r"// (CHECK-FIXES((?:-(?!NEXT\b|EMPTY\b)[A-Z0-9]+)*))(-NEXT|-EMPTY)?:(?: (.*))?$",
                       re.M)


def tag(profile):
    """7.1 -> V71, rfc-mmap-complete -> RFC: a FileCheck prefix part."""
    return "RFC" if profile.startswith("rfc") else "V" + profile.replace(".", "")


def mock_macro(profile):
    return "-DMOCK_PROFILE_" + re.sub(r"[^A-Za-z0-9]", "_", profile).upper()


def unpattern(p):
    """The literal line a `{{^}}text{{$}}` pattern spells, or None."""
    if not (p.startswith("{{^}}") and p.endswith("{{$}}")):
        return None
    body = re.sub(r"\{\{([A-Z])\}\}", r"\1", p[5:-5])
    return body.replace("{{\\{\\{}}", "{{").replace("{{\\[\\[}}", "[[")


def prefixes_for(text, profile, converts):
    """The CHECK-FIXES prefixes that hold for \\p profile in this case."""
    out = set()
    for m in DIRECTIVE.finditer(text):
        tags = [t for t in m.group(2).split("-") if t]
        if (not tags and profile in converts) or tag(profile) in tags:
            out.add(m.group(1))
    return sorted(out)


def spelled_lines(text, prefixes):
    lines = collections.Counter()
    for m in DIRECTIVE.finditer(text):
        if m.group(1) in prefixes:
            lit = "" if m.group(3) == "-EMPTY" else unpattern(m.group(4) or "")
            if lit is not None:
                lines[lit] += 1
    return lines


def added_lines(old, new, work):
    """The lines a minimal diff from \p old to \p new adds (git's Myers
    --minimal, as a reviewer reads the change)."""
    a, b = os.path.join(work, "old.txt"), os.path.join(work, "new.txt")
    for path, text in ((a, old), (b, new)):
        with open(path, "w") as f:
            f.write(text)
    d = subprocess.run(["git", "diff", "--no-index", "--no-color", "--minimal", "-U0", a, b],
                       capture_output=True, text=True).stdout
    return collections.Counter(l[1:] for l in d.splitlines()
                               if l.startswith("+") and not l.startswith("+++"))


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("check_rewrite: the compiler flags go after '--'")
    cut = argv.index("--")
    flags = argv[cut + 1:]
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("case")
    ap.add_argument("tmp")
    ap.add_argument("--converts", default="")
    a = ap.parse_args(argv[:cut])
    converts = [p for p in a.converts.split(",") if p]
    unknown = [p for p in converts if p not in PROFILES]
    if unknown:
        sys.exit("check_rewrite: unknown profile(s) in --converts: " + ", ".join(unknown))

    annotated = open(a.case).read()
    original = "".join(l for l in annotated.splitlines(True) if not FIX_LINE.match(l))
    name = os.path.basename(a.case)
    failures = []

    def fail(what, detail=""):
        failures.append(f"{name}: {what}\n{detail}".rstrip())

    def run(args, cwd, stdin=None):
        return subprocess.run(args, cwd=cwd, capture_output=True, text=True, input=stdin)

    for profile in PROFILES:
        work = os.path.join(a.tmp, profile)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        src = os.path.join(work, name)
        base = [a.tool, "rewrite", "--profile", profile, "--verify-arg=" + mock_macro(profile)]

        def fresh():
            with open(src, "w") as f:
                f.write(original)

        fresh()
        r = run(base + ["-i", name, "--"] + flags, work)
        got = open(src).read()
        if r.returncode != 0:
            fail(f"[{profile}] rewrite -i exited {r.returncode}", r.stderr)
            continue
        if profile in converts:
            prefixes = prefixes_for(annotated, profile, converts)
            if not prefixes:
                fail(f"[{profile}] in --converts, but no CHECK-FIXES line says what it becomes")
                continue
            fc = run(["FileCheck", "--strict-whitespace", "--check-prefixes=" + ",".join(prefixes),
                      a.case], work, stdin=got)
            if fc.returncode != 0:
                fail(f"[{profile}] the rewrite does not match its CHECK-FIXES lines",
                     fc.stderr + r.stderr)
            # Every added or changed line must be spelled by a CHECK-FIXES line.
            added = added_lines(original, got, work)
            unchecked = added - spelled_lines(annotated, prefixes)
            if unchecked:
                fail(f"[{profile}] lines the rewrite adds or changes that no CHECK-FIXES line "
                     "spells", "\n".join(sorted(unchecked)))
        elif got != original:
            fail(f"[{profile}] not in --converts, yet the file changed",
                 "".join(difflib.unified_diff(original.splitlines(True), got.splitlines(True),
                                              "before", "after")) + r.stderr)

        # The dry-run diff, applied by git, gives the same.
        fresh()
        r = run(base + ["--dry-run", name, "--"] + flags, work)
        if r.stdout:
            with open(os.path.join(work, "fix.diff"), "w") as f:
                f.write(r.stdout)
            g = run(["git", "apply", "--unsafe-paths", "-p1", "fix.diff"], work)
            if g.returncode != 0:
                fail(f"[{profile}] git apply of the --dry-run diff", g.stderr)
        if open(src).read() != got:
            fail(f"[{profile}] --dry-run differs from -i", r.stdout)

        # The exported fixes, applied by clang-apply-replacements, give the same.
        if got != original:
            fresh()
            fixes = os.path.join(work, "fixes")
            os.makedirs(fixes)
            r = run(base + ["--export-fixes", os.path.join(fixes, "fixes.yaml"), name, "--"] +
                    flags, work)
            c = run(["clang-apply-replacements-19", fixes], work)
            if c.returncode != 0 or open(src).read() != got:
                fail(f"[{profile}] clang-apply-replacements of --export-fixes differs from -i",
                     c.stderr + r.stderr)

        # Idempotent: a second run over the result plans nothing.
        with open(src, "w") as f:
            f.write(got)
        r = run(base + ["--dry-run", name, "--"] + flags, work)
        if r.returncode != 0 or r.stdout:
            fail(f"[{profile}] a second run plans more", r.stdout + r.stderr)

        # The result compiles against the profile's API.
        if got != original:
            c = run(["clang-19", "-fsyntax-only", mock_macro(profile)] + flags + [src],
                    os.path.dirname(os.path.abspath(a.case)))
            if c.returncode != 0:
                fail(f"[{profile}] the rewritten file does not compile", c.stderr)

    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
