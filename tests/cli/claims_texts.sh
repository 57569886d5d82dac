#!/usr/bin/env bash
# CLI: the claim texts the program quotes are the shipped ones.  For every
# claim `cellforge claims --explain SEED N` knows, each number in its quoted
# text (ranges, limits; not the numbers of the claims it refers to) occurs in
# data/seeds/seedSEED_claims.txt, and every seed has as many claims in the
# program as its text has.
set -u
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
for s in 000 001 002; do
  f="$CF_SOURCE_DIR/data/seeds/seed${s}_claims.txt"
  [ -s "$f" ] || fail "missing $f"
  n=1
  while out=$("$CELLFORGE" claims --explain "$s" "$n" 2>/dev/null); do
    echo "$out" | python3 -c '
import re, sys
quoted = sys.stdin.read().split("claim text:")[1].split("what the check computes:")[0]
sub = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
text = open(sys.argv[1]).read().translate(sub)
quoted = re.sub(r"claims? \d+(\s*(-|,|or)\s*\d+)*", "", quoted.translate(sub))
missing = [x for x in re.findall(r"\d+(?:\.\d+)?", quoted) if not re.search(r"(?<![\d.])" + re.escape(x) + r"(?![\d])", text)]
if missing:
    sys.exit("claim %s: %s not in %s" % (sys.argv[2], missing, sys.argv[1]))
' "$f" "$n" || fail "seed $s claim $n quotes numbers its text does not have"
    n=$((n + 1))
  done
  have=$((n - 1))
  # the highest claim number written in the text ("15. The process ...")
  want=$(grep -oE '(^|[^0-9.])([0-9]+)\. (A|An|The) ' "$f" | grep -oE '[0-9]+' | sort -n | tail -1)
  [ "$have" -eq "$want" ] || fail "seed $s: the program knows $have claims, the text has $want"
done
echo ok
