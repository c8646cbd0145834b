#!/usr/bin/env python3
"""Adds an effect rule the way clang-tidy's add_new_check.py adds a check.

    python3 tool/add_rule.py ID --verdict claim|finding --form store|call|asm \
        --explanation "One line: why what it recognises is (not) harmless." \
        --example "	refcount_read(&dev->ref);"

It touches three files, and names them:
- matchers/classify/EffectRules.cpp: the rule's unit, a judge function that
  recognises nothing yet, and its line in the registry (before the
  catch-all rules, so that they cannot take its sites first);
- corpus/cases/rule_ID.c: the rule's test, a kernel-style case with the
  example, its RUN lines and the CHECK lines a claim (or a finding) gives:
  it fails until the judge is written, which is the point (write the
  failing case first);
- docs/report-format.md: the rule's row in the table of rules.

Then: write the judge, build, run the case with lit until it passes, fill
in its Construct/Expected comment and its positive control (a statement
the rule must not take), and the CHECK-FIXES lines of the rewrite. A gtest
in tests/EffectRulesTest.cpp is worth adding when the judge has cases a
kernel-style snippet cannot show. Nothing is overwritten: an id that
exists already is refused, and a refusal writes nothing.
"""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def paths(root):
    global ROOT, RULES, DOCS, CASES
    ROOT = root
    RULES = os.path.join(root, "matchers", "classify", "EffectRules.cpp")
    DOCS = os.path.join(root, "docs", "report-format.md")
    CASES = os.path.join(root, "corpus", "cases")


REGISTRY_START = "const std::vector<EffectRule> Rules = {\n"
# Claims must come before the rules that take whatever is left.
CATCH_ALL = '    {"unknown-callee",'
FORMS = {"store": "Store", "call": "Call", "asm": "Asm"}


def camel(rule_id):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[-_]", rule_id))


def read(path):
    with open(path) as f:
        return f.read()


def write_all(files):
    """Every new text is written beside its file first, then each is
    renamed into place: a failure while writing leaves every file as it was."""
    staged = []
    try:
        for path, text in files:
            tmp = path + ".add-rule.tmp"
            with open(tmp, "w") as f:
                f.write(text)
            staged.append((tmp, path))
    except OSError as e:
        for tmp, _ in staged:
            os.remove(tmp)
        sys.exit(f"add_rule: cannot write {e.filename}: {e.strerror}")
    for tmp, path in staged:
        os.replace(tmp, path)


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_judge(src, a):
    if f'{{"{a.id}",' in src:
        sys.exit(f"add_rule: rule '{a.id}' is registered already in {os.path.relpath(RULES, ROOT)}")
    name = "judge" + camel(a.id)
    ruling = "claim" if a.verdict == "claim" else "finding"
    judge = f'''std::optional<Ruling> {name}(const EffectSite &Site, EffectScope &Scope) {{
  if (Site.F != SiteForm::{FORMS[a.form]})
    return std::nullopt;
  // TODO({a.id}): recognise what the rule is about; until then it rules on
  // nothing and corpus/cases/rule_{a.id.replace("-", "_")}.c fails.
  (void)Scope;
  if ((false))
    return {ruling}({c_string(a.explanation)});
  return std::nullopt;
}}

'''
    if REGISTRY_START not in src or CATCH_ALL not in src:
        sys.exit("add_rule: EffectRules.cpp has no rule registry where this script expects it")
    src = src.replace(REGISTRY_START, judge + REGISTRY_START, 1)
    # clang-format's layout for a short entry; a long one wraps its text.
    entry = f'    {{"{a.id}", {c_string(a.explanation)}, {name}}},\n'
    if len(entry) > 101:
        entry = f'    {{"{a.id}",\n     {c_string(a.explanation)},\n     {name}}},\n'
    return src.replace(CATCH_ALL, entry + CATCH_ALL, 1)


