#!/usr/bin/env python3
"""Draws ConvLab's bundled pictures for the "Your own image" panel (static/images/*.png).

Simple synthetic scenes, drawn pixel by pixel and written as PNG with only the standard
library (zlib), so they can be rebuilt anywhere: `python3 scripts/make_images.py`.
They are our own work, released as CC0 (see static/images/LICENSE.md).
"""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static" / "images"


def png(path, w, h, px):
    """Writes an 8-bit RGB PNG; px[y][x] = (r, g, b). Rows use the Up filter (smaller files)."""
    raw = bytearray()
    prev = bytes(w * 3)
    for y in range(h):
        row = bytes(c for p in px[y] for c in p)
        raw.append(2)  # Up: each byte minus the byte above
        raw.extend((row[i] - prev[i]) & 0xFF for i in range(len(row)))
        prev = row
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return len(data)


def canvas(w, h, colour):
    return [[colour] * w for _ in range(h)]


def rect(px, x0, y0, x1, y1, colour):
    for y in range(max(0, y0), min(len(px), y1)):
        for x in range(max(0, x0), min(len(px[0]), x1)):
            px[y][x] = colour


def disc(px, cx, cy, r, colour):
    for y in range(len(px)):
        for x in range(len(px[0])):
            if (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r:
                px[y][x] = colour


def triangle(px, a, b, c, colour):
    def side(p, q, x, y):
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
    for y in range(len(px)):
        for x in range(len(px[0])):
            s = [side(a, b, x + 0.5, y + 0.5), side(b, c, x + 0.5, y + 0.5), side(c, a, x + 0.5, y + 0.5)]
            if all(v >= 0 for v in s) or all(v <= 0 for v in s):
                px[y][x] = colour


def stroke(px, p, q, width, colour):
    """A thick straight line from p to q."""
    (x0, y0), (x1, y1) = p, q
    length = math.hypot(x1 - x0, y1 - y0)
    for y in range(len(px)):
        for x in range(len(px[0])):
            cx, cy = x + 0.5, y + 0.5
            t = max(0.0, min(1.0, ((cx - x0) * (x1 - x0) + (cy - y0) * (y1 - y0)) / (length * length)))
            if math.hypot(cx - (x0 + t * (x1 - x0)), cy - (y0 + t * (y1 - y0))) <= width / 2:
                px[y][x] = colour


def house():
    w, h = 128, 96
    px = [[(90 + y, 150 + y, 230)] * w for y in range(h)]  # sky, lighter towards the horizon
    disc(px, 104, 18, 10, (250, 210, 60))  # sun
    rect(px, 0, 72, w, h, (70, 150, 60))  # grass
    rect(px, 30, 44, 90, 80, (225, 205, 160))  # walls
    triangle(px, (24, 46), (96, 46), (60, 16), (180, 50, 40))  # roof
    rect(px, 52, 58, 66, 80, (110, 70, 40))  # door
    rect(px, 36, 52, 48, 64, (240, 240, 250))  # window, with a cross
    rect(px, 41, 52, 43, 64, (90, 60, 40))
    rect(px, 36, 57, 48, 59, (90, 60, 40))
    rect(px, 72, 52, 84, 64, (240, 240, 250))
    rect(px, 77, 52, 79, 64, (90, 60, 40))
    rect(px, 72, 57, 84, 59, (90, 60, 40))
    return w, h, px


def checkerboard():
    w = h = 96
    px = canvas(w, h, (0, 0, 0))
    for y in range(h):
        for x in range(w):
            px[y][x] = (235, 235, 235) if (x // 12 + y // 12) % 2 == 0 else (30, 30, 30)
    return w, h, px


def ball():
    """An orange ball lit from the top left, on teal: smooth shading inside, a sharp rim."""
    w = h = 128
    px = canvas(w, h, (30, 110, 120))
    cx, cy, r = 64, 64, 44
    for y in range(h):
        for x in range(w):
            dx, dy = x + 0.5 - cx, y + 0.5 - cy
            if dx * dx + dy * dy <= r * r:
                # brightness falls with the distance from the highlight
                d = math.hypot(dx + 16, dy + 16) / (2 * r)
                k = max(0.35, 1.0 - d)
                px[y][x] = (round(255 * k), round(150 * k), round(40 * k))
    return w, h, px


def letters():
    """“CNN” in thick strokes, dark on cream: text-like shapes with straight and slanted edges."""
    w, h = 160, 64
    px = canvas(w, h, (245, 238, 220))
    ink, t = (25, 25, 60), 9
    # C: three sides of a box
    stroke(px, (14, 12), (42, 12), t, ink)
    stroke(px, (14, 12), (14, 52), t, ink)
    stroke(px, (14, 52), (42, 52), t, ink)
    for x0 in (62, 108):  # N, N
        stroke(px, (x0, 52), (x0, 12), t, ink)
        stroke(px, (x0, 12), (x0 + 34, 52), t, ink)
        stroke(px, (x0 + 34, 52), (x0 + 34, 12), t, ink)
    return w, h, px


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in [("house", house), ("checkerboard", checkerboard), ("ball", ball), ("letters", letters)]:
        w, h, px = draw()
        size = png(OUT / f"{name}.png", w, h, px)
        print(f"{name}.png: {w}×{h}, {size} bytes")
