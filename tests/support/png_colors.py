#!/usr/bin/env python3
"""png_colors.py FILE.png — prints "WIDTH HEIGHT COLOURS" for an 8-bit
RGB/RGBA/grey PNG, decoded with the standard library only (zlib), for the
CLI tests that check a picture is not blank.  Exit 1 if the file is not a
PNG it can read."""
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace:
        raise ValueError("unsupported PNG layout")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    prev = bytearray(stride)
    colours = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 255
        if y % 2 == 0:  # every other row is plenty to count colours
            for x in range(0, stride, channels):
                colours.add(bytes(line[x:x + channels]))
        prev = line
    return width, height, len(colours)


if __name__ == "__main__":
    try:
        w, h, n = decode(sys.argv[1])
    except Exception as e:  # noqa: BLE001 - any failure means "not readable"
        print("png_colors: %s: %s" % (sys.argv[1], e), file=sys.stderr)
        sys.exit(1)
    print(w, h, n)
