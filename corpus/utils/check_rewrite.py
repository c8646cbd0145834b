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
import difflib
import os
import re
import shutil
import subprocess
import sys

CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROFILE_DIR = os.path.join(os.path.dirname(CORPUS), "rewrites", "profiles")
ALL_PROFILES = sorted(f[:-5] for f in os.listdir(PROFILE_DIR) if f.endswith(".yaml"))
# A sanitized run checks a subset (tests/fuzz/run.sh): each profile costs
# five runs of the tool per case.
PROFILES = [p for p in ALL_PROFILES
            if not os.environ.get("MMAP_MIGRATE_CHECK_PROFILES")
            or p in os.environ["MMAP_MIGRATE_CHECK_PROFILES"].split(",")]
QUICK = os.environ.get("MMAP_MIGRATE_CHECK_QUICK") == "1"
FIX_LINE = re.compile(r"^\s*// CHECK-FIXES[-A-Z0-9]*:")
DIRECTIVE = re.compile(r"^\s*// (CHECK-FIXES((?:-[A-Z0-9]+)*?))(-NEXT|-EMPTY)?:(?: (.*))?$", re.M)
TAGS = {"V617", "V619", "V70", "V71", "RFC"}


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


def directives(text):
    """(prefix, tags, suffix, pattern) of each CHECK-FIXES line; a tag that
    names no profile (a misspelling, or a FileCheck suffix such as -NOT
    that would turn into a positive check) is an error."""
    out = []
    for m in DIRECTIVE.finditer(text):
        tags = [t for t in m.group(2).split("-") if t]
        bad = [t for t in tags if t not in TAGS]
        if bad:
            raise ValueError("CHECK-FIXES line with an unknown tag %s: %s" % (bad, m.group(0).strip()))
        out.append((m.group(1), tags, m.group(3) or "", m.group(4) or ""))
    return out


def prefixes_for(text, profile, converts):
    """The CHECK-FIXES prefixes that hold for \\p profile in this case."""
    out = set()
    for prefix, tags, _, _ in directives(text):
        if (not tags and profile in converts) or tag(profile) in tags:
            out.add(prefix)
    return sorted(out)


def blocks(text, prefixes):
    """The literal lines each block of \p prefixes spells, in file order: a
    block starts at a line without -NEXT/-EMPTY."""
    out = []
    for prefix, _, suffix, pattern in directives(text):
        if prefix not in prefixes:
            continue
        line = "" if suffix == "-EMPTY" else unpattern(pattern)
        if line is None:
            raise ValueError("CHECK-FIXES pattern is not a whole line ({{^}}...{{$}}): " + pattern)
        if suffix:
            if not out:
                raise ValueError("CHECK-FIXES" + suffix + " with no line before it")
            out[-1].append(line)
        else:
            out.append([line])
    return out


def spelled_by(run, spelled):
    """\p run lies within one block, or (the gap a deletion leaves) is the
    last line of one block and the first of the next."""
    n = len(run)
    if any(b[i:i + n] == run for b in spelled for i in range(len(b) - n + 1)):
        return True
    return n == 2 and any(a[-1] == run[0] and b[0] == run[1] for a, b in zip(spelled, spelled[1:]))


def change_runs(old, new, work):
    """Each change of a minimal diff from \p old to \p new (git's Myers
    --minimal, as a reviewer reads it), as the run of lines of \p new a
    CHECK-FIXES block must spell: the lines it adds and the unchanged line
    after them, or for a change that only takes lines away, the lines
    either side of the gap."""
    a, b = os.path.join(work, "old.txt"), os.path.join(work, "new.txt")
    for path, text in ((a, old), (b, new)):
        with open(path, "w") as f:
            f.write(text)
    d = subprocess.run(["git", "diff", "--no-index", "--no-color", "--minimal", "-U0", a, b],
                       capture_output=True, text=True)
    if d.returncode not in (0, 1):
        raise RuntimeError("git diff failed: " + d.stderr)
    lines = new.split("\n")
    runs = []
    for m in re.finditer(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", d.stdout, re.M):
        c, e = int(m.group(1)), int(m.group(2) or 1)
        j1 = c if e == 0 else c - 1  # git: a count of 0 starts after line c
        j2 = j1 + e
        if e:
            runs.append(lines[j1:min(j2 + 1, len(lines))])
        else:
            runs.append(lines[max(j1 - 1, 0):j1 + 1])
    return runs


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
    unknown = [p for p in converts if p not in ALL_PROFILES]
    if unknown:
        sys.exit("check_rewrite: unknown profile(s) in --converts: " + ", ".join(unknown))

    annotated = open(a.case).read()
    try:
        directives(annotated)
    except ValueError as e:
        sys.exit(f"check_rewrite: {os.path.basename(a.case)}: {e}")
    listed = {t for _, tags, _, _ in directives(annotated) for t in tags}
    unlisted = sorted(t for t in listed if t not in {tag(p) for p in converts})
    if unlisted:
        sys.exit(f"check_rewrite: {os.path.basename(a.case)}: CHECK-FIXES lines for "
                 f"{', '.join(unlisted)}, which --converts does not name")
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
            if got == original:
                fail(f"[{profile}] in --converts, but the rewrite changed nothing", r.stderr)
            # Every change, taking lines away too, must be spelled by a block.
            spelled = blocks(annotated, prefixes)
            for run_ in change_runs(original, got, work):
                if not spelled_by(run_, spelled):
                    fail(f"[{profile}] a change that no CHECK-FIXES block spells (its lines, then "
                         "the unchanged line after them)", "\n".join(run_))
        elif got != original:
            fail(f"[{profile}] not in --converts, yet the file changed",
                 "".join(difflib.unified_diff(original.splitlines(True), got.splitlines(True),
                                              "before", "after")) + r.stderr)

        # Under sanitizers (MMAP_MIGRATE_CHECK_QUICK=1), -i alone: the normal
        # build checks the other ways to apply the same edits.
        if not QUICK:
            # The dry-run diff, applied by git, gives the same.
            fresh()
            r = run(base + ["--dry-run", name, "--"] + flags, work)
            if r.returncode != 0:
                fail(f"[{profile}] rewrite --dry-run exited {r.returncode}", r.stderr)
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
