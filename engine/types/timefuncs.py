"""Date/time functions: date_trunc, extract/date_part, age, make_* (timestamp.c, date.c).

Each function resolves its unit argument the way DecodeUnits does (the
same unit table as interval input, plus the reserved words epoch, dow,
doy, isodow, isoyear, julian) and fails like PostgreSQL: 22023 "unit "x"
not recognized for type T" for a word that is no unit, 0A000 "unit "x"
not supported for type T" for a real unit that makes no sense there
(extract(hour from date)).  The unit is a run-time value, so the lookup
happens per call, but it is one dict lookup.

extract returns numeric as PostgreSQL 14+ does: integer-valued fields with
scale 0, seconds with scale 6, milliseconds with scale 3, epoch with scale
6 for timestamps and intervals, 0 for dates; date_part returns the same
value as double precision.  age is timestamp_age's field-by-field
difference with borrowing, so age('2024-03-01', '2024-01-31') is '1 mon 1
day'.  The session time zone is UTC, so a timestamptz's fields are its
UTC wall clock.
"""
from __future__ import annotations

import calendar
import math
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Callable

from ..errors import PgError
from . import conditions, numeric
from .datetimes import JULIAN_OFFSET, UNIX_EPOCH, UTC, date_to_timestamp, micros_between, outside_years
from .interval import (USECS_PER_DAY, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC, Interval,
                       _ctrunc, unit_of)

_RESERVED = {"epoch": "epoch", "dow": "dow", "doy": "doy", "isodow": "isodow", "isoyear": "isoyear",
             "julian": "julian", "j": "julian", "timezone": "timezone", "timezone_h": "timezone_hour",
             "timezone_m": "timezone_minute", "qtr": "quarter", "quarter": "quarter",
             "mseconds": "milliseconds", "msecond": "milliseconds",
             "useconds": "microseconds", "usecond": "microseconds"}
_TYPE_NAMES = {"timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone",
               "date": "date", "interval": "interval"}


def _unit(text: str, type_key: str) -> str:
    word = text.lower()
    unit = _RESERVED.get(word[:10]) or unit_of(word)
    if unit is None:
        raise conditions.invalid_argument(f'unit "{word}" not recognized for type {_TYPE_NAMES[type_key]}')
    return unit


def _unsupported(text: str, type_key: str) -> PgError:
    return PgError("0A000", f'unit "{text.lower()}" not supported for type {_TYPE_NAMES[type_key]}')


# --- extract / date_part ---------------------------------------------------------

def _calendar_field(d: date, unit: str) -> int | None:
    """The fields that timestamps and dates share; None if `unit` is not one."""
    year = d.year
    iso = d.isocalendar()
    fields: dict[str, Callable[[], int]] = {
        "day": lambda: d.day, "month": lambda: d.month, "year": lambda: year,
        "quarter": lambda: (d.month - 1) // 3 + 1, "week": lambda: iso[1],
        "dow": lambda: d.isoweekday() % 7, "isodow": lambda: d.isoweekday(),
        "doy": lambda: d.timetuple().tm_yday, "isoyear": lambda: iso[0],
        "decade": lambda: year // 10, "century": lambda: (year + 99) // 100,
        "millennium": lambda: (year + 999) // 1000,
    }
    field = fields.get(unit)
    return None if field is None else field()


def _timestamp_extract(unit_text: str, t: datetime, type_key: str) -> Decimal:
    unit = _unit(unit_text, type_key)
    whole = _calendar_field(t.date(), unit)
    if whole is not None:
        return Decimal(whole)
    micro_of_minute = t.second * USECS_PER_SEC + t.microsecond
    simple = {"hour": t.hour, "minute": t.minute, "microseconds": micro_of_minute}
    if unit in simple:
        return Decimal(simple[unit])
    if unit in ("second", "milliseconds"):
        return Decimal(micro_of_minute).scaleb(-6 if unit == "second" else -3)
    if unit == "epoch":
        return Decimal(micros_between(t.replace(tzinfo=None), UNIX_EPOCH)).scaleb(-6)
    if unit == "julian":
        day_micros = ((t.hour * 60 + t.minute) * 60) * USECS_PER_SEC + micro_of_minute
        fraction = numeric.div(Decimal(day_micros), Decimal(USECS_PER_DAY))
        return numeric.add(Decimal(t.toordinal() + JULIAN_OFFSET), fraction)
    if type_key == "timestamptz" and unit in ("timezone", "timezone_hour", "timezone_minute"):
        return Decimal(0)
    raise _unsupported(unit_text, type_key)


