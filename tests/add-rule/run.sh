#!/usr/bin/env bash
# tool/add_rule.py on a copy of the files it edits: each gets its part, the
# C++ it writes compiles, and an id that exists or a bad one is refused
# with nothing written.
# Usage: run.sh WORKDIR
set -euo pipefail
WORK=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/../lib.sh"

rm -rf "$WORK" && mkdir -p "$WORK/t/matchers/classify" "$WORK/t/docs" "$WORK/t/corpus/cases"
cp "$ROOT/matchers/classify/EffectRules.cpp" "$WORK/t/matchers/classify/"
cp "$ROOT/docs/report-format.md" "$WORK/t/docs/"
T=$WORK/t
ADD=(python3 "$ROOT/tool/add_rule.py" --root "$T")

check "a new rule is added" "${ADD[@]}" refcount-peek --verdict claim --form call \
  --explanation "A read of a refcount that changes nothing." --example $'\trefcount_peek(0);'
check "... its judge before the registry" grep -q '^std::optional<Ruling> judgeRefcountPeek(const EffectSite &Site, EffectScope &Scope) {' "$T/matchers/classify/EffectRules.cpp"
check "... its registry line before the catch-all rules" python3 - "$T/matchers/classify/EffectRules.cpp" <<'PY'
import sys
s = open(sys.argv[1]).read()
reg = s.index("const std::vector<EffectRule> Rules = {")
mine, catch = s.index('{"refcount-peek",'), s.index('{"unknown-callee",')
assert reg < mine < catch, (reg, mine, catch)
PY
check "... a docs row" grep -q '^| `refcount-peek` | claim | a read of a refcount that changes nothing |$' "$T/docs/report-format.md"
check "... a corpus case with its RUN lines" grep -q '^// RUN: %check-rewrite %s %t --converts=' "$T/corpus/cases/rule_refcount_peek.c"
check "the rules file still compiles" c++ -std=gnu++17 -fsyntax-only -fno-rtti -I"$ROOT" -isystem /usr/lib/llvm-19/include \
  -x c++ "$T/matchers/classify/EffectRules.cpp"
check "three files touched, no other" bash -c "[ \$(find '$T' -type f | wc -l) = 3 ]"
check "... the case asks for the rule's claim" grep -q 'mmap-migrate-claim-refcount-peek' "$T/corpus/cases/rule_refcount_peek.c"

check "a finding is added too" "${ADD[@]}" ioremap-cache --verdict finding --form call \
  --explanation "Maps memory cached: a mapping prepare must not make | yet." --example $'\tioremap_cache(0, 0);'
check "... its case asks for the rule's own words, not just the kind" grep -q '{{.*}}Maps memory cached: a mapping prepare must not make | yet.{{.*}} \[mmap-migrate-changes-state\]' "$T/corpus/cases/rule_ioremap_cache.c"
check "... a | in the docs row is escaped" grep -q '^| `ioremap-cache` | finding | maps memory cached: a mapping prepare must not make \\| yet |$' "$T/docs/report-format.md"
check "a two-line explanation is refused" bash -c "! ${ADD[*]} two-lines --verdict claim --form call --explanation \$'a\nb' --example y 2>/dev/null"

sum() { cat "$T/matchers/classify/EffectRules.cpp" "$T/docs/report-format.md" | md5sum; }
before=$(sum)
check "the same id again is refused" bash -c "! ${ADD[*]} refcount-peek --verdict claim --form call --explanation x --example y 2>'$WORK/dup.err'"
check "... saying why" grep -q "already" "$WORK/dup.err"
check "a bad id is refused" bash -c "! ${ADD[*]} Bad_Id --verdict claim --form call --explanation x --example y 2>/dev/null"
sed -i 's/| `unknown-callee` |/| `unknown-callees` |/' "$T/docs/report-format.md"
before=$(sum)
check "a late refusal (no rule table in the docs)" bash -c "! ${ADD[*]} other-rule --verdict finding --form store --explanation x --example y 2>/dev/null"
check "... writes nothing" bash -c "[ '$before' = \"\$(cat '$T/matchers/classify/EffectRules.cpp' '$T/docs/report-format.md' | md5sum)\" ] && [ ! -e '$T/corpus/cases/rule_other_rule.c' ]"
finish add-rule
