"""Draw TxLab's kernel logos (run once; the PNG and SVG files are committed).

The logo is a version chain: three tuple versions, older ones faded, on
PostgreSQL's blue, with the newest one marked live.  PNGs are rasterised
here with 4x4 supersampling and written with zlib, so no imaging library
is needed.

    python kernel/resources/make_logos.py
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).parent
BLUE = (51, 103, 145)
WHITE = (255, 255, 255)
# (x, y, w, h, alpha) in a 64-unit square: three versions, oldest first
BARS = [(10, 12, 34, 10, 0.45), (16, 27, 34, 10, 0.7), (22, 42, 34, 10, 1.0)]
DOT = (49, 47, 3.2)        # the live marker on the newest version (x, y, r), drawn in blue


def _inside_rounded(x: float, y: float, r: float) -> bool:
    cx = min(max(x, r), 64 - r)
    cy = min(max(y, r), 64 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _colour_at(x: float, y: float) -> tuple[float, float, float, float]:
    if not _inside_rounded(x, y, 12):
        return (0, 0, 0, 0)
    colour = BLUE
    for bx, by, bw, bh, a in BARS:
        if bx <= x <= bx + bw and by <= y <= by + bh:
            colour = tuple(c * (1 - a) + w * a for c, w in zip(colour, WHITE))
    dx, dy, dr = DOT
    if (x - dx) ** 2 + (y - dy) ** 2 <= dr * dr:
        colour = BLUE
    return (*colour, 255)


def png(size: int) -> bytes:
    rows = []
    n = 4
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) * 64 / size
                    y = (py + (sy + 0.5) / n) * 64 / size
                    r, g, b, a = _colour_at(x, y)
                    acc[0] += r * a
                    acc[1] += g * a
                    acc[2] += b * a
                    acc[3] += a
            alpha = acc[3] / (n * n)
            rgb = [int(round(c / acc[3])) if acc[3] else 0 for c in acc[:3]]
            row.extend([*rgb, int(round(alpha))])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def svg() -> str:
    bars = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="2" fill="#fff" fill-opacity="{a}"/>'
        for x, y, w, h, a in BARS)
    dx, dy, dr = DOT
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
            f'<rect width="64" height="64" rx="12" fill="rgb{BLUE}"/>{bars}'
            f'<circle cx="{dx}" cy="{dy}" r="{dr}" fill="rgb{BLUE}"/></svg>\n')


if __name__ == "__main__":
    (HERE / "logo-32x32.png").write_bytes(png(32))
    (HERE / "logo-64x64.png").write_bytes(png(64))
    (HERE / "logo-svg.svg").write_text(svg())
