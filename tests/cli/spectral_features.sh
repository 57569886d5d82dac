#!/usr/bin/env bash
# The spectral discretisation with every feature the CLI reaches: SEI growth,
# O'Kane plating, lithium plating on a porous negative, the lumped thermal
# model, swelling particles, a lithium-metal negative and a lithium reservoir,
# in the models that have them.  Each runs to its end with spectral particles
# (x 20,5,10, 6 nodes) and with PyBaMM's finite volumes refined to 40 per
# domain and particle (nearer the converged solution than fv 20), and the two
# agree: capacity to 0.5 %, voltage to 4 mV RMS on a 10 s grid (fv 40's own
# discretisation error on chen2020 1C is 0.5 mV RMS, 6.5 mV max, mostly in the
# first seconds), the feature's own column (SEI lithium, plated lithium,
# temperature, thickness, lithium metal) to 2 % of its range.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ex="$CF_SOURCE_DIR/examples"

python3 -c "import json,sys; r=json.load(open(sys.argv[1])); r['negative']['thickness_swelling']=1.0; \
print(json.dumps(r))" "$ex/sn_ni_cell.json" > "$tmp/swell.json"
echo '{"base": "chen2020", "negative": {"plating_exchange_current_A_m2": 1e-3}}' > "$tmp/plate.json"

# compare NAME COLUMN ARGS...: spectral vs fv 40 of the same run
compare() {
  local name=$1 col=$2; shift 2
  "$CELLFORGE" simulate "$@" --discretisation spectral --mesh-x 20,5,10 --mesh-r 6 --output-dt 10 \
      --out "$tmp/s.csv" >/dev/null 2>"$tmp/e" || fail "$name spectral: $(cat "$tmp/e")"
  "$CELLFORGE" simulate "$@" --discretisation fv --mesh 40 --output-dt 10 \
      --out "$tmp/f.csv" >/dev/null 2>"$tmp/e" || fail "$name fv: $(cat "$tmp/e")"
  python3 - "$tmp/s.csv" "$tmp/f.csv" "$name" "$col" <<'PY' || fail "$name: spectral and fv differ"
import csv, math, sys
s, f = (list(csv.DictReader(open(p))) for p in sys.argv[1:3])
name, col = sys.argv[3], sys.argv[4]
key = lambda r: (round(float(r["time_s"]), 6), r["step"])
fs = {key(r): r for r in f}
common = [(r, fs[key(r)]) for r in s if key(r) in fs]
assert len(common) > 0.9 * min(len(s), len(f)), (name, len(common), len(s), len(f))
dv = [float(a["voltage_V"]) - float(b["voltage_V"]) for a, b in common]
rms = math.sqrt(sum(d * d for d in dv) / len(dv))
cs, cf = float(s[-1]["capacity_Ah"]), float(f[-1]["capacity_Ah"])
span = max(abs(float(r["capacity_Ah"])) for r in f)
line = f"{name}: {len(common)} rows, V RMS {rms * 1e3:.3f} mV, capacity {cs:.5f} vs {cf:.5f} Ah"
assert rms < 4e-3, line
assert abs(cs - cf) <= 5e-3 * span, line
if col != "-":
    a = [float(x[col]) for x, _ in common]
    b = [float(y[col]) for _, y in common]
    rng = max(b) - min(b)
    worst = max(abs(x - y) for x, y in zip(a, b))
    line += f"; {col} within {worst:.3g} of a range {rng:.3g}"
    assert rng > 0 and worst <= 0.02 * rng, line
print(line)
PY
}

P="Discharge at 1C until 2.5 V; Rest for 10 minutes; Charge at 1C until 4.2 V; Hold at 4.2 V until C/20"
for m in dfn spme spm; do
  compare "SEI $m" - --model "$m" --sei solvent-diffusion --protocol "$P"
done
compare "O'Kane plating dfn" - --plating partially-reversible --protocol "Charge at 2C until 4.2 V" --soc 0
compare "porous plating dfn" li_metal_Ah --cell "$tmp/plate.json" --protocol "Charge at 2C until 4.2 V" --soc 0
compare "thermal dfn" temperature_C --thermal lumped --crate 2
compare "thermal spme" temperature_C --model spme --thermal lumped --crate 2
compare "swelling dfn" neg_thickness_change_pct --cell "$tmp/swell.json" --crate 0.5
compare "swelling spm" neg_thickness_change_pct --model spm --cell "$tmp/swell.json" --crate 0.5
compare "lithium metal dfn" li_metal_Ah --cell "$ex/li_metal_cell.json" --crate -0.5
compare "reservoir dfn" reservoir_li_Ah --cell "$ex/li_reservoir_cell.json" \
  --protocol "Rest for 1 hour; Charge at C/10 for 1 hour"
echo OK
