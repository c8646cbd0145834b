#!/usr/bin/env python3
"""Checks the source layout against the stage table CMake writes (layout.txt).

Each line of the table is `NAME DIR USES` (USES comma-separated stage names):
a stage's files may include only headers of their own folder and of the
stages it uses, directly or through them. Also: the stage graph has no cycle,
no source file is over 800 lines, and no folder holds over 35% of the C++
(tool/, matchers/, rewrites/, tests/ and bench/, counted per folder that
holds the files, not with its subfolders). Prints one line per violation,
`file:line: error: ...`, and exits 1 if there is any.

Usage: check.py --layout build/layout.txt --root SOURCE_DIR
"""
import argparse
import os
import re
import sys

MAX_LINES = 800
MAX_SHARE = 0.35
CODE_DIRS = ("tool", "matchers", "rewrites", "tests", "bench")
# Kernel-side C headers the verifier injects: not the tool's code.
NOT_CODE = ("rewrites/shims",)
# Limits not met yet, each with what removes it (issue 16 is on it); an
# entry that no longer fails is an error too, so the list only shrinks.
PENDING = {
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
# Library code returns results and errors; only the CLI prints (RunLog
# carries what the library has to say as it goes).
PRINTS = re.compile(r'\b(?:llvm::)?(?:errs|outs)\(\)|\bstd::c(?:out|err)\b|\b(?:f?printf|puts)\s*\(')


def read_layout(path):
    stages = {}  # name -> (dir, [uses])
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            name, folder = parts[0], parts[1]
            uses = parts[2].split(",") if len(parts) > 2 and parts[2] else []
            stages[name] = (folder, uses)
    return stages


def find_cycle(stages):
    state = {}

    def visit(n, path):
        state[n] = "open"
        for u in stages.get(n, ("", []))[1]:
            if state.get(u) == "open":
                return path + [n, u]
            if u not in state:
                c = visit(u, path + [n])
                if c:
                    return c
        state[n] = "done"
        return None

    for n in sorted(stages):
        if n not in state:
            c = visit(n, [])
            if c:
                return c
    return None


def closure(stages, name):
    seen, todo = set(), [name]
    while todo:
        n = todo.pop()
        for u in stages.get(n, ("", []))[1]:
            if u not in seen:
                seen.add(u)
                todo.append(u)
    return seen


def code_files(root):
    for top in CODE_DIRS:
        for d, subdirs, files in os.walk(os.path.join(root, top)):
            subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
            for f in sorted(files):
                if f.endswith((".cpp", ".h")) and not d.endswith(NOT_CODE):
                    yield os.path.relpath(os.path.join(d, f), root)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--layout", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--no-pending", action="store_true",
                    help="ignore PENDING (for trees other than this one)")
    a = ap.parse_args()
    pending = {} if a.no_pending else PENDING
    stages = read_layout(a.layout)
    errors = []
    pending_hit = set()

    def error(key, text):
        if key in pending:
            pending_hit.add(key)
        else:
            errors.append(text)

    for n, (_, uses) in sorted(stages.items()):
        for u in uses:
            if u not in stages:
                errors.append(f"{a.layout}:1: error: stage {n} uses {u}, which is no stage")
    cycle = find_cycle(stages)
    if cycle:
        errors.append(f"{a.layout}:1: error: the stages use each other: {' -> '.join(cycle)}")
    stage_of_dir = {folder: n for n, (folder, _) in stages.items()}
    allowed = {n: {stages[u][0] for u in closure(stages, n) if u in stages} | {stages[n][0]}
               for n in stages}

    lines_per_dir = {}
    total = 0
    for rel in code_files(a.root):
        with open(os.path.join(a.root, rel), encoding="utf-8", errors="replace") as f:
            text = f.read().split("\n")
        count = len(text) - (1 if text and text[-1] == "" else 0)
        total += count
        folder = os.path.dirname(rel)
        lines_per_dir[folder] = lines_per_dir.get(folder, 0) + count
        if count > MAX_LINES:
            error(("size", rel), f"{rel}:1: error: {count} lines, over the limit of {MAX_LINES}")
        stage = stage_of_dir.get(folder)
        if stage is None:
            # tool/cli is the executable, on top of every stage.
            if folder.split("/")[0] in ("tool", "matchers", "rewrites") and folder != "tool/cli":
                errors.append(f"{rel}:1: error: {folder} is no stage (add it to CMake with mmap_migrate_stage)")
            continue
        for no, line in enumerate(text, 1):
            code = line.split("//", 1)[0]
            if PRINTS.search(code):
                error(("prints", rel), f"{rel}:{no}: error: stage {stage} prints; only tool/cli "
                                       "does (say it through RunLog, or return it)")
            m = INCLUDE.match(line)
            if not m:
                continue
            inc = m.group(1)
            target = inc if "/" in inc else os.path.join(folder, inc)
            if not os.path.exists(os.path.join(a.root, target)):
                continue  # generated (kernel-effects.inc) or a system header
            inc_dir = os.path.dirname(target)
            if inc_dir in stage_of_dir and inc_dir not in allowed[stage]:
                error(("include", rel, target), f"{rel}:{no}: error: stage {stage} ({folder}) includes {inc}, "
                              f"of stage {stage_of_dir[inc_dir]}, which it does not use")
    for folder, count in sorted(lines_per_dir.items()):
        if total and count / total > MAX_SHARE:
            errors.append(f"{folder}:1: error: holds {count} of {total} lines of C++ "
                          f"({100 * count / total:.0f}%), over {100 * MAX_SHARE:.0f}%")
    for key in sorted(set(pending) - pending_hit):
        errors.append(f"tests/layout/check.py:1: error: {key} is met now: take it out of PENDING")
    for e in errors:
        print(e)
    if errors:
        print(f"layout: {len(errors)} error(s); docs/architecture.md says what each folder may use",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