def extract_timestamp(unit: str, t: datetime) -> Decimal:
    return _timestamp_extract(unit, t, "timestamp")


def extract_timestamptz(unit: str, t: datetime) -> Decimal:
    return _timestamp_extract(unit, t, "timestamptz")


def extract_date(unit_text: str, d: date) -> Decimal:
    unit = _unit(unit_text, "date")
    whole = _calendar_field(d, unit)
    if whole is not None:
        return Decimal(whole)
    if unit == "julian":
        return Decimal(d.toordinal() + JULIAN_OFFSET)
    if unit == "epoch":
        return Decimal((d - UNIX_EPOCH.date()).days * 86400)
    raise _unsupported(unit_text, "date")


def _interval_fields(iv: Interval) -> dict[str, int]:
    years, months = _ctrunc(iv.months, 12)
    hours, rest = _ctrunc(iv.micros, USECS_PER_HOUR)
    minutes, rest = _ctrunc(rest, USECS_PER_MINUTE)
    return {"year": years, "month": months, "day": iv.days, "hour": hours, "minute": minutes,
            "microseconds": rest, "quarter": _ctrunc(months, 3)[0] + 1,
            "decade": _ctrunc(years, 10)[0], "century": _ctrunc(years, 100)[0],
            "millennium": _ctrunc(years, 1000)[0]}