def add_doc_row(doc, a):
    text = a.explanation[:1].lower() + a.explanation[1:].rstrip(".")
    row = f"| `{a.id}` | {a.verdict} | {text.replace('|', chr(92) + '|')} |\n"
    anchor = "| `unknown-callee` |"
    if anchor not in doc:
        sys.exit("add_rule: docs/report-format.md has no rule table where this script expects it")
    if f"| `{a.id}` |" in doc:
        sys.exit(f"add_rule: docs/report-format.md has a row for '{a.id}' already")
    i = doc.index(anchor)
    return doc[:i] + row + doc[i:]


def check_text(text):
    """\p text as FileCheck matches it literally."""
    return text.replace("{{", "{{\\{\\{}}").replace("[[", "{{\\[\\[}}")


def corpus_case(a):
    # A finding's tag is its kind's, which the catch-all rules give too: the
    # case asks for the rule's own words, so it fails until the judge works.
    said = "" if a.verdict == "claim" else check_text(a.explanation) + "{{.*}}"
    tag = "claim-" + a.id if a.verdict == "claim" else "changes-state"
    verdict = "convert" if a.verdict == "claim" else "manual"
    counts = "1 convert, 0 manual" if a.verdict == "claim" else "0 convert, 1 manual"
    kind = "pure-setup" if a.verdict == "claim" else "changes-state"
    converts = " --converts=6.17,6.19,7.0,7.1,rfc-mmap-complete" if a.verdict == "claim" else ""
    return f'''/*
 * Construct: TODO({a.id}): what the handler does, in a sentence.
 * Expected: {kind}, verdict {verdict}; the rule {a.id} rules on the example
 * statement.
 */
// RUN: %mmap-migrate scan %s -- -nostdinc -I%inc | FileCheck %s
// RUN: %check-rewrite %s %t{converts} -- -nostdinc -I%inc
// CHECK: summary: 1 sites, 1 handlers, {counts}, 0 not-analysed, 1 TUs parsed, 0 failed

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

// CHECK-DAG: {{{{.*}}}}rule_{a.id.replace("-", "_")}.c:[[@LINE+1]]:12: note: ->mmap handler 'rule_mmap' is {kind}, verdict {verdict} [mmap-migrate-{kind}]
static int rule_mmap(struct file *file, struct vm_area_struct *vma)
{{
{a.example}
	// CHECK-DAG: {{{{.*}}}}[[@LINE-1]]:{{{{[0-9]+}}}}: {{{{.*}}}}{said} [mmap-migrate-{tag}]
	return 0;
}}

static const struct file_operations rule_fops = {{
	.owner = THIS_MODULE,
	.mmap = rule_mmap,
}};
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("id", help="the rule's id, e.g. refcount-read (lower case, '-')")
    ap.add_argument("--verdict", choices=["claim", "finding"], required=True)
    ap.add_argument("--form", choices=sorted(FORMS), required=True,
                    help="what kind of site the rule looks at")
    ap.add_argument("--explanation", required=True,
                    help="one line: why what it recognises is (not) harmless")
    ap.add_argument("--example", required=True,
                    help="a statement of a handler body the rule is for, tab-indented")
    ap.add_argument("--root", default=ROOT, help=argparse.SUPPRESS)  # for its test
    a = ap.parse_args()
    paths(os.path.abspath(a.root))
    if "\n" in a.explanation or not a.explanation.strip():
        sys.exit("add_rule: --explanation is one line")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", a.id):
        sys.exit(f"add_rule: '{a.id}' is no rule id (lower case words joined by '-')")
    case = os.path.join(CASES, "rule_" + a.id.replace("-", "_") + ".c")
    if os.path.exists(case):
        sys.exit(f"add_rule: {os.path.relpath(case, ROOT)} exists already")
    # Everything is computed before anything is written: a refusal leaves
    # the tree as it was.
    rules = add_judge(read(RULES), a)
    docs = add_doc_row(read(DOCS), a)
    write_all([(RULES, rules), (DOCS, docs), (case, corpus_case(a))])
    for path in (RULES, case, DOCS):
        print("add_rule: wrote " + os.path.relpath(path, ROOT))
    print(f"add_rule: next, write judge{camel(a.id)}() in {os.path.relpath(RULES, ROOT)} "
          f"until `lit.py --param tool=build/bin/mmap-migrate {os.path.relpath(case, ROOT)}` "
          "passes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
