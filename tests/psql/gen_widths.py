"""Regenerate the character-width table in engine/psql.py from libpq.

psql measures text with libpq's PQdsplen (ucs_wcwidth over PostgreSQL's own
Unicode tables), which differs from Python's unicodedata in many places
(e.g. unassigned code points inside wide blocks, U+00AD).  So the table is
taken from the libpq that psql 15 links against:

    python -m tests.psql.gen_widths
"""
from __future__ import annotations

import ctypes
import ctypes.util
import re
from pathlib import Path

PG_UTF8 = 6          # pg_enc value of UTF8 in libpq
TARGET = Path(__file__).resolve().parents[2] / "engine" / "psql.py"


def libpq_widths() -> list[tuple[int, int]]:
    """Runs (first code point, width) of PQdsplen over all of Unicode."""
    lib = ctypes.CDLL(ctypes.util.find_library("pq") or "libpq.so.5")
    lib.PQdsplen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.PQdsplen.restype = ctypes.c_int
    runs: list[tuple[int, int]] = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:      # surrogates cannot occur in UTF-8 text
            continue
        width = lib.PQdsplen(chr(cp).encode(), PG_UTF8)
        if not runs or runs[-1][1] != width:
            runs.append((cp, width))
    return runs


def render(runs: list[tuple[int, int]]) -> str:
    items = [f"{cp:x}:{w}" for cp, w in runs]
    lines, line = [], ""
    for item in items:
        if len(line) + len(item) + 1 > 86:
            lines.append(line)
            line = ""
        line += item + " "
    lines.append(line)
    body = "\n".join(f'    "{ln}"' for ln in lines)
    return f"_WIDTH_RUNS = (\n{body}\n)\n"


def main() -> None:
    text = TARGET.read_text()
    new = re.sub(r"(# BEGIN GENERATED WIDTHS\n).*?(# END GENERATED WIDTHS)",
                 lambda m: m.group(1) + render(libpq_widths()) + m.group(2), text, flags=re.S)
    TARGET.write_text(new)


if __name__ == "__main__":
    main()
