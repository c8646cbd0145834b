#!/usr/bin/env python3
"""Turns a `mmap-migrate scan --format json` report into the Markdown tables
of docs/census-6.12.md: handlers per kind and verdict, blockers of the
manual ones, sites per macro, what was not analysed and why."""
import json
import sys
from collections import Counter

rep = json.load(open(sys.argv[1]))
s = rep["summary"]
print(f"| sites | NULL slots | handlers | convert | manual | not analysed | TUs parsed | TUs failed |")
print(f"|---|---|---|---|---|---|---|---|")
v = s["by_verdict"]
print(f"| {s['sites']} | {s['null_sites']} | {s['handlers']} | {v['convert']} | {v['manual']} "
      f"| {v['not-analysed']} | {s['tus_parsed']} | {s['tus_failed']} |")
print()
print("| kind | handlers | convert | manual | sites |")
print("|---|---|---|---|---|")
order = ["generic-direct", "generic-wrapper", "pure-setup", "remap-pfn", "insert-pages",
         "needs-mapped", "dispatch", "vma-surgery", "lock-drop", "vma-escapes"]
for k in order:
    hs = [h for h in rep["handlers"] if h["kind"] == k]
    conv = sum(h["verdict"] == "convert" for h in hs)
    print(f"| `{k}` | {len(hs)} | {conv} | {len(hs) - conv} | {sum(len(h['sites']) for h in hs)} |")
print()
print("Why the manual ones stay manual (the first blocker of each, by rule):")
print()
print("| rule | handlers | example |")
print("|---|---|---|")
by, example = Counter(), {}
for h in rep["handlers"]:
    if h["verdict"] != "manual":
        continue
    b = h["blocker"] or ""
    rule = next((r["rule"] for r in h["reasons"] if b.startswith(r["message"])), None)
    if rule is None:
        rule = ("vma-helper-call" if b.startswith("the vma goes to") else
                "f_op-mmap-test" if b.startswith("tests f_op->mmap") else
                f"{h['kind']} (shape)")
    by[rule] += 1
    example.setdefault(rule, f"`{h['name']}`: {b}")
for k, n in by.most_common():
    print(f"| `{k}` | {n} | {example[k]} |")
print()
macros = Counter(st["macro"] or "(none)" for h in rep["handlers"] for st in h["sites"])
print("| sites built by macro | count |")
print("|---|---|")
for k, n in macros.most_common():
    print(f"| {k} | {n} |")
print()
na = Counter()
for n in rep["not_analysed"]:
    r = n["reason"]
    na["not built in this configuration" if r.startswith("not built") else
       "slot in an inactive #if block" if "inactive" in r else r.split(":")[0]] += 1
print("| not analysed | count |")
print("|---|---|")
for k, n in na.most_common():
    print(f"| {k} | {n} |")
