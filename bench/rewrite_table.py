#!/usr/bin/env python3
"""Markdown tables of a `mmap-migrate rewrite --report` file, for docs/.

Usage: rewrite_table.py REPORT.json

Prints handlers rewritten / not rewritten per kind, and the reasons a handler
was not rewritten, grouped with names and line numbers taken out.
"""
import json
import re
import sys
from collections import Counter, defaultdict

report = json.load(open(sys.argv[1]))
by_kind = defaultdict(lambda: [0, 0, 0])  # rewritten, slots, not rewritten
reasons = Counter()
for h in report["handlers"]:
    k = by_kind[h["kind"]]
    if h["rewritten"]:
        k[0] += 1
        k[1] += h["slots"]
    else:
        k[2] += 1
        why = re.sub(r"profile \S+", "profile …", h["why"])
        why = re.sub(r"of [\w./-]+\.[ch]\b", "of …", why)
        why = re.sub(r"'[^']*'|\b\w+\(\)|\bline \d+|\b\w+\.[ch]:\d+|\b\d+\b", "…", why)
        why = re.sub(r"\b[a-z_0-9]+_(mmap|fops|ops)\w*\b", "…", why)
        reasons[why.split(" (only ")[0]] += 1

print(f"profile {report['profile']}: {report['summary']}")
print()
print("| kind | rewritten (slots) | not rewritten |")
print("|---|---|---|")
tot = [0, 0, 0]
for kind in sorted(by_kind):
    r, s, n = by_kind[kind]
    tot = [tot[0] + r, tot[1] + s, tot[2] + n]
    print(f"| `{kind}` | {r} ({s}) | {n} |")
print(f"| total | {tot[0]} ({tot[1]}) | {tot[2]} |")
print()
print("| why not rewritten (names and lines taken out) | handlers |")
print("|---|---|")
for why, n in reasons.most_common():
    print(f"| {why} | {n} |")
