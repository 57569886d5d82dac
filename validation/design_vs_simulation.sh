#!/bin/sh
# Design capacity against the simulated C/20 capacity (DFN and SPM) for every
# example recipe and cell file, with the electrodes' potential ranges against
# their windows.
# Usage: validation/design_vs_simulation.sh [path/to/cellforge]   (default build/cellforge)
# Recipes: the design capacity (`cellforge design`), a C/20 discharge from
# full.  Cell files: their nominal_capacity_Ah, a C/20 discharge from full;
# lithium-metal cells (which start discharged, as assembled) are charged at
# C/20 to their upper cut-off first and the discharge after it is compared
# (DFN only: the SPM has no lithium-metal negative).  Recipes with a
# lithium-metal negative (a reservoir, plating declared, a bare collector)
# start as assembled too: after 1 hour of rest they are charged at C/20 to the
# design's upper cut-off and the discharge after it is compared with the
# design's capacity (DFN only).  Recipes without a window capacity (a material
# with no OCP) are listed as such.
# Exits 1 when a row differs by more than 2 % or leaves a window.
#
# Rows: `table_row NAME DESIGN_AH DFN_AH SPM_AH WINDOWS` prints one row
# (DFN_AH/SPM_AH "-" when not run) and flags it; `c20 FILE MODEL [PROTOCOL]`
# runs one simulation and prints "capacity_Ah windows" (windows: ok or LEFT
# over the windows given, or the electrodes' ranges when none is given).
set -u
CF=${1:-build/cellforge}
dir=$(cd "$(dirname "$0")/.." && pwd)
bad=0

table_header() {
    printf '%-36s %9s %9s %7s %9s %7s  %s\n' example design_Ah dfn_C/20 dfn_% spm_C/20 spm_% windows
}

# table_row NAME DESIGN_AH DFN_AH SPM_AH WINDOWS
table_row() {
    local name=$1 design=$2 dfn=$3 spm=$4 win=$5 dp="-" sp="-" q
    for q in dfn spm; do
        eval "v=\$$q"
        [ "$v" = - ] && continue
        p=$(awk -v q="$v" -v d="$design" 'BEGIN { printf "%+.2f", 100 * (q - d) / d }')
        awk -v p="$p" 'BEGIN { exit !(p > 2 || p < -2) }' && bad=1
        [ $q = dfn ] && dp=$p || sp=$p
    done
    case "$win" in LEFT*) bad=1 ;; esac
    printf '%-36s %9.4f %9s %7s %9s %7s  %s\n' "$name" "$design" "$dfn" "$dp" "$spm" "$sp" "$win"
}

# c20 FILE MODEL [PROTOCOL]: "capacity_Ah windows" of a C/20 discharge
# (from full, or the protocol's last discharge).
c20() {
    local f=$1 m=$2 out
    if [ $# -ge 3 ]; then
        out=$("$CF" simulate --cell "$f" --model "$m" --json --protocol "$3" 2>/dev/null) || { echo "fail fail"; return; }
    else
        out=$("$CF" simulate --cell "$f" --model "$m" --json --crate 0.05 2>/dev/null) || { echo "fail fail"; return; }
    fi
    printf '%s' "$out" | python3 -c '
import json, sys
o = json.load(sys.stdin)
ep = o["electrode_potentials"]
given = [v["inside_window"] for v in ep.values() if "inside_window" in v]
if given:
    w = "ok" if all(given) else "LEFT"
else:
    w = "none-given:neg_%.3f-%.3f_V,pos_%.3f-%.3f_V" % (ep["negative"]["min_V"], ep["negative"]["max_V"],
                                                      ep["positive"]["min_V"], ep["positive"]["max_V"])
print("%.4f %s" % (o["capacity_Ah"], w))'
}

# both models; the windows column is the DFN's unless the SPM left
c20_both() {
    set -- $(c20 "$1" dfn) $(c20 "$1" spm)
    local win=$2
    [ "$4" = LEFT ] && win=LEFT
    echo "$1 $3 $win"
}

cellfile_row() { # file
    local f=$1 name lim vmin vmax nom li r
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
        set -- $(c20 "$f" dfn "Charge at C/20 until $vmax V; Discharge at C/20 until $vmin V")
        table_row "$name (nominal)" "$nom" "$1" - "$2"
    else
        set -- $(c20_both "$f")
        table_row "$name (nominal)" "$nom" "$1" "$2" "$3"
    fi
}

recipe_row() { # file
    local f=$1 name dj from_window design
    name=$(basename "$f")
    dj=$("$CF" design "$f" --json 2>/dev/null) || { printf '%-36s design failed\n' "$name"; bad=1; return; }
    from_window=$(printf '%s' "$dj" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cell"].get("capacity_from_window", False))')
    design=$(printf '%s' "$dj" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cell"]["capacity_Ah"])')
    li=$(printf '%s' "$dj" | python3 -c 'import json,sys; c=json.load(sys.stdin)["cell"]; print(int(c["li_metal_negative"]), c["voltage_min_V"], c["voltage_max_V"])')
    set -- $li
    if [ "$from_window" = "True" ] && [ "$1" = 1 ]; then
        # a lithium-metal negative starts as assembled: the first charge, then the discharge (DFN)
        set -- $(c20 "$f" dfn "Rest for 1 hour; Charge at C/20 until $3 V; Discharge at C/20 until $2 V")
        table_row "$name" "$design" "$1" - "$2"
        return
    fi
    if [ "$from_window" != "True" ]; then
        printf '%-36s %9.4f   (no window capacity: a material without an OCP)\n' "$name" "$design"
        return
    fi
    set -- $(c20_both "$f")
    table_row "$name" "$design" "$1" "$2" "$3"
}

table_header
for f in "$dir"/examples/*.json; do
    case "$(basename "$f")" in sweep_*) continue ;; esac
    if grep -q '"format"' "$f"; then recipe_row "$f"; else cellfile_row "$f"; fi
done
exit $bad
