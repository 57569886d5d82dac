#!/usr/bin/env bash
# The docs site: scripts/docs-site builds docs/*.md, the Python API reference and
# the C API reference with mkdocs in strict mode (a warning fails the build);
# headless Chromium then opens every page (tests/support/site_check.py): each
# renders (title, heading, text, images) and every internal link reaches an
# existing page and anchor.  The site's tools live in a venv scripts/docs-site
# makes once (build-docs/venv, from PyPI); Chromium is Debian's
# (scripts/install-chromium).  Skipped under the sanitizers: no C code runs.
set -u
fail() { echo "FAIL: $*"; exit 1; }
[ "${CF_SANITIZE:-OFF}" = "ON" ] && { echo "skip: the docs site has no C code (checked in the plain build)"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

t0=$(date +%s)
"$CF_SOURCE_DIR/scripts/docs-site" "$tmp/site" >"$tmp/build.log" 2>&1 || { tail -30 "$tmp/build.log"; fail "scripts/docs-site failed (above)"; }
t1=$(date +%s)
site=$tmp/site
for page in index python python-api c-api cli c-api/index c-api/cf_model c-api/cf_charact; do
  [ -s "$site/$page.html" ] || fail "the site has no $page.html"
done
# the references are there: Python from the docstrings, C from the headers
for id in cellforge.simulate cellforge.Solution.variable cellforge.xrd cellforge.XrdResult cellforge.bpx; do
  grep -qF "id=\"$id\"" "$site/python-api.html" || fail "python-api.html has no entry $id"
done
grep -qF "Fits background + pseudo-Voigt" "$site/c-api/cf_charact.html" || fail "cf_charact.html lacks a header comment"
for id in cf_plan_new cf_sim_run_crate; do
  grep -qF "id=\"$id\"" "$site/c-api/cf_model.html" || fail "cf_model.html has no anchor $id"
done
grep -Eq 'href="(https?:)?//fonts' "$site/index.html" && fail "the site fetches fonts from the network"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    "$CF_SOURCE_DIR/scripts/install-chromium" || fail "could not install chromium"
  else
    echo "skip: chromium is missing (scripts/install-chromium installs it)"; exit 77
  fi
fi
TMPDIR=$tmp timeout 900 python3 "$CF_SOURCE_DIR/tests/support/site_check.py" "$site" chromium || fail "the site does not render or has broken links (above)"
echo "docs_site: ok (build $((t1 - t0)) s, browser check $(( $(date +%s) - t1 )) s)"
