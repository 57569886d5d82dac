#!/usr/bin/env bash
# CLI: one grammar for every command (docs/cli.md).  For each command listed
# by `cellforge --help`: `cellforge help CMD` prints what `cellforge CMD
# --help` prints, with EXAMPLES and EXIT STATUS sections, no unexpanded range
# placeholder, and a range on every option that takes a number; every example
# runs (exit 0) from a scratch directory that sees the source tree's
# examples/ and tests/.  Then the output flag (-o/--out and the old
# spellings) and the cell (positional or --cell) are the same everywhere, and
# the generated manual pages and completions cover every command.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=$CELLFORGE
ln -s "$CF_SOURCE_DIR/examples" "$tmp/examples"
ln -s "$CF_SOURCE_DIR/tests" "$tmp/tests"

cmds=$("$C" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
[ "$(echo "$cmds" | wc -l)" -ge 16 ] || fail "command list: $cmds"
"$C" --help | grep -q "^EXAMPLES$" || fail "top-level help lacks EXAMPLES"
"$C" help no-such-command > /dev/null 2>&1; [ $? -eq 2 ] || fail "help of an unknown command should exit 2"

# an option line whose value is a number (metavariable N, X, S, ...) states a range
numeric='^  (-[a-z], )?--[a-zA-Z0-9-]+ (N|X|S|T|R|V|C|U|K|DEG|NM|NM2|LO:HI|PCT)( |$)'
for c in $cmds; do
  a=$("$C" help "$c") || fail "help $c exited $?"
  b=$("$C" "$c" --help) || fail "$c --help exited $?"
  [ "$a" = "$b" ] || fail "'help $c' differs from '$c --help'"
  echo "$a" | grep -q "^EXAMPLES$" || fail "$c --help lacks EXAMPLES"
  echo "$a" | grep -q "^EXIT STATUS$" || fail "$c --help lacks EXIT STATUS"
  echo "$a" | grep -q "{R:" && fail "$c --help has an unexpanded range: $(echo "$a" | grep "{R:")"
  # each numeric option: its line or the next (continuation) names an interval
  echo "$a" | sed '/^EXAMPLES$/,$d' | awk -v re="$numeric" -v c="$c" '
    pending { if ($0 !~ /[[(]-?[0-9.e+-]+, -?[0-9.e+-]+[])]/) { print c ": no range for " opt; bad = 1 } pending = 0 }
    $0 ~ re { opt = $1; if ($0 !~ /[[(]-?[0-9.e+-]+, -?[0-9.e+-]+[])]/) pending = 1 }
    END { exit bad }' || fail "numeric options without a range"
  # run every example
  echo "$a" | awk '/^EXAMPLES$/ { on = 1; next } /^EXIT STATUS$/ { on = 0 } on && /^  / { print }' |
    sed -e ':a' -e '/\\$/N; s/\\\n//; ta' > "$tmp/ex.txt"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    cmd=${line#"${line%%[! ]*}"}
    cmd=${cmd/#cellforge /\"\$C\" }
    (cd "$tmp" && C="$C" eval "$cmd" > "$tmp/ex.out" 2> "$tmp/ex.err") ||
      fail "example of $c exited $?: $line: $(head -3 "$tmp/ex.err")"
  done < "$tmp/ex.txt"
done
"$C" help test hppc | grep -q -- "--soc-step" || fail "help test hppc"

# the ranges the help states are the ones the command checks: a value above an
# option's stated upper bound is refused (exit 2, naming the option), run on
# the command's first example (test: on its own kind's, "test KIND --model spm")
n_checked=0
for c in $cmds; do
  "$C" help "$c" | sed '/^EXAMPLES$/,$d' | python3 -c '
import re, sys
kind = "rate"
for line in sys.stdin:
    m = re.match(r"(hppc|rate|gitt|cycle):", line)
    if m: kind = m.group(1)
    elif not line.startswith("        "): kind = "rate"
    # each "--opt METAVAR" with the first interval after it, before the next option
    for o in re.finditer(r"(--[a-zA-Z0-9-]+) (N|X|S|T|R|V|C|U|K|DEG|NM|NM2|PCT)\b", line):
        rest = line[o.end():]
        nxt = re.search(r"--[a-zA-Z]", rest)
        seg = rest[:nxt.start()] if nxt else rest
        r = re.search(r"[\[(](-?[0-9.e+-]+), (-?[0-9.e+-]+)[\])]", seg)
        if r: print(kind, o.group(1), r.group(2))
' | sort -u > "$tmp/ranges.txt"
  base=$("$C" help "$c" | awk '/^EXAMPLES$/ { getline; sub(/^  cellforge /, ""); print; exit }')
  while read -r kind opt hi; do
    [ "$c" = test ] && base="test $kind --model spm"
    bad=$(awk -v h="$hi" 'BEGIN { printf "%.6g", (h < 0 ? -h : h) * 10 + 1 }')
    (cd "$tmp" && eval "timeout 60 \"\$C\" $base $opt $bad" > /dev/null 2> "$tmp/range.err"); rc=$?
    [ "$rc" -eq 2 ] || fail "$c $opt $bad (above the stated range, up to $hi) exited $rc: $(head -2 "$tmp/range.err")"
    grep -q -- "${opt#--}" "$tmp/range.err" || fail "$c $opt $bad: the message does not name the option: $(cat "$tmp/range.err")"
    grep -q "does not apply" "$tmp/range.err" && fail "$c $opt: checked on the wrong test ($base)"
    n_checked=$((n_checked + 1))
  done < "$tmp/ranges.txt"
done
[ "$n_checked" -ge 40 ] || fail "only $n_checked numeric options' ranges checked"

# one output flag: -o, --out and the former spellings write the same file
R="$CF_SOURCE_DIR/examples/recipe_hard_carbon.json"
for f in -o --out --output; do
  "$C" design "$R" --json $f "$tmp/d$f.json" > /dev/null || fail "design $f"
done
cmp -s "$tmp/d-o.json" "$tmp/d--out.json" && cmp -s "$tmp/d-o.json" "$tmp/d--output.json" || fail "design: -o/--out/--output differ"
"$C" design --cell "$R" --json --out "$tmp/dcell.json" > /dev/null || fail "design --cell"
cmp -s "$tmp/d-o.json" "$tmp/dcell.json" || fail "design --cell FILE differs from design FILE"
for f in -o --out; do
  "$C" protocol "Rest for 1 h" $f "$tmp/p$f.txt" || fail "protocol $f"
  "$C" claims "$R" --seed 002 $f "$tmp/c$f.txt" || fail "claims $f"
  "$C" simulate --model spm --crate 2 $f "$tmp/s$f.csv" > /dev/null || fail "simulate $f"
  "$C" materials --json $f "$tmp/m$f.json" || fail "materials $f"
done
cmp -s "$tmp/m-o.json" "$tmp/m--out.json" && cmp -s "$tmp/p-o.txt" "$tmp/p--out.txt" && cmp -s "$tmp/c-o.txt" "$tmp/c--out.txt" && cmp -s "$tmp/s-o.csv" "$tmp/s--out.csv" ||
  fail "-o and --out differ"
"$C" report --model spm --html "$tmp/r1.html" > /dev/null || fail "report --html"
"$C" report --model spm -o "$tmp/r2.html" > /dev/null || fail "report -o"
[ -s "$tmp/r1.html" ] && [ -s "$tmp/r2.html" ] || fail "report not written"

# one way to name the cell: positional or --cell, the same run; both at once is an error
cell="$CF_SOURCE_DIR/examples/chen2020_thin_cell.json"
"$C" simulate "$cell" --model spm --out "$tmp/pos.csv" > /dev/null || fail "simulate CELL"
"$C" simulate --cell "$cell" --model spm --out "$tmp/opt.csv" > /dev/null || fail "simulate --cell CELL"
cmp -s "$tmp/pos.csv" "$tmp/opt.csv" || fail "simulate CELL and --cell CELL differ"
"$C" simulate "$cell" --cell chen2020 > /dev/null 2> "$tmp/e"; [ $? -eq 2 ] || fail "two cells should exit 2"
grep -q "the cell is given twice" "$tmp/e" || fail "two cells: $(cat "$tmp/e")"
"$C" bpx "$cell" > "$tmp/b1" || fail "bpx CELL"
"$C" bpx --cell "$cell" > "$tmp/b2" || fail "bpx --cell CELL"
cmp -s "$tmp/b1" "$tmp/b2" || fail "bpx CELL and --cell CELL differ"

# manual pages and completions, when the build made them (help2man present)
B=$(dirname "$C")
if [ -f "$B/man/cellforge.1" ]; then
  for c in $cmds; do
    [ -s "$B/man/cellforge-$c.1" ] || fail "no manual page for $c"
    grep -q "EXIT STATUS" "$B/man/cellforge-$c.1" || fail "manual page of $c lacks EXIT STATUS"
    grep -qw "$c" "$B/completions/cellforge.bash" || fail "bash completion lacks $c"
    grep -qw "$c" "$B/completions/_cellforge" || fail "zsh completion lacks $c"
  done
  grep -q -- "--cycles-out" "$B/completions/cellforge.bash" || fail "bash completion lacks --cycles-out"
  bash -n "$B/completions/cellforge.bash" || fail "bash completion does not parse"
  if command -v zsh > /dev/null; then zsh -n "$B/completions/_cellforge" || fail "zsh completion does not parse"; fi
  # the bash completion completes an option of simulate
  out=$(bash -c 'source "$1"; COMP_WORDS=(cellforge simulate --cyc); COMP_CWORD=2; _cellforge; echo "${COMPREPLY[@]}"' _ \
        "$B/completions/cellforge.bash")
  [ "$out" = "--cycles-out" ] || fail "bash completion of 'simulate --cyc': '$out'"
fi
echo "ok ($n_checked option ranges checked)"
