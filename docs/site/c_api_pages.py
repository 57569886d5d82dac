#!/usr/bin/env python3
"""The C API reference pages of the docs site, from the public headers.

    c_api_pages.py INCLUDE_DIR OUT_DIR

Writes OUT_DIR/<header>.md for every include/cellforge/*.h and OUT_DIR/index.md.
A header is read as paragraphs (separated by blank lines): the file's first
comment is the page's introduction, a comment alone that opens with dashes
("/* ---- XRD */") a section heading, and every other paragraph its comment as
text and its declarations as C, with an anchor per declared name (cf_..., CF_...)
so that other pages can link to e.g. cf_charact.md#cf_xrd_analyze.  Standard
library only: it runs before the site's tools are installed.
"""

import re
import sys
from pathlib import Path

COMMENT = re.compile(r"/\*.*?\*/", re.S)
NAMES = [
    re.compile(r"^\s*#define\s+(CF[A-Z0-9_]*|cf_\w+)", re.M),
    re.compile(r"\b(cf_\w+)\s*\(", re.M),                  # functions
    re.compile(r"}\s*(cf_\w+)\s*;"),                        # typedef struct/enum
    re.compile(r"typedef\s+[^;{]*?\b(cf_\w+)\s*;"),         # typedef x cf_y;
    re.compile(r"^\s*(CF_[A-Z0-9_]+)\s*(?:=|,|$)", re.M),   # enumerators
]
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def comment_text(c: str) -> str:
    body = c[2:-2]
    lines = [re.sub(r"^\s*\* ?", "", l) for l in body.splitlines()]
    return "\n".join(l.rstrip() for l in lines).strip()


def prose(text: str) -> str:
    """Comment text as Markdown: special characters escaped, line structure kept."""
    out = []
    for line in text.splitlines():
        esc = MD_SPECIAL.sub(r"\\\1", line)
        out.append(esc + "  " if line.strip() else "")
    return "\n".join(out).strip()


def declared(code: str):
    stripped = COMMENT.sub("", code)
    seen = []
    for rx in NAMES:
        for m in rx.finditer(stripped):
            n = m.group(1)
            if n not in seen and not n.endswith("_H"):
                seen.append(n)
    return seen


def paragraphs(text: str):
    lines = text.splitlines()
    # drop include guards, includes and extern "C" wrappers
    keep = []
    for l in lines:
        s = l.strip()
        if re.match(r"#\s*(ifndef|endif|include)\b", s) or re.match(r"#define\s+CELLFORGE_\w+_H\s*$", s):
            continue
        if s in ('#ifdef __cplusplus', 'extern "C" {', '}') or s.startswith("#endif"):
            continue
        keep.append(l)
    para, cur = [], []
    for l in keep:
        if l.strip():
            cur.append(l)
        elif cur:
            para.append("\n".join(cur))
            cur = []
    if cur:
        para.append("\n".join(cur))
    return para


def page(header: Path) -> str:
    name = header.name
    paras = paragraphs(header.read_text())
    out = [f"# {name}\n"]
    first = True
    for p in paras:
        lead = COMMENT.match(p.lstrip())
        if first and lead:
            intro = comment_text(lead.group(0))
            # "cf_x.h — what it is": the first line names the header
            intro = re.sub(r"^\S+\.h\s+[—-]+\s*", "", intro)
            out.append(prose(intro) + "\n")
            rest = p.lstrip()[lead.end():].strip()
            first = False
            if not rest:
                continue
            p = rest
            lead = COMMENT.match(p)
        first = False
        text, code = "", p
        if lead:
            text = comment_text(lead.group(0))
            code = p.lstrip()[lead.end():].strip("\n")
            first_line = text.splitlines()[0] if text else ""
            if re.match(r"-{3,}", first_line):  # "/* ---- XRD */": a section
                title = re.sub(r"^-+\s*|\s*-+$", "", first_line).strip()
                if title:
                    out.append(f"## {MD_SPECIAL.sub(r'', title)}\n")
                text = "\n".join(text.splitlines()[1:]).strip()
        names = declared(code)
        anchors = "".join(f'<a id="{n}"></a>' for n in names)
        if anchors:
            out.append(anchors + "\n")
        if text:
            out.append(prose(text) + "\n")
        if code.strip():
            out.append("```c\n" + code.rstrip() + "\n```\n")
    return "\n".join(out)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: c_api_pages.py INCLUDE_DIR OUT_DIR")
    inc, out = Path(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    headers = sorted(inc.glob("*.h"))
    if not headers:
        sys.exit(f"c_api_pages.py: no headers in {inc}")
    index = ["# C API reference\n",
             "The public headers of libcellforge (`include/cellforge/`), one page each: every declaration "
             "with its comment. How to build and link a program against the library: [the C API](../c-api.md).\n",
             "| header | what it declares |", "|---|---|"]
    for h in headers:
        (out / (h.stem + ".md")).write_text(page(h))
        first = COMMENT.search(h.read_text())
        summary = comment_text(first.group(0)).splitlines()[0] if first else ""
        summary = re.sub(r"^\S+\.h\s+[—-]+\s*", "", summary)
        index.append(f"| [{h.name}]({h.stem}.md) | {prose(summary)} |")
    (out / "index.md").write_text("\n".join(index) + "\n")


if __name__ == "__main__":
    main(sys.argv)
