#!/usr/bin/env python3
"""Opens every page of a built static site in headless Chromium and checks
that it renders and that its internal links resolve.

    site_check.py SITE_DIR [CHROMIUM]

The site is served on 127.0.0.1 (a thread of this script) and one Chromium
visits every page over the DevTools protocol on a pipe (--remote-debugging-
pipe: fds 3 and 4, NUL-separated JSON), so Chromium starts once, not once per
page.  Per page, in the rendered DOM: a title and an <h1>, text in the main
content, every image loaded, and every link to the site itself pointing at a
page that exists and, with a #fragment, at an element with that id in the
target's rendered DOM.  Prints one line per problem and exits 1 if any.
Standard library only.
"""

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe"]

PROBE = r"""JSON.stringify({
  title: document.title,
  h1: [...document.querySelectorAll('article h1, main h1, h1')].map(e => e.textContent.trim()).filter(Boolean),
  text: (document.querySelector('article') || document.body).innerText.length,
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  broken_images: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
})"""


class Browser:
    """One Chromium over the DevTools protocol on a pipe."""

    def __init__(self, exe, profile):
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()

        def fds():  # Chromium reads commands on fd 3 and writes replies on fd 4
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)  # above 4: no clash while moving
            os.dup2(a, 3)
            os.dup2(b, 4)

        # the child keeps fds 3 and 4 (subprocess closes the others after preexec_fn)
        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     preexec_fn=fds, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _read(self, deadline):
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=False, timeout=120, **params):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, name, timeout=120):
        deadline = time.monotonic() + timeout
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == name:
                    del self.events[: i + 1]
                    return m
            self.events.append(self._read(deadline))

    def open(self, url):
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_event("Page.loadEventFired")
        res = self.call("Runtime.evaluate", session=True, expression=PROBE, returnByValue=True)
        return json.loads(res["result"]["value"])

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main(argv):
    site = Path(argv[1]).resolve()
    exe = argv[2] if len(argv) > 2 else "chromium"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    if not pages:
        print(f"no pages in {site}")
        return 1
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    profile = Path(os.environ.get("TMPDIR", "/tmp")) / f"site_check_profile_{os.getpid()}"
    t0 = time.monotonic()
    browser = Browser(exe, profile)
    problems, seen, n_links = [], {}, 0
    try:
        for page in pages:
            seen[page] = browser.open(base + page)
        for page, dom in seen.items():
            if page == "404.html":
                continue
            if not dom["title"] or not dom["h1"]:
                problems.append(f"{page}: no title or no <h1> (did it render?)")
            if dom["text"] < 100:
                problems.append(f"{page}: almost no text ({dom['text']} characters)")
            for src in dom["broken_images"]:
                problems.append(f"{page}: image not loaded: {src}")
            for href in dom["links"]:
                if not href.startswith(base):
                    continue  # outside the site (none should be needed to read it)
                n_links += 1
                u = urllib.parse.urlsplit(href)
                target = urllib.parse.unquote(u.path[len("/"):]) or "index.html"
                if target.endswith("/"):
                    target += "index.html"
                if not (site / target).is_file():
                    problems.append(f"{page}: link to a missing page: {href[len(base):]}")
                    continue
                if u.fragment and target.endswith(".html"):
                    if target not in seen:
                        seen[target] = browser.open(base + target)
                    if urllib.parse.unquote(u.fragment) not in seen[target]["ids"]:
                        problems.append(f"{page}: link to a missing anchor: {href[len(base):]}")
    finally:
        browser.close()
        server.shutdown()
        subprocess.run(["rm", "-rf", str(profile)])
    for p in problems:
        print(p)
    print(f"site_check: {len(pages)} pages rendered, {n_links} internal links checked, "
          f"{len(problems)} problems, {time.monotonic() - t0:.1f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
