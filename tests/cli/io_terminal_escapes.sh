#!/usr/bin/env bash
# User text is printed with its control characters shown visibly: a cell
# file whose name holds an OSC title sequence, a bell, a screen clear, a C1
# CSI (U+009B) and a right-to-left override prints none of them raw — on
# stdout (summaries) or stderr (error messages, built in cf_error) — but
# \x1b, \x07, \u009b, \u202e instead. Machine-readable JSON keeps the name
# exactly, every control and bidi character written as a \uXXXX escape (a
# C1 or bidi character raw in a JSON file would act on whoever views it).
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
# fontconfig (plots in the report) keeps a cache LeakSanitizer reports.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$CF_SOURCE_DIR/tests/support/lsan-fontconfig.supp"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
python3 - "$CF_SOURCE_DIR/examples/chen2020_cell.json" "$CF_SOURCE_DIR/examples/recipe_hard_carbon.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["name"] = "evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eman"
json.dump(d, open("evil.json", "w"))
d["nominal_capacity_Ah"] = -1
json.dump(d, open("evil_bad.json", "w"))
r = json.load(open(sys.argv[2]))
r["name"] = "recipe\u009b2J\u2066\u202a\u2069x \u00b0C \u2192 ok"
json.dump(r, open("evil_recipe.json", "w"))
PY
# raw FILE: true when FILE holds ESC, BEL, the UTF-8 of U+009B or U+202E
raw() { LC_ALL=C grep -q $'\x1b\|\x07\|\xc2\x9b\|\xe2\x80\xae' "$1"; }

"$CELLFORGE" simulate --cell evil.json --model spm >out 2>err || fail "simulate: $(cat err)"
raw out && fail "raw control characters on stdout: $(cat -v out)"
grep -qF 'cell evil\x1b]0;pwned\x07\x1b[2J\u009b31m\u202eman, model spm' out || fail "summary: $(cat -v out)"

"$CELLFORGE" test rate --cell evil.json --model spm --crates 1 >out 2>err || fail "test: $(cat err)"
raw out && fail "test: raw control characters: $(cat -v out)"
grep -qF 'cell evil\x1b]0;' out || fail "test: $(cat -v out)"

"$CELLFORGE" bpx --cell evil.json >out 2>err || fail "bpx: $(cat err)"
raw out && fail "bpx: raw control characters: $(cat -v out)"

# The HTML report shows it escaped too (it may be printed to a terminal).
"$CELLFORGE" report --html r.html --cell evil.json --model spm >out 2>err || fail "report: $(cat err)"
raw r.html && fail "report: raw control characters in the HTML"
grep -qF 'evil\x1b]0;pwned' r.html || fail "report: the escaped name is missing"

# JSON output keeps the name, escaped the JSON way.
"$CELLFORGE" simulate --cell evil.json --model spm --json >out 2>err || fail "simulate --json: $(cat err)"
raw out && fail "JSON output holds raw control characters: $(cat -v out)"
grep -qF '\u009B31m\u202Eman' out || fail "JSON: C1 and bidi not written as \\uXXXX: $(cat -v out)"
python3 -c 'import json,sys; n=json.load(open("out"))["cell"]; sys.exit(n != "evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eman")' ||
  fail "JSON name changed: $(cat -v out)"
# The same in every JSON writer: a BPX file, a design, the claims; other
# non-ASCII text (degree sign, arrow) stays as it is.
"$CELLFORGE" bpx --cell evil.json --out evil.bpx.json >out 2>err || fail "bpx --out: $(cat err)"
raw evil.bpx.json && fail "BPX file holds raw control characters"
grep -qF 'evil\u001B]0;pwned\u0007\u001B[2J\u009B31m\u202Eman' evil.bpx.json || fail "BPX title: $(grep -i title evil.bpx.json)"
python3 -c 'import json,sys; t=json.load(open("evil.bpx.json"))["Header"]["Title"]; sys.exit(t != "evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eman")' ||
  fail "BPX title does not read back as the name"
"$CELLFORGE" design evil_recipe.json --json >out 2>err || fail "design --json: $(cat err)"
LC_ALL=C grep -q $'\xc2\x9b\|\xe2\x81\xa6\|\xe2\x80\xaa\|\xe2\x81\xa9' out && fail "design JSON holds raw C1/bidi: $(cat -v out)"
grep -qF 'recipe\u009B2J\u2066\u202A\u2069x °C → ok' out || fail "design JSON name: $(grep recipe out)"
"$CELLFORGE" claims evil_recipe.json --json >out 2>err
[ $? -le 1 ] || fail "claims --json: $(cat err)"
LC_ALL=C grep -q $'\xc2\x9b\|\xe2\x81\xa6\|\xe2\x80\xaa\|\xe2\x81\xa9' out && fail "claims JSON holds raw C1/bidi: $(cat -v out)"
python3 -c 'import json,sys; json.load(open("out"))' || fail "claims JSON does not parse"

# Error messages: an escape-laden file name and a rejected value.
"$CELLFORGE" simulate --cell $'no\x1b[2Jsuch.json' >out 2>err && fail "a missing file was accepted"
raw err && fail "error message holds raw control characters: $(cat -v err)"
grep -qF 'no\x1b[2Jsuch.json' err || fail "error message: $(cat -v err)"
"$CELLFORGE" simulate --cell evil_bad.json >out 2>err && fail "a bad cell was accepted"
raw err && fail "validation message holds raw control characters: $(cat -v err)"
"$CELLFORGE" simulate --model $'spm\x1b[31m' >out 2>err && fail "a bad model was accepted"
raw err && fail "usage error holds raw control characters: $(cat -v err)"
"$CELLFORGE" $'nope\x1b[31m' >out 2>err && fail "an unknown command was accepted"
raw err && fail "unknown-command message holds raw control characters: $(cat -v err)"
grep -qF 'nope\x1b[31m' err || fail "unknown command: $(cat -v err)"
echo ok
