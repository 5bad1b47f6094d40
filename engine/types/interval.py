"""interval: months, days and microseconds, as PostgreSQL stores it (timestamp.c).

An interval is three independent fields, because a month is not a fixed
number of days nor a day a fixed number of hours across DST: `Interval`
keeps them as PostgreSQL does (int32 months, int32 days, int64
microseconds) and never normalises one into another on its own.

Comparison and hashing follow interval_cmp_value, which does fold them,
with 30-day months and 24-hour days: '1 mon' = '30 days' is true, so the
class defines ==, hash and < on that folded value and needs no sort key.

Input is DecodeInterval's postgres-style syntax ('1 day 02:00:00',
'1 year 2 mons', '-1 day +2 hours', '1.5 days', '@ 1 day ago', a bare
number of seconds) and ISO 8601 ('P1Y2M3DT4H5M6S'); fractional units
cascade into the smaller fields exactly as AdjustFractDays/Seconds do.
Output is EncodeInterval's IntervalStyle 'postgres'.  interval * and / a
number reproduce interval_mul/interval_div including their TSROUND.
"""
from __future__ import annotations

import math
import re

from ..errors import PgError
from . import conditions
from .sqltype import TypeKind, register

USECS_PER_SEC = 1_000_000
USECS_PER_MINUTE = 60 * USECS_PER_SEC
USECS_PER_HOUR = 60 * USECS_PER_MINUTE
USECS_PER_DAY = 24 * USECS_PER_HOUR
DAYS_PER_MONTH = 30
INT32 = (-(1 << 31), (1 << 31) - 1)
INT64 = (-(1 << 63), (1 << 63) - 1)


class Interval:
    """An immutable (months, days, microseconds) triple."""

    __slots__ = ("months", "days", "micros")

    def __init__(self, months: int = 0, days: int = 0, micros: int = 0) -> None:
        if not (INT32[0] <= months <= INT32[1] and INT32[0] <= days <= INT32[1]
                and INT64[0] <= micros <= INT64[1]):
            raise conditions.datetime_overflow("interval")
        object.__setattr__(self, "months", months)
        object.__setattr__(self, "days", days)
        object.__setattr__(self, "micros", micros)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Interval is immutable")

    def cmp_value(self) -> int:
        """interval_cmp_value: everything folded into microseconds."""
        return (self.months * DAYS_PER_MONTH + self.days) * USECS_PER_DAY + self.micros

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Interval) and self.cmp_value() == other.cmp_value()

    def __hash__(self) -> int:
        return hash(self.cmp_value())

    def __lt__(self, other: "Interval") -> bool:
        return self.cmp_value() < other.cmp_value()

    def __le__(self, other: "Interval") -> bool:
        return self.cmp_value() <= other.cmp_value()

    def __gt__(self, other: "Interval") -> bool:
        return self.cmp_value() > other.cmp_value()

    def __ge__(self, other: "Interval") -> bool:
        return self.cmp_value() >= other.cmp_value()

    def __repr__(self) -> str:
        return f"Interval({interval_out(self)!r})"


# --- output -------------------------------------------------------------------

def _ctrunc(a: int, b: int) -> tuple[int, int]:
    """C's / and % (truncating) for possibly negative a."""
    q = abs(a) // b
    q = -q if a < 0 else q
    return q, a - q * b


def _fraction(micros: int) -> str:
    return f".{micros:06d}".rstrip("0") if micros else ""


def interval_out(iv: Interval) -> str:
    years, months = _ctrunc(iv.months, 12)
    parts: list[str] = []
    is_before = False
    for value, unit in ((years, "year"), (months, "mon"), (iv.days, "day")):
        if value:
            plus = "+" if is_before and value > 0 else ""
            parts.append(f"{plus}{value} {unit}{'' if value == 1 else 's'}")
            is_before = value < 0
    time = iv.micros
    if not parts or time:
        sign = "-" if time < 0 else ("+" if is_before else "")
        hours, rest = divmod(abs(time), USECS_PER_HOUR)
        minutes, rest = divmod(rest, USECS_PER_MINUTE)
        seconds, micros = divmod(rest, USECS_PER_SEC)
        parts.append(f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}{_fraction(micros)}")
    return " ".join(parts)


# --- input --------------------------------------------------------------------

_UNITS = {}
for _names, _unit in (
        (("microsecon", "us", "usec", "usecs"), "microseconds"),
        (("millisecon", "ms", "msec", "msecs"), "milliseconds"),
        (("s", "sec", "second", "seconds", "secs"), "second"),
        (("m", "min", "mins", "minute", "minutes"), "minute"),
        (("h", "hour", "hours", "hr", "hrs"), "hour"),
        (("d", "day", "days"), "day"),
        (("w", "week", "weeks"), "week"),
        (("mon", "mons", "month", "months"), "month"),
        (("y", "year", "years", "yr", "yrs"), "year"),
        (("dec", "decade", "decades", "decs"), "decade"),
        (("c", "cent", "century", "centuries"), "century"),
        (("mil", "millennia", "millennium", "mils"), "millennium")):
    for _name in _names:
        _UNITS[_name] = _unit


