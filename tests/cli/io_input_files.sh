#!/usr/bin/env bash
# Input files: only regular files are read, each kind up to its size cap.
# A device (/dev/zero), a directory and a FIFO are refused at once with a
# message naming the path and what it is (a FIFO must not block the reader),
# an oversized file is refused naming the cap and the variable that raises it,
# and every reader (cells, recipes, BPX, run records, sweep specs,
# checkpoints, protocol files, drive cycles, instrument files) follows the rule.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
E="$CF_SOURCE_DIR/examples"
mkfifo fifo
mkdir dir

# refused WHAT PATTERN CMD...: exits 2 within 20 s with PATTERN on stderr
refused() {
  local what=$1 pat=$2
  shift 2
  timeout 20 "$CELLFORGE" "$@" >out 2>err </dev/null
  rc=$?
  [ $rc -ne 124 ] || fail "$what: hung (killed after 20 s)"
  [ $rc -eq 2 ] || fail "$what: exit $rc, expected 2: $(cat err)"
  grep -q -- "$pat" err || fail "$what: message: $(cat err)"
}

for bad in /dev/zero dir fifo; do
  case $bad in
  /dev/zero) pat="/dev/zero: is a character device; only regular files are read" ;;
  dir) pat="dir: is a directory; only regular files are read" ;;
  fifo) pat="fifo: is a FIFO (named pipe); only regular files are read" ;;
  esac
  refused "simulate --cell $bad" "$pat" simulate --cell "$bad"
  refused "design $bad" "$pat" design "$bad"
  refused "claims $bad" "$pat" claims "$bad"
  refused "claims --run $bad" "$pat" claims "$E/recipe_li_reservoir.json" --run "$bad"
  refused "bpx --cell $bad" "$pat" bpx --cell "$bad"
  refused "validate --cell $bad" "$pat" validate --cell "$bad"
  refused "sweep $bad" "$pat" sweep "$bad"
  refused "report --cell $bad" "$pat" report --html r.html --cell "$bad"
  refused "protocol -f $bad" "$pat" protocol -f "$bad"
  refused "protocol --drive-cycle $bad" "$pat" protocol --drive-cycle "$bad"
  refused "simulate --protocol-file $bad" "$pat" simulate --protocol-file "$bad"
  for c in xrd psd bet dta shape; do refused "$c $bad" "$pat" $c "$bad"; done
  refused "xrd --standard $bad" "$pat" xrd "$E/charact/hard_carbon.xy" --standard "$bad"
done

# A sweep checkpoint is read back, so it must be a regular file too.
cat >spec.json <<JSON
{"cell": "chen2020", "model": "spm", "crate": 1, "outputs": ["capacity_Ah"],
 "vary": {"electrolyte.initial_concentration_mol_m3": {"from": 1000, "to": 1100, "n": 2}}}
JSON
refused "sweep --checkpoint fifo" "fifo: is a FIFO" sweep spec.json --checkpoint fifo
refused "sweep --checkpoint /dev/zero" "is a character device" sweep spec.json --checkpoint /dev/zero

# Oversized: a sparse 17 MiB cell file is over the 16 MiB JSON cap; the
# variable raises the cap (then the reader gets to the content, which is
# not JSON); a bad value of the variable is reported.
truncate -s 17M big.json
refused "oversized cell" "big.json: is larger than the 16 MiB limit for JSON input files (set CELLFORGE_MAX_JSON_MB" \
  simulate --cell big.json
CELLFORGE_MAX_JSON_MB=32 timeout 20 "$CELLFORGE" simulate --cell big.json >out 2>err
grep -q "limit" err && fail "CELLFORGE_MAX_JSON_MB=32 did not raise the cap: $(cat err)"
grep -q "big.json" err || fail "big.json with a raised cap: $(cat err)"
CELLFORGE_MAX_JSON_MB=lots "$CELLFORGE" simulate --cell big.json >out 2>err && fail "a bad cap value was accepted"
grep -q "CELLFORGE_MAX_JSON_MB: must be a whole number of MiB" err || fail "bad cap message: $(cat err)"
# The data cap applies to instrument files and drive cycles (lowered here
# so the test needs only a small file).
head -c 1100000 /dev/zero | tr '\0' '\n' >big.xy
CELLFORGE_MAX_DATA_MB=1 "$CELLFORGE" xrd big.xy >out 2>err && fail "an oversized instrument file was read"
grep -q "larger than the 1 MiB limit for data files (set CELLFORGE_MAX_DATA_MB" err || fail "data cap: $(cat err)"
CELLFORGE_MAX_DATA_MB=1 "$CELLFORGE" protocol --drive-cycle big.xy >out 2>err && fail "an oversized drive cycle was read"
grep -q "CELLFORGE_MAX_DATA_MB" err || fail "drive-cycle cap: $(cat err)"
# The protocol cap.
head -c 1100000 /dev/zero | tr '\0' '\n' >big.txt
CELLFORGE_MAX_PROTOCOL_MB=1 "$CELLFORGE" protocol -f big.txt >out 2>err && fail "an oversized protocol was read"
grep -q "CELLFORGE_MAX_PROTOCOL_MB" err || fail "protocol cap: $(cat err)"

# Standard input, where it makes sense: an instrument file piped in.
"$CELLFORGE" xrd - --json <"$E/charact/hard_carbon.xy" >out 2>err || fail "xrd from stdin: $(cat err)"
grep -q '"d002_nm"' out || fail "xrd from stdin: $(cat out)"
# Work grows linearly with a file's size: a drive-cycle header of a million
# fields (2 MB; its columns used to be found by rescanning the line for each
# field, hours of work at the size cap) is read in well under the 20 s limit.
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "x,"; print "time_s,current_A"; print "0,1"; print "10,1" }' >wide.csv
refused "a drive cycle with a million header fields" "wide.csv:2: row has no value for column 'time_s'" \
  protocol --drive-cycle wide.csv
# ... and a regular file through a symbolic link is still a regular file.
ln -s "$E/chen2020_cell.json" cell_link.json
"$CELLFORGE" simulate --cell cell_link.json --model spm >out 2>err || fail "a linked cell file: $(cat err)"
echo ok
