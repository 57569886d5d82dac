#!/usr/bin/env bash
# Parameter studies behind docs/seeds.md: how the seeds' claimed windows show
# up in simulated cells.  Usage: examples/studies/seed_studies.sh [path/to/cellforge]
set -euo pipefail
CF=${1:-build/cellforge}
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
field() { python3 -c "import json,sys; d=json.load(open('$1')); v=d.get('$2'); print('-' if v is None else ('%.4g' % v))"; }

echo "== Seed 000: Sn-Ni alloy | NMC811 (examples/sn_ni_cell.json), C/5 discharge from 100 % SOC"
echo "   Z (Ni3Sn4/Sn)  Ni wt%  capacity Ah  energy Wh  min porosity  outcome"
for Z in 0.1 0.2 0.5 1 2 3 5; do
  w=$(python3 -c "print(0.27051*$Z/(1+$Z))")
  python3 - "$w" > "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open('examples/sn_ni_cell.json'))
r['negative']['components'][0]['ni_mass_fraction'] = float(sys.argv[1])
print(json.dumps(r))
PY
  if "$CF" simulate --cell "$tmp/r.json" --crate 0.2 --json > "$tmp/o.json" 2> "$tmp/e"; then
    printf "   %-13s  %5.1f  %11s  %9s  %12s  ok\n" "$Z" "$(python3 -c "print($w*100)")" \
      "$(field "$tmp/o.json" capacity_Ah)" "$(field "$tmp/o.json" energy_Wh)" "$(field "$tmp/o.json" min_porosity)"
  else
    printf "   %-13s  %5.1f  %11s  %9s  %12s  %s\n" "$Z" "$(python3 -c "print($w*100)")" - - - "$(sed 's/.*: //' "$tmp/e" | cut -c1-60)"
  fi
done

echo
echo "== Seed 000: initial porosity of the Sn-Ni layer (Z = 0.587), C/5 from 100 % SOC"
echo "   porosity %  capacity Ah  energy Wh  min porosity  outcome"
for P in 0.20 0.30 0.45 0.60 0.75 0.80; do
  python3 - "$P" > "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open('examples/sn_ni_cell.json'))
r['negative']['porosity'] = float(sys.argv[1])
print(json.dumps(r))
PY
  if "$CF" simulate --cell "$tmp/r.json" --crate 0.2 --json > "$tmp/o.json" 2> "$tmp/e"; then
    printf "   %-10s  %11s  %9s  %12s  ok\n" "$(python3 -c "print(round($P*100))")" "$(field "$tmp/o.json" capacity_Ah)" \
      "$(field "$tmp/o.json" energy_Wh)" "$(field "$tmp/o.json" min_porosity)"
  else
    printf "   %-10s  %11s  %9s  %12s  %s\n" "$(python3 -c "print(round($P*100))")" - - - "$(sed 's/.*: //' "$tmp/e" | cut -c1-70)"
  fi
done

echo
echo "== Seed 002: hard-carbon coating weight (examples/hard_carbon_hev_cell.json, porosity 35 % / 30 %)"
echo "   coating g/m2  capacity Ah  energy C/3 Wh  10 s pulse at 10C from 50 % SOC: W (end V)"
for G in 30 45 55 60 90 120; do
  python3 - "$G" > "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open('examples/hard_carbon_hev_cell.json'))
g = float(sys.argv[1])
r['positive']['coating_g_m2'] = r['positive']['coating_g_m2'] * g / r['negative']['coating_g_m2']
r['negative']['coating_g_m2'] = g
# keep each layer's porosity (35 % / 30 %) as the coating weight changes: thickness follows
for side, eps in (('negative', 0.35), ('positive', 0.30)):
    for k in ('thickness_um', 'density_g_cm3', 'porosity'):
        r[side].pop(k, None)
    r[side]['porosity'] = eps
print(json.dumps(r))
PY
  cap=$("$CF" simulate --cell "$tmp/r.json" --crate 0.3333 --json > "$tmp/o.json" 2>/dev/null && field "$tmp/o.json" capacity_Ah || echo -)
  en=$(field "$tmp/o.json" energy_Wh 2>/dev/null || echo -)
  Ah=$(python3 -c "import json; print(json.load(open('$tmp/o.json'))['capacity_Ah'])" 2>/dev/null || echo 1)
  I=$(python3 -c "print(10*$Ah)")
  if "$CF" simulate --cell "$tmp/r.json" --soc 0.5 --protocol "Discharge at $I A for 10 seconds" --json > "$tmp/p.json" 2>/dev/null; then
    pw=$(python3 -c "import json; d=json.load(open('$tmp/p.json')); print('%.1f W (%.3f V)' % (d['energy_Wh']*3600/10, d['final_voltage_V']))")
  else pw="limited"; fi
  printf "   %-12s  %11s  %13s  %s\n" "$G" "$cap" "$en" "$pw"
done

echo
python3 "$(dirname "$0")/seed001_reservoir.py" "$CF"
