"""Seeded random expressions, for comparing the types package with a live server.

The goldens pin chosen cases; these generators explore the spaces between
them (numbers of every scale, floats of every magnitude, interval and
timestamp arithmetic, to_char templates, date/time input strings).  Each
family yields SQL expressions; `compare` evaluates a batch on the server
(inside a PL/pgSQL wrapper that turns errors into text) and through the
tiny evaluator, and returns the cases that differ.
"""
from __future__ import annotations

import random
import struct
from typing import Callable, Iterator

import psycopg

from tests.types.evaluator import evaluate

EVAL_FUNCTION = """
CREATE OR REPLACE FUNCTION txlab_eval(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE 'SELECT (' || q || ')::text' INTO r;
  RETURN r;
EXCEPTION WHEN others THEN
  RETURN 'ERR ' || SQLSTATE;
END $$"""


def _ours(expr: str) -> str | None:
    got = evaluate(f"SELECT ({expr})::text", None)
    return got["rows"][0] if "rows" in got else f"ERR {got['error']['sqlstate']}"


def compare(conn: psycopg.Connection, exprs: list[str]) -> list[tuple[str, str | None, str | None]]:
    """(expression, server's text, ours) for every expression where they differ."""
    conn.execute(EVAL_FUNCTION)
    rows = conn.execute("SELECT txlab_eval(q) FROM unnest(%s::text[]) q", (exprs,)).fetchall()
    return [(e, want, got) for e, (want,) in zip(exprs, rows) if (got := _ours(e)) != want]


