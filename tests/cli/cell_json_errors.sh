#!/usr/bin/env bash
# Bad cell files exit 2 with the file, the place (line/column or key) and what
# is wrong; no output file is created when --out is given.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

expect_bad() { # name, file text, pattern expected on stderr
    printf '%s' "$2" > "$T/$1.json"
    "$CELLFORGE" simulate --cell "$T/$1.json" --model spm --out "$T/$1.csv" >"$T/stdout" 2>"$T/err"
    rc=$?
    [ $rc -eq 2 ] || fail "$1: exit $rc, wanted 2: $(cat "$T/err")"
    grep -qF -- "$3" "$T/err" || fail "$1: wanted '$3' in: $(cat "$T/err")"
    grep -qF -- "$T/$1.json" "$T/err" || fail "$1: message does not name the file: $(cat "$T/err")"
    [ ! -e "$T/$1.csv" ] || fail "$1: output file created on error"
    [ ! -s "$T/stdout" ] || fail "$1: printed results on error: $(cat "$T/stdout")"
}

expect_bad malformed '{
  "base": "chen2020",
  "negative": { "porosity": 0.3, }
}' "line 3"
expect_bad malformed_col '{"base": "chen2020", "name": }' "$T/malformed_col.json:1:30"
expect_bad typo '{"base": "chen2020", "negative": {"porosty": 0.3}}' "did you mean 'porosity'?"
expect_bad typo_top '{"base": "chen2020", "voltage_max": 4.1}' "did you mean 'voltage_max_V'?"
expect_bad wrong_type '{"base": "chen2020", "negative": {"porosity": "0.3"}}' "negative.porosity must be a number"
expect_bad range '{"base": "chen2020", "separator": {"porosity": 1.2}}' "separator.porosity: 1.2 is outside the allowed range (0, 1)"
expect_bad missing '{"name": "half a cell", "nominal_capacity_Ah": 5}' "voltage_min_V is required"
expect_bad table '{"base": "chen2020", "positive": {"ocp": {"x": [0.2, 0.1], "y": [4, 3]}}}' "strictly increasing"
expect_bad fn_name '{"base": "chen2020", "positive": {"ocp": "nmc811_chen202"}}' "did you mean 'nmc811_chen2020'?"
expect_bad base '{"base": "chen2021"}' "not a built-in cell"
expect_bad bpx '{"Header": {"BPX": 0.1}}' "Header/Model is required"

# A valid file with --out writes the CSV (so the checks above mean something).
"$CELLFORGE" simulate --cell "$CF_SOURCE_DIR/examples/chen2020_thin_cell.json" --model spm --out "$T/good.csv" \
    >/dev/null || fail "good file exit $?"
head -1 "$T/good.csv" | grep -q "^time_s,current_A,voltage_V" || fail "good CSV header"
echo "ok"
