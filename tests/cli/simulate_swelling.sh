#!/usr/bin/env bash
# simulate with swelling particles: the seed-000 Sn-Ni recipe at 25 % porosity
# closes its pores when the layer's thickness is held (the default), and runs
# when the thickness is free (thickness_swelling 1): the CSV then carries each
# electrode's thickness change and porosity, the negative's porosity stays at
# 25 % while its thickness follows the particles, and the JSON summary says so.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
recipe() { # recipe POROSITY SWELLING > file
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); r['negative']['porosity']=float(sys.argv[2]); \
r['negative']['thickness_swelling']=float(sys.argv[3]); print(json.dumps(r))" \
    "$CF_SOURCE_DIR/examples/sn_ni_cell.json" "$1" "$2"
}
recipe 0.25 0 > "$tmp/held.json"
recipe 0.25 1 > "$tmp/free.json"

err=$("$CELLFORGE" simulate --cell "$tmp/held.json" --crate 0.5 --mesh 8 --out "$tmp/held.csv" 2>&1 >/dev/null) \
    && fail "held 25 % layer ran"
echo "$err" | grep -q "pores closed" || fail "held: $err"
[ -e "$tmp/held.csv" ] && fail "held: CSV written"

"$CELLFORGE" simulate --cell "$tmp/free.json" --crate 0.5 --mesh 8 --out "$tmp/free.csv" --json > "$tmp/free.out" \
    || fail "free exit $?"
python3 - "$tmp/free.csv" "$tmp/free.out" <<'PY' || fail "free outputs"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
cols = ("neg_thickness_change_pct", "pos_thickness_change_pct", "neg_porosity", "pos_porosity")
assert all(c in rows[0] for c in cols), rows[0].keys()
grow = [float(r["neg_thickness_change_pct"]) for r in rows]
eps = [float(r["neg_porosity"]) for r in rows]
assert grow[0] > 30 and grow[-1] < grow[0] / 2, (grow[0], grow[-1])   # delithiation shrinks it back
assert max(abs(e - 0.25) for e in eps) < 1e-6, (min(eps), max(eps))   # free: porosity kept
assert all(float(r["pos_thickness_change_pct"]) == 0 for r in rows)    # NMC811 holds its volume here
d = json.load(open(sys.argv[2]))["swelling"]["negative"]
assert d["thickness_swelling"] == 1 and abs(d["max_thickness_change_pct"] - grow[0]) < 1e-6, d
PY
echo ok