def _number(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(["'NaN'", "'Infinity'", "'-Infinity'", "0", "0.000", "1", "-1"])
    digits = rng.randint(1, 25)
    scale = rng.randint(0, min(digits, 12))
    text = str(rng.randint(0, 10 ** digits)).rjust(scale + 1, "0")
    text = text[:-scale] + "." + text[-scale:] if scale else text
    return ("-" if rng.random() < 0.3 else "") + text


def numerics(rng: random.Random) -> Iterator[str]:
    forms: list[Callable[[str, str], str]] = [
        lambda a, b: f"({a})::numeric {rng.choice('+-*/%')} ({b})::numeric",
        lambda a, b: f"round(({a})::numeric, {rng.randint(-5, 8)})",
        lambda a, b: f"trunc(({a})::numeric, {rng.randint(-5, 8)})",
        lambda a, b: f"sqrt(abs(({a})::numeric))",
        lambda a, b: f"({a})::numeric ^ {rng.randint(-4, 12)}",
        lambda a, b: f"ln(abs(({a})::numeric) + 1)",
        lambda a, b: f"exp(({a})::numeric % 50)",
        lambda a, b: f"({a})::numeric::numeric({rng.randint(1, 20)},{rng.randint(0, 8)})",
        lambda a, b: f"({a})::numeric::float8",
        lambda a, b: f"({a})::numeric::int8",
    ]
    while True:
        yield rng.choice(forms)(_number(rng), _number(rng))


def floats(rng: random.Random) -> Iterator[str]:
    while True:
        kind = rng.random()
        if kind < 0.3:
            x = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
        elif kind < 0.5:
            x = float(rng.randint(2 ** 50, 2 ** 70))
        elif kind < 0.7:
            x = struct.unpack("f", struct.pack("I", rng.getrandbits(32)))[0]
        else:
            x = rng.choice([1, -1]) * 10 ** rng.uniform(-40, 40)
        if x == x and abs(x) != float("inf"):
            yield f"'{x!r}'::{rng.choice(['float8', 'real'])}"


def _interval(rng: random.Random) -> str:
    units = [("years", 5), ("mons", 30), ("days", 60), ("hours", 50), ("minutes", 100), ("seconds", 100),
             ("microseconds", 2000000)]
    parts = [f"{rng.randint(-n, n)} {u}" for u, n in units if rng.random() < 0.4]
    if rng.random() < 0.2:
        parts.append(f"{rng.uniform(-3, 3):.3f} {rng.choice(['days', 'hours', 'mons', 'years', 'weeks'])}")
    return "interval '" + (" ".join(parts) or "0") + "'"


def _timestamp(rng: random.Random) -> str:
    return (f"timestamp '{rng.randint(1990, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999999):06d}'")


def datetimes(rng: random.Random) -> Iterator[str]:
    forms: list[Callable[[], str]] = [
        lambda: _interval(rng), lambda: f"{_interval(rng)} * {rng.uniform(-3, 3):.4f}",
        lambda: f"{_interval(rng)} / {rng.choice([1, 2, 3, 7, 0.5, 1.5, -4])}",
        lambda: f"{_timestamp(rng)} + {_interval(rng)}", lambda: f"{_timestamp(rng)} - {_timestamp(rng)}",
        lambda: f"justify_interval({_interval(rng)})", lambda: f"age({_timestamp(rng)}, {_timestamp(rng)})",
        lambda: f"extract(epoch from {_interval(rng)})",
        lambda: f"date_trunc('{rng.choice(['year', 'month', 'day', 'hour', 'quarter', 'week', 'decade'])}', {_timestamp(rng)})",
        lambda: f"extract({rng.choice(['dow', 'doy', 'week', 'isoyear', 'epoch', 'julian', 'second'])} from {_timestamp(rng)})",
        lambda: f"({_interval(rng)})::text::interval",
    ]
    while True:
        yield rng.choice(forms)()


def _template(rng: random.Random) -> str:
    pre = "".join(rng.choice("9990,G") for _ in range(rng.randint(0, 6))).lstrip(",G")
    post = rng.choice(".D") + "".join(rng.choice("90") for _ in range(rng.randint(0, 4))) if rng.random() < 0.6 else ""
    template = ("FM" if rng.random() < 0.3 else "") + (pre + post or "9")
    return rng.choice(["S" + template, template + "S", template + "MI", template + "PR", "SG" + template,
                       template, template, '"n" ' + template])


def to_chars(rng: random.Random) -> Iterator[str]:
    values = [lambda: str(rng.randint(-100000, 100000)),
              lambda: f"{rng.uniform(-1e4, 1e4):.{rng.randint(0, 5)}f}::numeric",
              lambda: f"{rng.uniform(-1e4, 1e4):.{rng.randint(0, 5)}f}::float8",
              lambda: f"{rng.uniform(-1e3, 1e3):.3f}::real"]
    while True:
        yield f"to_char({rng.choice(values)()}, '{_template(rng)}')"


_MONTHS = ["Jan", "February", "mar", "APR", "May", "June", "jul", "Aug", "Sept", "oct", "Nov", "December"]


def _date_text(rng: random.Random) -> str:
    y, m, d = rng.randint(1, 2100), rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() < 0.15:
        m, d = rng.randint(0, 13), rng.randint(0, 32)
    yy = f"{y:04d}" if rng.random() < 0.9 else f"{y % 100:02d}"
    name = _MONTHS[(m - 1) % 12]
    return rng.choice([f"{yy}-{m:02d}-{d:02d}", f"{yy}/{m}/{d}", f"{m}/{d}/{yy}", f"{d} {name} {yy}",
                       f"{name} {d}, {yy}", f"{yy}-{name[:3]}-{d:02d}", f"{y:04d}{m:02d}{d:02d}"])


def _time_text(rng: random.Random) -> str:
    h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    t = rng.choice([f"{h:02d}:{mi:02d}", f"{h}:{mi:02d}:{s:02d}", f"{h:02d}:{mi:02d}:{s:02d}.{rng.randint(0, 9999999)}"])
    if rng.random() < 0.15:
        t += rng.choice([" am", " pm"])
    if rng.random() < 0.3:
        t += " " + rng.choice(["Z", "+02", "-05:30", "UTC", "+0100"])
    return t


def date_inputs(rng: random.Random) -> Iterator[str]:
    while True:
        text = _date_text(rng)
        if rng.random() < 0.6:
            text += rng.choice([" ", "T"]) + _time_text(rng)
        yield f"'{text}'::{rng.choice(['date', 'timestamp', 'timestamptz'])}"


FAMILIES = {"numeric": numerics, "float": floats, "datetime": datetimes, "to_char": to_chars,
            "date input": date_inputs}


def sample(family: str, seed: int, count: int) -> list[str]:
    generator = FAMILIES[family](random.Random(seed))
    return [next(generator) for _ in range(count)]
