#!/usr/bin/env bash
# Bad BPX files and bad `bpx`/`validate` use: exit 2 with the full key path
# (and the column inside an expression); a failed write leaves no file.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$CF_SOURCE_DIR/tests/data/bpx"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# expect_error FILE TEXT...: simulate --cell FILE exits 2 and stderr holds every TEXT.
expect_error() {
    local f=$1
    shift
    "$CELLFORGE" simulate --cell "$f" >/dev/null 2>"$T/err"
    local rc=$?
    [ $rc -eq 2 ] || fail "$f: exit $rc, want 2 ($(cat "$T/err"))"
    for t in "$@"; do grep -qF -- "$t" "$T/err" || fail "$f: no '$t' in: $(cat "$T/err")"; done
}

K="$D/kinds.bpx.json"
sed '/"Thickness \[m\]": 8.52e-5,/d' "$K" > "$T/missing.json"
expect_error "$T/missing.json" "missing.json: Parameterisation/Negative electrode/Thickness [m]:" \
    "Parameterisation/Negative electrode/Thickness [m] is required"

sed 's/"Thickness \[m\]": 8.52e-5,/"Thickness [cm]": 8.52e-3,/' "$K" > "$T/unit.json"
expect_error "$T/unit.json" "Parameterisation/Negative electrode/Thickness [cm]" \
    "BPX gives this value in [m] as 'Thickness [m]'"

sed 's/- 17.7326 \* tanh(15.789/- 17.7326 * tnh(15.789/' "$K" > "$T/expr.json"
expect_error "$T/expr.json" "Parameterisation/Positive electrode/OCP [V]: column 73" \
    "unknown function 'tnh' (did you mean 'tanh'?)"

deep=$(printf '(%.0s' $(seq 1 70))x$(printf ')%.0s' $(seq 1 70))
sed "s|\"Diffusivity \[m2.s-1\]\": 3e-10,|\"Diffusivity [m2.s-1]\": \"$deep\",|" "$K" > "$T/deep.json"
expect_error "$T/deep.json" "Electrolyte/Diffusivity [m2.s-1]: column 65" "nested deeper than 64 levels"

sed 's/"Initial state-of-charge": 0.5/"Initial state-of-charge": 1.5/' "$K" > "$T/soc.json"
expect_error "$T/soc.json" "State/Initial conditions/Initial state-of-charge" "outside the allowed range [0, 1]"

sed 's/"BPX": "1.1.0"/"BPX": "3.0.0"/' "$K" > "$T/version.json"
expect_error "$T/version.json" "Header/BPX" "newer than this reader"

printf '{"Header": {"BPX": "1.1.0", "Model": "DFN"}, "Parameterisation": {' > "$T/broken.json"
expect_error "$T/broken.json" "malformed JSON"

# bpx: a write that fails leaves nothing; bad options exit 2.
"$CELLFORGE" bpx --cell chen2020 --out "$T/no/such/dir/x.json" 2>/dev/null
[ $? -eq 1 ] || fail "unwritable --out should exit 1"
"$CELLFORGE" bpx --cell "$T/expr.json" --out "$T/x.json" 2>/dev/null
[ $? -eq 2 ] || fail "bad input to bpx should exit 2"
[ ! -e "$T/x.json" ] || fail "partial output written"
"$CELLFORGE" bpx --size 3 2>/dev/null
[ $? -eq 2 ] || fail "unknown option should exit 2"
"$CELLFORGE" bpx --cell chen2020 --model p2d --out "$T/x.json" 2>/dev/null
[ $? -eq 2 ] || fail "unknown model should exit 2"

# validate: needs a BPX file with Validation data.
"$CELLFORGE" validate 2>/dev/null
[ $? -eq 2 ] || fail "validate without --cell"
"$CELLFORGE" validate --cell "$D/blend.bpx.json" 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "validate without Validation data"
grep -q "no Validation experiments" "$T/err" || fail "message: $(cat "$T/err")"
"$CELLFORGE" validate --cell "$CF_SOURCE_DIR/examples/chen2020_cell.json" 2>"$T/err" >/dev/null
[ $? -eq 2 ] || fail "validate on a non-BPX file"
grep -q "not a BPX file" "$T/err" || fail "message: $(cat "$T/err")"
echo "ok"
