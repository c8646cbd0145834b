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
print("Why the manual ones stay manual (first blocker, grouped by rule):")
print()
print("| blocker | handlers |")
print("|---|---|")
by = Counter()
for h in rep["handlers"]:
    if h["verdict"] == "manual":
        b = h["blocker"] or ""
        key = b.split(" (line")[0]
        for word in ("passes the vma to", "the vma goes to", "forwards the vma through"):
            if key.startswith(word):
                key = word + " ..."
        by[key] += 1
for k, n in by.most_common():
    print(f"| {k} | {n} |")
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
