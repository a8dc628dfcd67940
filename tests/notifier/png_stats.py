#!/usr/bin/env python3
"""Decodes a PNG (8-bit greyscale/RGB/RGBA, not interlaced) with zlib only and prints JSON statistics for the
HTML screenshot test: size, distinct colours, share of non-white pixels and how many pixels are within 3 of
each colour given as RRGGBB arguments.  Usage: png_stats.py FILE [RRGGBB ...]"""
import json
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0, "unsupported PNG"
            channels = {0: 1, 2: 3, 6: 4, 4: 2}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    width, height, channels, rows = decode(sys.argv[1])
    targets = [tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) for h in sys.argv[2:]]
    colours, non_white = set(), 0
    hits = [0] * len(targets)
    for row in rows:
        for x in range(width):
            px = row[x * channels:x * channels + 3] if channels >= 3 else bytes([row[x * channels]] * 3)
            colours.add(px)
            if px != b"\xff\xff\xff":
                non_white += 1
            for k, t in enumerate(targets):
                if all(abs(px[j] - t[j]) <= 3 for j in range(3)):
                    hits[k] += 1
    json.dump({"width": width, "height": height, "colours": len(colours),
               "non_white": non_white / float(width * height), "hits": hits}, sys.stdout)


if __name__ == "__main__":
    main()
