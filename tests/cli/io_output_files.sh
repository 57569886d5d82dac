#!/usr/bin/env bash
# Output paths by what they are: a regular file is replaced atomically, a
# symbolic link is written through to its target (chains followed, a
# dangling link creates its target), a FIFO and a character device are
# written as streams and stay what they are, a directory or socket is
# refused with a message naming the path.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
sim() { "$CELLFORGE" simulate --model spm --output-dt 600 "$@"; }

# A regular file: replaced, with no temporary left beside it.
echo old >plain.csv
sim --out plain.csv >/dev/null || fail "regular file: exit $?"
head -1 plain.csv | grep -q "^time_s," || fail "regular file not rewritten"
[ -z "$(ls | grep '\.tmp\.')" ] || fail "temporary file left: $(ls)"

# A symlink chain to a regular file: the target is rewritten, the links stay links.
mkdir sub
echo old >sub/target.csv
ln -s sub/target.csv link1
ln -s link1 link2
sim --out link2 >/dev/null || fail "symlink: exit $?"
[ -L link2 ] && [ -L link1 ] || fail "a symlink was replaced"
[ "$(readlink link1)" = sub/target.csv ] || fail "link1 changed"
head -1 sub/target.csv | grep -q "^time_s," || fail "symlink target not written"
[ -z "$(ls sub | grep '\.tmp\.')" ] || fail "temporary left beside the target: $(ls sub)"

# A dangling symlink: its target is created, the link stays.
ln -s sub/new.csv dangling
sim --out dangling >/dev/null || fail "dangling symlink: exit $?"
[ -L dangling ] || fail "dangling symlink replaced"
[ -f sub/new.csv ] && head -1 sub/new.csv | grep -q "^time_s," || fail "dangling target not created"

# A FIFO: written as a stream, stays a FIFO, and the reader gets the data.
mkfifo pipe
cat pipe >from_pipe &
reader=$!
timeout 60 "$CELLFORGE" simulate --model spm --output-dt 600 --out pipe >/dev/null || fail "fifo: exit $?"
wait $reader
[ -p pipe ] || fail "the FIFO was replaced"
head -1 from_pipe | grep -q "^time_s," || fail "nothing came through the FIFO"
[ "$(wc -l <from_pipe)" -gt 2 ] || fail "FIFO output too short"

# /dev/null stays a character device.
sim --out /dev/null >/dev/null || fail "/dev/null: exit $?"
[ -c /dev/null ] || fail "/dev/null is no longer a character device"

# A device node made here (needs the right to mknod: root in a container).
if mknod nulldev c 1 3 2>/dev/null; then
  chmod 666 nulldev
  sim --out nulldev >/dev/null || fail "device node: exit $?"
  [ -c nulldev ] || fail "the device node was replaced by a $(stat -c %F nulldev)"
  "$CELLFORGE" bpx --cell chen2020 --out nulldev || fail "bpx to device: exit $?"
  [ -c nulldev ] || fail "bpx replaced the device node"
else
  echo "note: mknod not permitted; device-node case skipped (/dev/null case ran)"
fi

# A directory, directly or through a link: refused, naming the path and the type.
mkdir outdir
ln -s outdir dirlink
for target in outdir dirlink; do
  sim --out "$target" >/dev/null 2>err && fail "$target: exit 0"
  grep -q "$target.*directory" err || fail "$target message: $(cat err)"
done
[ -d outdir ] && [ -L dirlink ] || fail "directory or its link changed"

# A socket: refused.
if command -v python3 >/dev/null; then
  python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' sock
  sim --out sock >/dev/null 2>err && fail "socket: exit 0"
  grep -q "sock: is a socket" err || fail "socket message: $(cat err)"
  [ -S sock ] || fail "socket replaced"
fi

# Other writers follow the same rules (design JSON, claims, protocol, a test's CSV).
E="$CF_SOURCE_DIR/examples"
"$CELLFORGE" design "$E/recipe_commercial_graphite_nmc.json" --json -o outdir 2>err && fail "design to a directory: exit 0"
grep -q "directory" err || fail "design message: $(cat err)"
"$CELLFORGE" design "$E/recipe_commercial_graphite_nmc.json" --json -o link2 || fail "design via link: exit $?"
[ -L link2 ] && grep -q '{' sub/target.csv || fail "design did not write through the link"
"$CELLFORGE" protocol "Rest for 1 hour" -o /dev/null || fail "protocol to /dev/null"
[ -c /dev/null ] || fail "protocol replaced /dev/null"
echo ok
