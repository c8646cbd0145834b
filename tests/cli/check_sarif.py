#!/usr/bin/env python3
"""Checks a SARIF log of mmap-migrate against the JSON report of the same run.

Usage: check_sarif.py SARIF JSON [MOVED_SARIF]
MOVED_SARIF: the log of a run over a copy whose files gained a line at the
top; its fingerprints must equal the first log's, its lines must not.
"""
import json
import sys

sarif = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
problems = []


def need(cond, what):
    if not cond:
        problems.append(what)


need(sarif.get("version") == "2.1.0", "version is not 2.1.0")
runs = sarif.get("runs", [])
need(len(runs) == 1, "not exactly one run")
run = runs[0]
driver = run["tool"]["driver"]
need(driver["name"] == "mmap-migrate", "driver name")
rule_ids = [r["id"] for r in driver["rules"]]
need(len(rule_ids) == len(set(rule_ids)), "rule ids repeat")
need(all(i.startswith("mmap-migrate-") for i in rule_ids), "rule id prefix")
for kind in report["summary"]["by_kind"]:
    need("mmap-migrate-" + kind in rule_ids, "no rule for kind " + kind)
root = run["originalUriBaseIds"]["SRCROOT"]["uri"]
need(root.startswith("file:///") and root.endswith("/"), "SRCROOT is not a file:// dir: " + root)

results = run["results"]
handlers = {h["name"]: h for h in report["handlers"]}
# One result per handler; per fops slot for the core's own generic_file_mmap.
want = sum(len(h["sites"]) if h["kind"] == "generic-direct" else 1 for h in handlers.values())
need(len(results) == want > 0, "%d results, wanted %d" % (len(results), want))
prints = set()
for r in results:
    h = handlers.get(r["properties"]["handler"])
    need(h is not None, "result for an unknown handler")
    if h is None:
        continue
    want_rule = "mmap-migrate-" + (h["kind"] or "not-analysed")
    need(r["ruleId"] == want_rule, "%s: rule %s, wanted %s" % (h["name"], r["ruleId"], want_rule))
    need(rule_ids[r["ruleIndex"]] == r["ruleId"], "ruleIndex does not point at ruleId")
    need(r["level"] == ("note" if h["verdict"] == "convert" else "warning"), "level of " + h["name"])
    loc = r["locations"][0]["physicalLocation"]
    if h["kind"] == "generic-direct":
        need(any(loc["artifactLocation"]["uri"] == s["file"] and loc["region"]["startLine"] == s["line"]
                 for s in h["sites"]), "generic-direct result is not at a slot")
        need(loc["artifactLocation"].get("uriBaseId") == "SRCROOT", "uriBaseId of a slot")
    elif h["file"].startswith("/"):  # Outside the tree: an absolute file URI.
        need(loc["artifactLocation"]["uri"] == "file://" + h["file"], "uri of " + h["name"])
        need("uriBaseId" not in loc["artifactLocation"], "uriBaseId of " + h["name"])
    else:
        need(loc["artifactLocation"]["uri"] == h["file"], "uri of " + h["name"])
        need(loc["artifactLocation"].get("uriBaseId") == "SRCROOT", "uriBaseId of " + h["name"])
    if h["kind"] != "generic-direct":
        need(loc["region"]["startLine"] == h["line"], "line of " + h["name"])
        need(len(r["relatedLocations"]) >= len(h["sites"]), "sites of " + h["name"])
    for rel in r["relatedLocations"]:
        uri = rel["physicalLocation"]["artifactLocation"]["uri"]
        need(not uri.startswith("/"), "a related path that is neither relative nor a URI: " + uri)
    fp = r["partialFingerprints"]["mmapMigrateHandler/v1"]
    need(fp not in prints, "fingerprint repeats")
    prints.add(fp)

if len(sys.argv) > 3:
    moved = json.load(open(sys.argv[3]))["runs"][0]["results"]
    need({r["partialFingerprints"]["mmapMigrateHandler/v1"] for r in moved} == prints,
         "fingerprints change when lines move")
    lines = lambda rs: sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in rs)
    need(lines(moved) != lines(results), "the moved copy did not move")

for p in problems:
    print("sarif: " + p)
sys.exit(1 if problems else 0)