def unit_of(word: str) -> str | None:
    """The unit a (lower-case) word names; PostgreSQL compares 10 characters."""
    return _UNITS.get(word[:10])


_TOKEN = re.compile(r"\s*(?:(?P<time>[+-]?\d+:\d+(?::\d+(?:\.\d*)?)?)|(?P<yearmonth>[+-]?\d+-\d+)"
                    r"|(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))|(?P<word>[a-z]+)|(?P<at>@))")
# The fields each kind of token sets (DecodeInterval's tmask): a field set twice is an error.
_TIME_FIELDS = frozenset({"hour", "minute", "second", "milliseconds", "microseconds"})
_ISO = re.compile(r"p(?:([-\d.]+)y)?(?:([-\d.]+)m)?(?:([-\d.]+)w)?(?:([-\d.]+)d)?"
                  r"(?:t(?:([-\d.]+)h)?(?:([-\d.]+)m)?(?:([-\d.]+)s)?)?")


class _Parts:
    """struct pg_itm_in: the fields DecodeInterval accumulates."""

    def __init__(self) -> None:
        self.months = 0
        self.days = 0
        self.micros = 0
        self.fields: set[str] = set()

    def claim(self, fields: set[str] | frozenset[str]) -> None:
        if self.fields & fields:
            raise ValueError("a field appears twice")
        self.fields |= fields

    def fract_seconds(self, frac: float, scale: int) -> None:
        """AdjustFractSeconds: spill a fraction of `scale` seconds into the time."""
        self.micros += int(round(frac * scale * USECS_PER_SEC))

    def fract_days(self, frac: float, scale: int) -> None:
        """AdjustFractDays: spill a fraction of `scale` days into days and time."""
        frac *= scale
        extra = int(frac)
        self.days += extra
        self.fract_seconds(frac - extra, 86400)

    def add(self, value: float, unit: str) -> None:
        whole = int(value)
        frac = value - whole
        self.claim({unit} | ({"milliseconds", "microseconds"} if unit == "second" and frac else set()))
        if unit in ("year", "decade", "century", "millennium"):
            years = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}[unit]
            self.months += whole * 12 * years + int(round(frac * 12 * years))
        elif unit == "month":
            self.months += whole
            self.fract_days(frac, DAYS_PER_MONTH)
        elif unit == "week":
            self.days += whole * 7
            self.fract_days(frac, 7)
        elif unit == "day":
            self.days += whole
            self.fract_seconds(frac, 86400)
        else:
            scale = {"hour": 3600, "minute": 60, "second": 1}.get(unit)
            if scale is None:
                per_second = 1000 if unit == "milliseconds" else USECS_PER_SEC
                self.micros += int(round(value * USECS_PER_SEC / per_second))
            else:
                self.micros += whole * scale * USECS_PER_SEC
                self.fract_seconds(frac, scale)

    def add_time(self, text: str) -> None:
        self.claim(_TIME_FIELDS)
        negative = text.startswith("-")
        fields = text.lstrip("+-").split(":")
        whole, _, fraction = (fields[2] if len(fields) > 2 else "0").partition(".")
        if int(fields[1]) > 59 or int(whole) > 59:
            raise ValueError("field out of range")
        micros = ((int(fields[0]) * 60 + int(fields[1])) * 60 + int(whole)) * USECS_PER_SEC
        micros += int(round(float("0." + fraction) * USECS_PER_SEC)) if fraction else 0
        self.micros += -micros if negative else micros

    def add_year_month(self, text: str) -> None:
        """The SQL-standard 'Y-M' field."""
        self.claim({"year", "month"})
        years, months = text.lstrip("+-").split("-")
        total = int(years) * 12 + int(months)
        self.months += -total if text.startswith("-") else total

    def negated(self) -> "_Parts":
        self.months, self.days, self.micros = -self.months, -self.days, -self.micros
        return self


def _parse_iso(text: str) -> _Parts:
    m = _ISO.fullmatch(text)
    if m is None or not any(m.groups()):
        raise ValueError("bad ISO 8601 interval")
    parts = _Parts()
    units = ("year", "month", "week", "day", "hour", "minute", "second")
    for value, unit in zip(m.groups(), units):
        if value is not None:
            parts.add(float(value), unit)
    return parts


