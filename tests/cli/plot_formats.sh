#!/usr/bin/env bash
# CLI: `simulate --plot` writes real PNG, SVG and PDF files (cairo), refuses
# unknown extensions and bad plot options with exit 2, and writes nothing
# when the run fails.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# fontconfig's one-time allocation is not ours (see the file)
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$CF_SOURCE_DIR/tests/support/lsan-fontconfig.supp"
cd "$tmp" || exit 1

# Built without cairo: plots are not part of this build.
if ! "$CELLFORGE" simulate --model spm --plot probe.png >/dev/null 2>err.txt; then
  grep -q "without cairo" err.txt && { echo "skip: built without cairo"; exit 77; }
  fail "plotting failed: $(cat err.txt)"
fi

"$CELLFORGE" simulate --plot run.png >/dev/null || fail "PNG run failed"
"$CELLFORGE" simulate --plot run.svg >/dev/null || fail "SVG run failed"
"$CELLFORGE" simulate --plot run.PDF >/dev/null || fail "PDF run failed (extensions are case-blind)"

# PNG: signature, and a picture with something on it
[ "$(head -c 8 run.png | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "run.png lacks the PNG signature"
[ "$(stat -c %s run.png)" -gt 30000 ] || fail "run.png is suspiciously small"
if command -v python3 >/dev/null; then
  read -r w h colours < <(python3 "$CF_SOURCE_DIR/tests/support/png_colors.py" run.png) || fail "run.png does not decode"
  # two panels side by side, several rows of panels
  [ "$w" -ge 1000 ] && [ "$h" -ge 1000 ] || fail "run.png is ${w}x${h}, expected a grid of panels"
  [ "$colours" -gt 50 ] || fail "run.png has only $colours colours: blank?"
fi

# SVG: well-formed XML with the words of the plot (axis labels with units)
head -c 200 run.svg | grep -q "<svg" || fail "run.svg has no <svg> element"
if command -v python3 >/dev/null; then
  python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' run.svg || fail "run.svg is not XML"
fi
for label in "voltage (V)" "capacity (Ah)" "time (min)" "current (A)"; do
  grep -qF "$label" run.svg || fail "run.svg lacks the label '$label'"
done

# PDF: header, trailer, and the text is there (fonts are embedded as text)
[ "$(head -c 5 run.PDF)" = "%PDF-" ] || fail "run.PDF lacks the %PDF- header"
tail -c 64 run.PDF | grep -q "%%EOF" || fail "run.PDF is not complete"
[ "$(stat -c %s run.PDF)" -gt 10000 ] || fail "run.PDF is suspiciously small"

# bad input: exit 2, a message naming the problem, no output at all
expect_usage() {
  rm -f out.* err.txt
  "$CELLFORGE" simulate --model spm "$@" >out.txt 2>err.txt; rc=$?
  [ "$rc" -eq 2 ] || fail "'$*' exited $rc, expected 2"
  grep -q "error" err.txt || fail "'$*' printed no error"
  [ -s out.txt ] && fail "'$*' printed to stdout"
  ls out.* 2>/dev/null | grep -qv out.txt && fail "'$*' left a file"
  return 0
}
expect_usage --plot out.jpg;                     grep -q "png, .svg or .pdf" err.txt || fail "bad extension: no list"
expect_usage --plot out;                         grep -q "no extension" err.txt || fail "no extension: unclear"
expect_usage --plot out.png --plot-kinds volts;  grep -q "volts" err.txt || fail "unknown kind not named"
expect_usage --plot-profiles 0,600;              grep -q "needs --plot" err.txt || fail "profiles without --plot"
expect_usage --plot out.png --plot-profiles 0,x; grep -q "'x'" err.txt || fail "bad time not named"
expect_usage --plot out.png --plot-profiles -5;  grep -q "negative" err.txt || fail "negative time accepted"

# a failed run writes no plot
"$CELLFORGE" simulate --crate 1000 --plot fail.png >/dev/null 2>&1 && fail "1000C succeeded"
[ -e fail.png ] && fail "a failed run left a plot"
echo "plot_formats: ok"
