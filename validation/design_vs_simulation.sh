#!/bin/sh
# Design capacity against the simulated C/20 capacity (DFN and SPM) for every
# example recipe and cell file, with the electrodes' potential ranges against
# their windows.
# Usage: validation/design_vs_simulation.sh [path/to/cellforge]   (default build/cellforge)
# Recipes: the design capacity (`cellforge design`), a C/20 discharge from
# full.  Cell files: their nominal_capacity_Ah; lithium-metal cells (which
# start discharged, as assembled) are charged at C/20 to their upper cut-off
# first and the discharge after it is compared (DFN only: the SPM has no
# lithium-metal negative).  Recipes with a lithium-metal negative (a reservoir,
# plating declared, a bare collector) start as assembled too: after 1 hour of
# rest they are charged at C/20 to the design's upper cut-off and the
# discharge after it is compared with the design's capacity (DFN only).
# Recipes without a window capacity (a material with no OCP) are listed as
# such.  Exits 1 when a row differs by more than 2 % or leaves a window.
set -u
CF=${1:-build/cellforge}
dir=$(cd "$(dirname "$0")/.." && pwd)
bad=0
printf '%-42s %9s %9s %7s %9s %7s  %s\n' recipe design_Ah dfn_Ah dfn_% spm_Ah spm_% windows
cellfile_row() { # file
    local f=$1 name lim vmin vmax nom li out q pct row="" spm="-" spm_pct="-"
    name=$(basename "$f")
    lim=$(python3 - "$f" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
base = {"voltage_min_V": 2.5, "voltage_max_V": 4.2, "nominal_capacity_Ah": 5.0}  # chen2020's
g = lambda k: d.get(k, base[k])
li = d.get("negative", {}).get("type") == "lithium_metal"
print(g("voltage_min_V"), g("voltage_max_V"), g("nominal_capacity_Ah"), int(li))
PY
)
    set -- $lim
    vmin=$1 vmax=$2 nom=$3 li=$4
    if [ "$li" = 1 ]; then
        out=$("$CF" simulate --cell "$f" --json \
              --protocol "Charge at C/20 until $vmax V; Discharge at C/20 until $vmin V" 2>/dev/null) || { printf '%-42s simulation failed\n' "$name"; bad=1; return; }
    else
        out=$("$CF" simulate --cell "$f" --crate 0.05 --json 2>/dev/null) || { printf '%-42s simulation failed\n' "$name"; bad=1; return; }
        local o2
        o2=$("$CF" simulate --cell "$f" --crate 0.05 --model spm --json 2>/dev/null) &&
            spm=$(printf '%s' "$o2" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["capacity_Ah"])') &&
            spm_pct=$(awk -v q="$spm" -v d="$nom" 'BEGIN { printf "%+.2f", 100 * (q - d) / d }')
    fi
    q=$(printf '%s' "$out" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["capacity_Ah"])')
    pct=$(awk -v q="$q" -v d="$nom" 'BEGIN { printf "%+.2f", 100 * (q - d) / d }')
    win=$(printf '%s' "$out" | python3 -c '
import json,sys
e=json.load(sys.stdin)["electrode_potentials"].values()
w=[v["inside_window"] for v in e if "inside_window" in v]
print("(nominal; no windows given)" if not w else "ok" if all(w) else "LEFT")')
    [ "$win" = LEFT ] && bad=1
    for p in "$pct" "$spm_pct"; do
        [ "$p" = - ] && continue
        awk -v p="$p" 'BEGIN { exit !(p > 2 || p < -2) }' && bad=1
    done
    printf '%-42s %9.4f %9s %7s %9s %7s  %s\n' "$name" "$nom" "$q" "$pct" "$spm" "$spm_pct" "$win"
}

for f in "$dir"/examples/*.json; do
    case "$(basename "$f")" in sweep_*) continue ;; esac
    if ! grep -q '"format"' "$f"; then cellfile_row "$f"; continue; fi
    name=$(basename "$f")
    dj=$("$CF" design "$f" --json 2>/dev/null) || { printf '%-42s design failed\n' "$name"; bad=1; continue; }
    from_window=$(printf '%s' "$dj" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cell"].get("capacity_from_window", False))')
    design=$(printf '%s' "$dj" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cell"]["capacity_Ah"])')
    li=$(printf '%s' "$dj" | python3 -c 'import json,sys; c=json.load(sys.stdin)["cell"]; print(int(c["li_metal_negative"]), c["voltage_min_V"], c["voltage_max_V"])')
    set -- $li
    if [ "$from_window" = "True" ] && [ "$1" = 1 ]; then
        # a lithium-metal negative starts as assembled: the first charge, then the discharge (DFN)
        out=$("$CF" simulate --cell "$f" --json \
              --protocol "Rest for 1 hour; Charge at C/20 until $3 V; Discharge at C/20 until $2 V" 2>/dev/null) ||
            { printf '%-42s simulation failed\n' "$name"; bad=1; continue; }
        vals=$(printf '%s' "$out" | python3 -c '
import json,sys
o=json.load(sys.stdin); d=float(sys.argv[1]); q=o["capacity_Ah"]
w=[v["inside_window"] for v in o["electrode_potentials"].values() if "inside_window" in v]
print("%.4f %+.2f %s" % (q, 100*(q-d)/d, "ok" if all(w) else "LEFT"))' "$design")
        set -- $vals
        awk -v p="$2" 'BEGIN { exit !(p > 2 || p < -2) }' && bad=1
        [ "$3" = ok ] || bad=1
        printf '%-42s %9.4f %9s %7s %9s %7s  %s\n' "$name" "$design" "$1" "$2" - - "$3"
        continue
    fi
    if [ "$from_window" != "True" ]; then
        printf '%-42s %9.4f   (no window capacity: a material without an OCP)\n' "$name" "$design"
        continue
    fi
    row="$name $design"
    win=ok
    for m in dfn spm; do
        out=$("$CF" simulate --cell "$f" --crate 0.05 --model "$m" --json 2>/dev/null) || { row="$row fail fail"; bad=1; continue; }
        vals=$(printf '%s' "$out" | python3 -c '
import json,sys
o=json.load(sys.stdin); d=float(sys.argv[1]); q=o["capacity_Ah"]
ins=all(v.get("inside_window", True) for v in o["electrode_potentials"].values())
print("%.4f %+.2f %d" % (q, 100*(q-d)/d, ins))' "$design")
        set -- $vals
        row="$row $1 $2"
        [ "$3" = 1 ] || win=LEFT
        awk -v p="$2" 'BEGIN { exit !(p > 2 || p < -2) }' && bad=1
    done
    [ "$win" = ok ] || bad=1
    set -- $row
    printf '%-42s %9.4f %9s %7s %9s %7s  %s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$win"
done
exit $bad