def _parse_postgres(text: str) -> _Parts:
    parts = _Parts()
    pos, pending, ago = 0, None, False
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ValueError("unexpected character")
        pos = m.end()
        if m.group("time"):
            if pending is not None:
                parts.add(float(pending), "day")
                pending = None
            parts.add_time(m.group("time"))
        elif m.group("yearmonth"):
            parts.add_year_month(m.group("yearmonth"))
        elif m.group("num"):
            if pending is not None:
                parts.add(float(pending), "second")
            pending = m.group("num")
        elif m.group("word"):
            word = m.group("word")
            if word == "ago" and pending is None and not ago:
                ago = True
                continue
            unit = unit_of(word)
            if unit is None or pending is None:
                raise ValueError("unknown unit")
            parts.add(float(pending), unit)
            pending = None
    if pending is not None:
        parts.add(float(pending), "second")
    if not parts.fields:
        raise ValueError("no fields")
    return parts.negated() if ago else parts


def interval_in(text: str) -> Interval:
    lowered = text.strip().lower()
    try:
        if not lowered or lowered.endswith(("+", "-")):
            raise ValueError("empty")
        parts = _parse_iso(lowered) if lowered.startswith("p") else _parse_postgres(lowered)
    except ValueError:
        raise conditions.datetime_syntax("interval", text) from None
    try:
        return Interval(parts.months, parts.days, parts.micros)
    except PgError:
        raise conditions.interval_field_overflow(text) from None


def _typmod_in(mods: list[int]) -> int:
    raise conditions.not_supported("interval field restrictions and precision (INTERVAL DAY, INTERVAL(3))")


INTERVAL = register(TypeKind(1186, "interval", "interval", "T", True, interval_in, interval_out,
                             None, None, _typmod_in))


# --- arithmetic ---------------------------------------------------------------

def add(a: Interval, b: Interval) -> Interval:
    return Interval(a.months + b.months, a.days + b.days, a.micros + b.micros)


def sub(a: Interval, b: Interval) -> Interval:
    return Interval(a.months - b.months, a.days - b.days, a.micros - b.micros)


def negate(a: Interval) -> Interval:
    return Interval(-a.months, -a.days, -a.micros)


def _tsround(x: float) -> float:
    return round(x * 1e6) / 1e6


def _scaled(iv: Interval, months: float, days: float, micros: float) -> Interval:
    """The cascade shared by interval_mul and interval_div (fields already scaled)."""
    if not all(math.isfinite(v) for v in (months, days, micros)):
        raise conditions.datetime_overflow("interval")
    whole_months, whole_days = int(months), int(days)
    month_remainder_days = _tsround((months - whole_months) * DAYS_PER_MONTH)
    sec_remainder = _tsround((days - whole_days + month_remainder_days - int(month_remainder_days)) * 86400)
    if abs(sec_remainder) >= 86400:
        whole_days += int(sec_remainder / 86400)
        sec_remainder -= int(sec_remainder / 86400) * 86400
    whole_days += int(month_remainder_days)
    return Interval(whole_months, whole_days, int(round(micros + sec_remainder * USECS_PER_SEC)))


def mul(iv: Interval, factor: float) -> Interval:
    return _scaled(iv, iv.months * factor, iv.days * factor, iv.micros * factor)


def mul_reversed(factor: float, iv: Interval) -> Interval:
    return mul(iv, factor)


def div(iv: Interval, factor: float) -> Interval:
    if factor == 0:
        raise conditions.division_by_zero()
    return _scaled(iv, iv.months / factor, iv.days / factor, iv.micros / factor)


def _agree(big: int, small: int, unit: int) -> tuple[int, int]:
    """Borrow one `unit` so that `small` does not have the opposite sign of `big`."""
    if big > 0 and small < 0:
        return big - 1, small + unit
    if big < 0 and small > 0:
        return big + 1, small - unit
    return big, small


def justify_hours(iv: Interval) -> Interval:
    whole_days, micros = _ctrunc(iv.micros, USECS_PER_DAY)
    days, micros = _agree(iv.days + whole_days, micros, USECS_PER_DAY)
    return Interval(iv.months, days, micros)


def justify_days(iv: Interval) -> Interval:
    whole_months, days = _ctrunc(iv.days, DAYS_PER_MONTH)
    months, days = _agree(iv.months + whole_months, days, DAYS_PER_MONTH)
    return Interval(months, days, iv.micros)


def justify_interval(iv: Interval) -> Interval:
    """interval_justify_interval: time into days, days into months, signs agreeing
    (the month borrow looks at the time when no days are left)."""
    whole_days, micros = _ctrunc(iv.micros, USECS_PER_DAY)
    whole_months, days = _ctrunc(iv.days + whole_days, DAYS_PER_MONTH)
    months = iv.months + whole_months
    rest = days or micros
    if (months > 0 and rest < 0) or (months < 0 and rest > 0):
        step = 1 if months > 0 else -1
        months, days = months - step, days + step * DAYS_PER_MONTH
    days, micros = _agree(days, micros, USECS_PER_DAY)
    return Interval(months, days, micros)
