#!/usr/bin/env bash
# CLI: each plot kind is drawn, with its axis labels and units, only when
# asked for (--plot-kinds), for single runs (simulate), overlaid runs (test
# rate) and cycling (test cycle); --progress goes to stderr only.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# fontconfig's one-time allocation is not ours (see the file)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$CF_SOURCE_DIR/tests/support/lsan-fontconfig.supp"
cd "$tmp" || exit 1
if ! "$CELLFORGE" simulate --model spm --plot probe.svg >/dev/null 2>err.txt; then
  grep -q "without cairo" err.txt && { echo "skip: built without cairo"; exit 77; }
  fail "plotting failed: $(cat err.txt)"
fi

has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"; }
hasnt() { grep -qF -- "$2" "$1" && fail "$1 has '$2' but should not"; return 0; }
count() { grep -oF -- "$2" "$1" | wc -l; }

kind() { "$CELLFORGE" simulate "$@" >/dev/null || fail "simulate $* failed"; }
kind --plot v.svg --plot-kinds voltage
has v.svg "Voltage vs capacity"; has v.svg "voltage (V)"; has v.svg "capacity (Ah)"; has v.svg "discharge at 1C"
hasnt v.svg "Current"; hasnt v.svg "Electrolyte"
kind --plot t.svg --plot-kinds time
has t.svg "Voltage vs time"; has t.svg "time (min)"; hasnt t.svg "capacity (Ah)"
kind --plot i.svg --plot-kinds current --crate 0.2
has i.svg "current (A)"; has i.svg "time (h)"   # a 5 h discharge is drawn in hours
kind --plot d.svg --plot-kinds dqdv
has d.svg "|dQ/dV| (Ah/V)"; has d.svg "sigma = 10 mV"; has d.svg "voltage (V)"

# profiles: DFN has all three, at 5 evenly spaced times by default
kind --plot p.svg --plot-kinds profiles
has p.svg "c_e (mol/m³)"; has p.svg "φ_e (V)"; has p.svg "surface stoichiometry (-)"
has p.svg "position across the cell (µm)"; has p.svg ">sep<"
[ "$(count p.svg '>t = ')" -eq 15 ] || fail "expected 5 times in each of 3 profile panels, got $(count p.svg '>t = ')"
kind --plot p3.svg --plot-kinds profiles --plot-profiles 0,10min,0.5h
[ "$(count p3.svg '>t = ')" -eq 9 ] || fail "expected 3 times in 3 panels, got $(count p3.svg '>t = ')"
has p3.svg ">t = 0 min<"
# the SPM has no electrolyte profile: only the particle panel, and it says why
kind --plot ps.svg --plot-kinds profiles --model spm
hasnt ps.svg "c_e (mol/m³)"; has ps.svg "single-particle model"

# several kinds at once, in one figure
kind --plot two.svg --plot-kinds voltage,dqdv
has two.svg "Voltage vs capacity"; has two.svg "Incremental capacity"; hasnt two.svg "Voltage vs time"

# cycling: capacity per cycle from the protocol's cycles
proto="Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V; Discharge at 1C until 3.0 V; Charge at 1C until 4.1 V"
kind --model spm --protocol "$proto" --plot c.svg
has c.svg "Capacity per cycle"; has c.svg ">cycle<"; has c.svg "dashed: charge"

# overlaid runs: one curve per C-rate of the rate test
"$CELLFORGE" test rate --model spm --crates 0.5,1,2 --plot r.svg >/dev/null || fail "test rate --plot failed"
for c in 0.5C 1C 2C; do has r.svg ">$c<"; done
hasnt r.svg "Electrolyte concentration"; hasnt r.svg "Capacity per cycle"
"$CELLFORGE" test cycle --model spm --cycles 2 --rest 60 --plot tc.svg >/dev/null || fail "test cycle --plot failed"
has tc.svg "Capacity per cycle"; has tc.svg ">cycle 2<"

# progress: on stderr when asked (stderr is not a terminal here), never on stdout
"$CELLFORGE" simulate --model spm --protocol "$proto" --progress >out.txt 2>err.txt || fail "--progress run failed"
grep -q "simulate: 4/4 steps (100 %)" err.txt || fail "no final progress line: $(cat err.txt)"
grep -q "elapsed" out.txt && fail "progress leaked onto stdout"
"$CELLFORGE" simulate --model spm --protocol "$proto" >out2.txt 2>err2.txt || fail "run failed"
[ -s err2.txt ] && fail "progress shown on a non-terminal without --progress"
diff <(grep -v "solved in" out.txt) <(grep -v "solved in" out2.txt) >/dev/null || fail "--progress changed stdout"
"$CELLFORGE" test cycle --model spm --cycles 2 --rest 60 --progress >/dev/null 2>err.txt || fail "test --progress failed"
grep -q "2/2 cycles" err.txt || fail "test cycle progress lacks 2/2 cycles: $(cat err.txt)"
echo "plot_kinds: ok"
