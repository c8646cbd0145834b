#!/usr/bin/env python3
"""Static checks of the mmap-migrate corpus; needs clang-19, not the tool.

1. Every case (and every Inputs/*.c it uses) compiles with
   clang-19 -fsyntax-only -nostdinc -I corpus/include plus the -D flags of
   its RUN lines, with no error and no warning. A case whose comment says
   "corpus: expect-errors" must fail to compile instead.
2. Every CHECK line that names a source position points at the right text:
   a handler header's column is the handler name, a site's column is the
   .mmap value (or the macro name), an evidence line's line contains the
   word the message is expected to mention.
3. Every case has a "Construct:"/"Expected:" comment, a RUN line and a
   summary CHECK line.

Usage: python3 corpus/utils/check_corpus.py [case.c ...]
"""
import glob
import os
import re
import subprocess
import sys

CORPUS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(CORPUS, "cases")
INCLUDE = os.path.join(CORPUS, "include")
CLANG = "clang-19"

DIRECTIVE = re.compile(r"//\s*([A-Z][A-Z0-9-]*?)(-DAG|-NOT|-NEXT|-SAME|-LABEL)?:\s?(.*)$")
LINE_REF = re.compile(r"\[\[@LINE([+-]\d+)?\]\]")
FILE_POS = re.compile(r"([\w./-]+\.[ch]):(\[\[@LINE(?:[+-]\d+)?\]\]|\d+):(\{\{\[0-9\]\+\}\}|\d+):")

errors = []


def err(path, lineno, msg):
    errors.append("%s:%d: %s" % (os.path.relpath(path, CORPUS), lineno, msg))


def run_lines(text):
    return [m.group(1) for m in re.finditer(r"//\s*RUN:\s*(.*)", text)]


def compile_one(path, dflags, expect_errors, case_path):
    cmd = [CLANG, "-fsyntax-only", "-nostdinc", "-I" + INCLUDE] + dflags + [path]
    res = subprocess.run(cmd, capture_output=True, text=True)
    diag = [l for l in res.stderr.splitlines() if re.search(r": (error|warning):", l)]
    if expect_errors:
        if res.returncode == 0:
            err(case_path, 1, "expected a compile error in %s, got none" % os.path.basename(path))
    elif res.returncode != 0 or diag:
        for l in diag or res.stderr.splitlines()[:3]:
            err(case_path, 1, "compile: " + l)


def inputs_of(case, text):
    files = set()
    for run in run_lines(text):
        for m in re.finditer(r"%S/(Inputs/[\w.-]+)", run):
            name = m.group(1)
            if name.endswith(".json.in"):
                tmpl = open(os.path.join(CASES, name)).read()
                for f in re.findall(r'"file":\s*"@[A-Z_]+@/([^"]+)"', tmpl):
                    if f != os.path.basename(case):
                        files.add(f)
            elif name.endswith(".c"):
                files.add(name)
    return sorted(files)


def expected_token(pattern):
    """What must sit at the reported column, and what kind of line it is."""
    m = re.search(r"->mmap handler '(\w+)'", pattern)
    if m:
        return "header", m.group(1)
    m = re.search(r"sets ->mmap to (?:'(\w+)'|(NULL))(?: \(macro (\w+)\))?", pattern)
    if m:
        return "site", m.group(3) or m.group(1) or m.group(2)
    m = re.search(r"\.\w+ = '(\w+)' is not a file_operations", pattern)
    if m:
        return "other", m.group(1)
    m = re.search(r"warning: .*\[mmap-migrate-not-analysed\]", pattern)
    if m:
        return "inactive", ".mmap"
    m = re.search(r"note: (.*) \[mmap-migrate-[a-z-]+\]", pattern)
    if m:
        words = [w for w in re.split(r"\{\{.*?\}\}", m.group(1)) if w.strip()]
        return "evidence", words[0].strip() if words else None
    return None, None


def check_positions(case, lines):
    for idx, line in enumerate(lines, 1):
        d = DIRECTIVE.search(line)
        if not d or d.group(1) == "RUN":
            continue
        pattern = d.group(3)
        pos = FILE_POS.search(pattern)
        if not pos:
            continue
        fname, lref, col = pos.groups()
        if lref.startswith("[["):
            off = LINE_REF.match(lref).group(1)
            target_path = case
            target_no = idx + int(off or 0)
            if not case.endswith(fname.split("/")[-1]):
                err(case, idx, "[[@LINE]] used for another file " + fname)
                continue
        else:
            target_path = os.path.join(CASES, fname[fname.index("Inputs/"):]) if "Inputs/" in fname else os.path.join(CASES, fname)
            target_no = int(lref)
        try:
            tlines = open(target_path).read().split("\n")
        except OSError:
            err(case, idx, "no such file " + target_path)
            continue
        if not 1 <= target_no <= len(tlines):
            err(case, idx, "line %d out of range" % target_no)
            continue
        target = tlines[target_no - 1]
        if target.lstrip().startswith("//"):
            err(case, idx, "points at a comment line %d" % target_no)
            continue
        kind, token = expected_token(pattern)
        if kind is None or token is None:
            continue
        if col.isdigit():
            at = target.encode()[int(col) - 1:].decode()
            if not at.startswith(token):
                err(case, idx, "%s: column %s of line %d is %r, expected %r"
                    % (kind, col, target_no, at[:20], token))
        elif token not in target:
            err(case, idx, "%s: line %d does not mention %r: %r"
                % (kind, target_no, token, target.strip()))


def check_case(case):
    text = open(case).read()
    lines = text.split("\n")
    if "Construct:" not in text or "Expected:" not in text:
        err(case, 1, "missing Construct:/Expected: comment")
    runs = run_lines(text)
    if not runs:
        err(case, 1, "no RUN line")
    if not re.search(r"//\s*CHECK:\s*summary: ", text):
        err(case, 1, "no summary CHECK line")
    dflags = sorted({f for r in runs for f in re.findall(r"\s(-D\S+)", r)})
    expect_errors = "corpus: expect-errors" in text
    compile_one(case, dflags, expect_errors, case)
    for inp in inputs_of(case, text):
        compile_one(os.path.join(CASES, inp), dflags, False, case)
    check_positions(case, lines)


def main(argv):
    cases = argv or sorted(f for f in glob.glob(os.path.join(CASES, "*.c"))
                           if ".after." not in f)
    for c in cases:
        check_case(os.path.abspath(c))
    for e in errors:
        print(e)
    print("%d cases checked, %d problems" % (len(cases), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
