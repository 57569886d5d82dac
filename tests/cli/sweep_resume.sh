#!/usr/bin/env bash
# CLI: a sweep killed with SIGKILL half-way and run again with the same
# command continues from its checkpoint and writes the same file as an
# uninterrupted run; a torn last line is dropped and redone.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

cat > "$tmp/spec.json" <<'JSON'
{"cell": "chen2020", "model": "spm", "mesh": 6,
 "vary": {"soc": {"from": 0.5, "to": 1, "n": 5}, "crate": [0.5, 1, 2, 4, 6, 8, -1, -2]},
 "outputs": ["capacity_Ah", "energy_Wh", "duration_s", "charge_Ah"]}
JSON
N=40

"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/ref.csv" --threads 1 2>/dev/null || fail "reference run: exit $?"
[ "$(wc -l < "$tmp/ref.csv")" -eq $((N + 1)) ] || fail "reference has $(wc -l < "$tmp/ref.csv") lines"

# Slow runs (--delay) so that the kill lands half-way.
cmd=("$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/out.csv" --checkpoint "$tmp/ck" --threads 2 --delay 0.1)
"${cmd[@]}" 2>/dev/null &
pid=$!
for _ in $(seq 1 300); do
  [ -f "$tmp/ck" ] && [ "$(wc -l < "$tmp/ck")" -ge 9 ] && break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""
done_rows=$(($(wc -l < "$tmp/ck") - 1))
[ "$done_rows" -ge 8 ] || fail "only $done_rows rows in the checkpoint before the kill"
[ "$done_rows" -lt $N ] || fail "the sweep finished before the kill ($done_rows rows)"
[ -e "$tmp/out.csv" ] && fail "a killed sweep left --out behind"
ls "$tmp" | grep -q "out.csv.tmp" && echo "note: temporary file of the killed run left behind"

# A kill in the middle of a write leaves a torn line: simulate one.
printf '1234abcd 39,1,-2,4.1' >> "$tmp/ck"

"${cmd[@]}" 2>"$tmp/err" || fail "resumed run: exit $? $(cat "$tmp/err")"
cmp -s "$tmp/ref.csv" "$tmp/out.csv" || fail "resumed result differs: $(diff "$tmp/ref.csv" "$tmp/out.csv" | head -5)"
# Every run is in the checkpoint exactly once, and no line is torn.
runs=$(tail -n +2 "$tmp/ck" | awk '{ split($2, f, ","); print f[1] }' | sort -n | uniq | wc -l)
[ "$runs" -eq $N ] || fail "checkpoint holds $runs distinct runs, expected $N"
[ "$(tail -n +2 "$tmp/ck" | wc -l)" -eq $N ] || fail "checkpoint holds duplicated or torn lines"
grep -q "1234abcd" "$tmp/ck" && fail "torn line kept"

# Running once more does nothing new and writes the same file.
"$CELLFORGE" sweep "$tmp/spec.json" --out "$tmp/out2.csv" --checkpoint "$tmp/ck" 2>/dev/null || fail "rerun: exit $?"
cmp -s "$tmp/ref.csv" "$tmp/out2.csv" || fail "rerun differs"

# A checkpoint of another sweep is refused, and left alone.
sed 's/"n": 5/"n": 4/' "$tmp/spec.json" > "$tmp/other.json"
cp "$tmp/ck" "$tmp/ck.before"
"$CELLFORGE" sweep "$tmp/other.json" --out "$tmp/o.csv" --checkpoint "$tmp/ck" 2>"$tmp/err" >/dev/null
[ $? -eq 2 ] || fail "foreign checkpoint not refused with exit 2"
grep -q "different sweep" "$tmp/err" || fail "no message for a foreign checkpoint: $(cat "$tmp/err")"
cmp -s "$tmp/ck" "$tmp/ck.before" || fail "foreign checkpoint was modified"
# A file that is not a checkpoint is never appended to.
echo "precious" > "$tmp/notes.txt"
"$CELLFORGE" sweep "$tmp/spec.json" --checkpoint "$tmp/notes.txt" >/dev/null 2>"$tmp/err" && fail "appended to a non-checkpoint"
[ "$(cat "$tmp/notes.txt")" = "precious" ] || fail "non-checkpoint file changed"
exit 0