def extract_interval(unit_text: str, iv: Interval) -> Decimal:
    unit = _unit(unit_text, "interval")
    fields = _interval_fields(iv)
    if unit in fields:
        return Decimal(fields[unit])
    if unit in ("second", "milliseconds"):
        return Decimal(fields["microseconds"]).scaleb(-6 if unit == "second" else -3)
    if unit == "epoch":
        years, months = _ctrunc(iv.months, 12)
        seconds4 = (1461 * years + 120 * months + 4 * iv.days) * (86400 // 4)
        return Decimal(seconds4 * USECS_PER_SEC + iv.micros).scaleb(-6)
    raise _unsupported(unit_text, "interval")


def date_part(extract: Callable[[str, object], Decimal]) -> Callable[[str, object], float]:
    def date_part_float(unit: str, value: object) -> float:
        return float(extract(unit, value))
    return date_part_float


def date_part_date(unit: str, d: date) -> float:
    """date_part(text, date) is SQL: date_part($1, $2::timestamp)."""
    return float(extract_timestamp(unit, date_to_timestamp(d)))


# --- date_trunc ---------------------------------------------------------------------

def _trunc_fields(unit: str, t: datetime) -> datetime | None:
    year = t.year
    starts = {
        "millennium": lambda: t.replace(year=((year + 999) // 1000 - 1) * 1000 + 1, month=1, day=1),
        "century": lambda: t.replace(year=((year + 99) // 100 - 1) * 100 + 1, month=1, day=1),
        "decade": lambda: t.replace(year=year - year % 10, month=1, day=1),
        "year": lambda: t.replace(month=1, day=1),
        "quarter": lambda: t.replace(month=(t.month - 1) // 3 * 3 + 1, day=1),
        "month": lambda: t.replace(day=1),
        "week": lambda: t - timedelta(days=t.weekday()),
    }
    if unit in starts:
        return starts[unit]().replace(hour=0, minute=0, second=0, microsecond=0)
    cuts = {"day": dict(hour=0, minute=0, second=0, microsecond=0),
            "hour": dict(minute=0, second=0, microsecond=0),
            "minute": dict(second=0, microsecond=0), "second": dict(microsecond=0),
            "milliseconds": dict(microsecond=t.microsecond // 1000 * 1000), "microseconds": {}}
    return t.replace(**cuts[unit]) if unit in cuts else None


def _trunc(type_key: str) -> Callable[[str, datetime], datetime]:
    def date_trunc(unit_text: str, t: datetime) -> datetime:
        unit = _unit(unit_text, type_key)
        truncated = _trunc_fields(unit, t)
        if truncated is None:
            raise _unsupported(unit_text, type_key)
        return truncated
    return date_trunc


trunc_timestamp = _trunc("timestamp")
trunc_timestamptz = _trunc("timestamptz")
_INTERVAL_TRUNC_STEPS = ("millennium", "century", "decade", "year", "quarter", "month", "day",
                         "hour", "minute", "second")


def trunc_interval(unit_text: str, iv: Interval) -> Interval:
    """interval_trunc: zero every field below the unit (its switch falls through)."""
    unit = _unit(unit_text, "interval")
    if unit == "week":
        raise PgError("0A000", f'unit "{unit_text.lower()}" not supported for type interval',
                      detail="Months usually have fractional weeks.")
    f = _interval_fields(iv)
    sec, fsec = _ctrunc(f["microseconds"], USECS_PER_SEC)
    if unit in _INTERVAL_TRUNC_STEPS:
        for step in _INTERVAL_TRUNC_STEPS[_INTERVAL_TRUNC_STEPS.index(unit):]:
            if step in ("millennium", "century", "decade"):
                size = {"millennium": 1000, "century": 100, "decade": 10}[step]
                f["year"] = _ctrunc(f["year"], size)[0] * size
            elif step == "quarter":
                f["month"] = 3 * _ctrunc(f["month"], 3)[0]
            elif step == "minute":
                sec = 0
            elif step == "second":
                fsec = 0
            else:
                f[{"year": "month", "month": "day", "day": "hour", "hour": "minute"}[step]] = 0
    elif unit == "milliseconds":
        fsec = _ctrunc(fsec, 1000)[0] * 1000
    elif unit != "microseconds":
        raise _unsupported(unit_text, "interval")
    return Interval(f["year"] * 12 + f["month"], f["day"], f["hour"] * USECS_PER_HOUR
                    + f["minute"] * USECS_PER_MINUTE + sec * USECS_PER_SEC + fsec)


# --- age ---------------------------------------------------------------------------

def age(a: datetime, b: datetime) -> Interval:
    """timestamp_age: the symbolic difference, borrowing from larger fields."""
    forward = a >= b
    hi, lo = (a, b) if forward else (b, a)
    micro = hi.microsecond - lo.microsecond
    sec, minute, hour = hi.second - lo.second, hi.minute - lo.minute, hi.hour - lo.hour
    day, month, year = hi.day - lo.day, hi.month - lo.month, hi.year - lo.year
    if micro < 0:
        micro, sec = micro + USECS_PER_SEC, sec - 1
    if sec < 0:
        sec, minute = sec + 60, minute - 1
    if minute < 0:
        minute, hour = minute + 60, hour - 1
    if hour < 0:
        hour, day = hour + 24, day - 1
    while day < 0:            # borrow the length of the earlier timestamp's month
        day += calendar.monthrange(lo.year, lo.month)[1]
        month -= 1
    if month < 0:
        month, year = month + 12, year - 1
    sign = 1 if forward else -1
    micros = ((hour * 60 + minute) * 60 + sec) * USECS_PER_SEC + micro
    return Interval(sign * (year * 12 + month), sign * day, sign * micros)


# --- constructors ---------------------------------------------------------------------

def make_date(year: int, month: int, day: int) -> date:
    if year < 0:
        raise outside_years()
    try:
        if year == 0:
            raise ValueError
        return date(year, month, day)
    except (ValueError, OverflowError):
        raise PgError("22008", f"date field value out of range: {year}-{month:02d}-{day:02d}") from None


def make_timestamp(year: int, month: int, day: int, hour: int, minute: int, sec: float) -> datetime:
    d = make_date(year, month, day)
    if not (0 <= hour <= 24 and 0 <= minute <= 59 and 0 <= sec <= 60) or (
            hour == 24 and (minute or sec)):
        raise PgError("22008", f"time field value out of range: {hour}:{minute:02d}:{sec:02g}")
    micros = int(round(sec * USECS_PER_SEC))
    return date_to_timestamp(d) + timedelta(hours=hour, minutes=minute, microseconds=micros)


def make_timestamptz(year: int, month: int, day: int, hour: int, minute: int, sec: float) -> datetime:
    return make_timestamp(year, month, day, hour, minute, sec).replace(tzinfo=UTC)


def make_interval(years: int = 0, months: int = 0, weeks: int = 0, days: int = 0,
                  hours: int = 0, mins: int = 0, secs: float = 0.0) -> Interval:
    if not math.isfinite(secs):
        raise conditions.datetime_overflow("interval")
    micros = (hours * 3600 + mins * 60) * USECS_PER_SEC + int(round(secs * USECS_PER_SEC))
    return Interval(years * 12 + months, weeks * 7 + days, micros)


def to_timestamp(seconds: float) -> datetime:
    if seconds != seconds:
        raise PgError("22008", "timestamp cannot be NaN")
    if math.isinf(seconds):
        raise conditions.not_supported("infinite dates and timestamps")
    try:
        return (UNIX_EPOCH + timedelta(microseconds=round(seconds * USECS_PER_SEC))).replace(tzinfo=UTC)
    except OverflowError:
        raise outside_years() from None

