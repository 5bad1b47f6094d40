"""date, timestamp, timestamp with time zone (date.c, timestamp.c, datetime.c).

Values: datetime.date; a naive datetime.datetime for timestamp; a datetime
aware in UTC for timestamptz.  The session TimeZone is UTC (TxLab has no
SET TimeZone), so a timestamptz prints with '+00' and the wall clock of a
timestamp and a timestamptz coincide; casts between them only attach or
drop the tzinfo.  Python's range (years 1-9999, microseconds) is narrower
than PostgreSQL's (4713 BC to 294276 AD); values outside it, BC dates and
'infinity' are reported as unsupported features (0A000).

Input is a subset of DecodeDateTime with DateStyle 'ISO, MDY':
ISO 8601 ('2024-01-05', '2024-01-05 10:00:00.5', 'T' separator), Y/M/D,
M/D/Y, YYYYMMDD, month names ('January 8, 1999', '8 Jan 1999'), AM/PM,
and zone suffixes Z/UTC/GMT/+hh[:mm].  Errors are classified as
datetime.c classifies them: unreadable text is 22007 "invalid input
syntax", a field out of range is 22008 "date/time field value out of
range" (with the DateStyle hint when the month is out of range).  Inputs
that depend on the transaction clock ('now', 'today', ...) are the
engine's business and are reported as unsupported here.

Arithmetic is timestamp.c's: + interval adds months (clamping the day to
the month's end), then days, then microseconds; timestamp - timestamp is
an interval whose microseconds are justified into days; fractional
seconds round to a typmod's precision half away from zero around the
PostgreSQL epoch 2000-01-01, as AdjustTimestampForTypmod does.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable

from ..errors import PgError
from . import conditions
from .interval import Interval, justify_hours
from .sqltype import TypeKind, register

UTC = timezone.utc
PG_EPOCH = datetime(2000, 1, 1)
UNIX_EPOCH = datetime(1970, 1, 1)
JULIAN_OFFSET = 1721425          # Julian day number of 0001-01-01, minus one
DATESTYLE_HINT = 'Perhaps you need a different "datestyle" setting.'

_MONTHS = {name: i + 1 for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december")))
    for name in names}
_WEEKDAYS = {"sun", "sunday", "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday",
             "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday"}
_UTC_WORDS = {"z", "zulu", "utc", "gmt", "ut"}
_CLOCK_WORDS = {"now", "today", "tomorrow", "yesterday", "allballs"}
_TOKEN = re.compile(
    r"(?P<date>\d+[-/.][a-z\d]+[-/.]\d+|[a-z]+-\d+-\d+)"
    r"|(?P<time>\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d*)?)?)"
    r"|(?P<zone>[+-]\d{1,2}(?::?\d{2}){0,2})"
    r"|(?P<num>\d+(?:\.\d+)?)|(?P<julian>j\d+)"
    r"|(?P<word>[a-z]+(?:\.[a-z]+\.)?)"
    r"|(?P<sep>[\s,]+)")


class _Syntax(Exception):
    """The text is not a date/time at all (22007)."""


class _Range(Exception):
    """A field is out of range (22008); `hint` is the DateStyle hint or None."""

    def __init__(self, hint: str | None = None) -> None:
        super().__init__(hint)
        self.hint = hint


class _Fields:
    """What DecodeDateTime collects before building the value."""

    def __init__(self) -> None:
        self.year: int | None = None
        self.month: int | None = None
        self.day: int | None = None
        self.time: tuple[int, int, int, int] | None = None
        self.meridiem: str | None = None
        self.offset: int | None = None          # seconds east of UTC
        self.numbers: list[str] = []
        self.clock_word: str | None = None      # 'now', 'today', ...: needs the transaction clock
        self.numbers_before_month = 0

    def set_date(self, year: str, month: int | str, day: str) -> None:
        if self.year is not None:
            raise _Syntax()
        self.year = _year(year)
        self.month = month if isinstance(month, int) else int(month)
        self.day = int(day)

    def set_julian(self, day: int) -> None:
        if self.year is not None or not JULIAN_OFFSET < day <= date.max.toordinal() + JULIAN_OFFSET:
            raise _Syntax()
        d = date.fromordinal(day - JULIAN_OFFSET)
        self.year, self.month, self.day = d.year, d.month, d.day

    def add_date_token(self, token: str) -> None:
        if self.time is not None:
            raise _Syntax()
        parts = re.split(r"[-/.]", token)
        words = [p for p in parts if p.isalpha()]
        if words:
            if len(words) > 1 or words[0] not in _MONTHS:
                raise _Syntax()
            month = _MONTHS[words[0]]
            numbers = [p for p in parts if not p.isalpha()]
            year_first = len(parts[0]) > 2 and not parts[0].isalpha()
            self.set_date(numbers[0] if year_first else numbers[1], month,
                          numbers[1] if year_first else numbers[0])
        elif len(parts[0]) > 2:
            self.set_date(parts[0], parts[1], parts[2])
        else:
            self.set_date(parts[2], parts[0], parts[1])

    def add_time(self, token: str) -> None:
        if self.time is not None:
            raise _Syntax()
        fields = token.split(":")
        whole, _, fraction = (fields[2] if len(fields) > 2 else "0").partition(".")
        self.time = (int(fields[0]), int(fields[1]), int(whole), fraction_micros(fraction))

    def add_zone(self, token: str) -> None:
        if self.offset is not None or self.time is None:
            raise _Syntax()
        digits = token[1:].replace(":", "")
        if len(digits) <= 2:
            digits = digits.rjust(2, "0") + "00"
        elif len(digits) == 3:
            digits = "0" + digits
        hours, minutes, seconds = int(digits[:2]), int(digits[2:4]), int(digits[4:6] or 0)
        if hours > 15 or minutes > 59 or seconds > 59:
            raise _Range()
        offset = hours * 3600 + minutes * 60 + seconds
        self.offset = -offset if token[0] == "-" else offset

    def add_word(self, word: str) -> None:
        if word in _MONTHS and self.month is None:
            self.month = _MONTHS[word]
            self.numbers_before_month = len(self.numbers)
        elif word in _WEEKDAYS or word == "ad":
            pass
        elif word in ("am", "pm", "a.m.", "p.m.") and self.meridiem is None:
            self.meridiem = word[0]
        elif word in _UTC_WORDS and self.offset is None:
            self.offset = 0
        elif word in ("bc", "b.c."):
            raise conditions.not_supported("BC dates")
        elif word in _CLOCK_WORDS and self.clock_word is None:
            self.clock_word = word
        else:
            raise _Syntax()

    def resolve_numbers(self) -> None:
        """Place the bare numbers: YYYYMMDD, or day and year around a month name."""
        numbers = self.numbers
        if not numbers:
            return
        if self.year is None and self.month is None and len(numbers) == 1 and len(numbers[0]) in (6, 8):
            n = numbers[0]
            self.set_date(n[:-4], n[-4:-2], n[-2:])
        elif self.year is None and self.month is not None and len(numbers) == 2:
            before_month = self.numbers_before_month > 0
            first_is_year = len(numbers[0]) > 2 or (not before_month and int(numbers[0]) > 31)
            year, day = (numbers[0], numbers[1]) if first_is_year else (numbers[1], numbers[0])
            if before_month and not first_is_year and not 1 <= int(day) <= 31:
                raise _Syntax()       # '0 Jan 2024': a day that cannot be one is no date
            self.year, self.day = _year(year), int(day)
        else:
            raise _Syntax()


def fraction_micros(digits: str) -> int:
    """ParseFractionalSecond: rint(strtod(".digits") * 1e6), half to even."""
    return int(round(float("0." + digits) * 1e6)) if digits else 0


def _year(text: str) -> int:
    """A year of one or two digits is 1970-2069, as DecodeDate's is2digits rule says."""
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year < 70 else 1900
    return year


# ISO 8601's 'T' between date and time: only after an all-numeric date, for
# ParseDateTime reads '2024-Jan-05T10' as one text field.
_ISO_T = re.compile(r"(?<![a-z\d\-/.])([\d\-/.]*\d)t(?=\d)")


def _tokenize(text: str) -> _Fields:
    lowered = _ISO_T.sub(r"\1 ", text.strip().lower())
    fields = _Fields()
    pos = 0
    while pos < len(lowered):
        m = _TOKEN.match(lowered, pos)
        if m is None:
            raise _Syntax()
        pos = m.end()
        kind, token = m.lastgroup, m.group()
        if kind == "date":
            fields.add_date_token(token)
        elif kind == "time":
            fields.add_time(token)
        elif kind == "zone":
            fields.add_zone(token)
        elif kind == "num":
            fields.numbers.append(token)
        elif kind == "julian":
            fields.set_julian(int(token[1:]))
        elif kind == "word":
            fields.add_word(token)
    fields.resolve_numbers()
    return fields


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _build_date(f: _Fields) -> date:
    if f.year is None or f.month is None or f.day is None:
        raise _Syntax()
    if not 1 <= f.month <= 12 or not 1 <= f.day <= 31:
        raise _Range(DATESTYLE_HINT)
    if f.year < 1:
        raise _Range()
    if f.year > 9999:
        raise outside_years()
    if not 1 <= f.day <= _days_in_month(f.year, f.month):
        raise _Range()
    return date(f.year, f.month, f.day)


def _build_time(f: _Fields) -> timedelta:
    hour, minute, second, micro = f.time or (0, 0, 0, 0)
    if f.meridiem is not None:            # 0..12 with AM/PM; 12 AM is midnight
        if hour > 12:
            raise _Range()
        hour = hour % 12 + (12 if f.meridiem == "p" else 0)
    if minute > 59 or second > 60 or hour > 24 or (hour == 24 and (minute or second or micro)):
        raise _Range()
    return timedelta(hours=hour, minutes=minute, seconds=second, microseconds=micro)


def _decode(text: str, type_name: str) -> tuple[datetime, int | None]:
    """Parse date/time text: (local wall-clock datetime, UTC offset or None)."""
    word = text.strip().lower()
    if word == "epoch":
        return UNIX_EPOCH, 0
    if word in ("infinity", "+infinity", "-infinity"):
        raise conditions.not_supported("infinite dates and timestamps")
    try:
        fields = _tokenize(text)
        if fields.clock_word:
            raise conditions.not_supported(f'date/time input "{fields.clock_word}" (it needs the transaction clock)')
        moment = datetime.combine(_build_date(fields), time()) + _build_time(fields)
    except _Syntax:
        raise conditions.datetime_syntax(type_name, text) from None
    except _Range as e:
        raise conditions.datetime_field_overflow(text, e.hint) from None
    except (ValueError, OverflowError):
        raise conditions.datetime_field_overflow(text) from None
    return moment, fields.offset


def date_in(text: str) -> date:
    return _decode(text, "date")[0].date()


def timestamp_in(text: str) -> datetime:
    return _decode(text, "timestamp")[0]


def timestamptz_in(text: str) -> datetime:
    moment, offset = _decode(text, "timestamp with time zone")
    try:
        return (moment - timedelta(seconds=offset or 0)).replace(tzinfo=UTC)
    except OverflowError:
        raise outside_years() from None


def date_out(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def timestamp_out(t: datetime) -> str:
    frac = f".{t.microsecond:06d}".rstrip("0") if t.microsecond else ""
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}{frac}"


def timestamptz_out(t: datetime) -> str:
    return timestamp_out(t) + "+00"


# --- typmod: timestamp(p) -----------------------------------------------------

def _typmod_in(type_name: str) -> Callable[[list[int]], int]:
    def typmod_in(mods: list[int]) -> int:
        if len(mods) != 1:
            raise conditions.invalid_argument("invalid type modifier")
        if mods[0] < 0:
            raise conditions.invalid_argument(f"TIMESTAMP({mods[0]}){type_name} precision must not be negative")
        return min(mods[0], 6)
    return typmod_in


def _round_micros(t: datetime, precision: int) -> datetime:
    """AdjustTimestampForTypmod: round half away from zero around 2000-01-01."""
    scale = 10 ** (6 - precision)
    naive = t.replace(tzinfo=None)
    delta = naive - PG_EPOCH
    micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    rounded = (abs(micros) + scale // 2) // scale * scale
    moved = PG_EPOCH + timedelta(microseconds=rounded if micros >= 0 else -rounded)
    return moved.replace(tzinfo=t.tzinfo)


def _coercer(typmod: int, explicit: bool) -> Callable[[datetime], datetime]:
    def timestamp_typmod(t: datetime) -> datetime:
        return _round_micros(t, typmod)
    return timestamp_typmod


DATE = register(TypeKind(1082, "date", "date", "D", False, date_in, date_out))
TIMESTAMP = register(TypeKind(
    1114, "timestamp", "timestamp without time zone", "D", False, timestamp_in, timestamp_out,
    None, None, _typmod_in(""), lambda p: f"timestamp({p}) without time zone", _coercer))
TIMESTAMPTZ = register(TypeKind(
    1184, "timestamptz", "timestamp with time zone", "D", True, timestamptz_in, timestamptz_out,
    None, None, _typmod_in(" WITH TIME ZONE"), lambda p: f"timestamp({p}) with time zone", _coercer))


# --- conversions --------------------------------------------------------------

def date_to_timestamp(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def date_to_timestamptz(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def timestamp_to_date(t: datetime) -> date:
    return t.date()


def timestamp_to_timestamptz(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC)


def timestamptz_to_timestamp(t: datetime) -> datetime:
    return t.replace(tzinfo=None)


# --- arithmetic ---------------------------------------------------------------

def outside_years() -> PgError:
    return conditions.not_supported("dates and timestamps outside the years 1 to 9999")


def _guard(fn: Callable[..., datetime | date]) -> Callable[..., datetime | date]:
    """Python's OverflowError at the year 1/9999 edge: PostgreSQL would go on."""
    def guarded(*args):
        try:
            return fn(*args)
        except (OverflowError, ValueError):
            raise outside_years() from None
    return guarded


def _plus_interval(t: datetime, iv: Interval) -> datetime:
    if iv.months:
        months = t.year * 12 + t.month - 1 + iv.months
        year, month = divmod(months, 12)
        month += 1
        t = t.replace(year=year, month=month, day=min(t.day, _days_in_month(year, month)))
    return t + timedelta(days=iv.days, microseconds=iv.micros)


def _minus_interval(t: datetime, iv: Interval) -> datetime:
    return _plus_interval(t, Interval(-iv.months, -iv.days, -iv.micros))


timestamp_pl_interval = _guard(_plus_interval)       # also timestamptz: the zone is UTC
timestamp_mi_interval = _guard(_minus_interval)


def interval_pl_timestamp(iv: Interval, t: datetime) -> datetime:
    return timestamp_pl_interval(t, iv)


def date_pl_interval(d: date, iv: Interval) -> datetime:
    return timestamp_pl_interval(date_to_timestamp(d), iv)


def interval_pl_date(iv: Interval, d: date) -> datetime:
    return date_pl_interval(d, iv)


def date_mi_interval(d: date, iv: Interval) -> datetime:
    return timestamp_mi_interval(date_to_timestamp(d), iv)


def _date_plus_days(d: date, days: int) -> date:
    return d + timedelta(days=days)


date_pli = _guard(_date_plus_days)


def integer_pl_date(days: int, d: date) -> date:
    return date_pli(d, days)


def date_mii(d: date, days: int) -> date:
    return date_pli(d, -days)


def date_mi(a: date, b: date) -> int:
    return (a - b).days


def micros_between(a: datetime, b: datetime) -> int:
    delta = a - b
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def timestamp_mi(a: datetime, b: datetime) -> Interval:
    return justify_hours(Interval(0, 0, micros_between(a, b)))


# --- cross-type comparison: compare on the wider type -------------------------

def widen_date(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def comparing(op: Callable[[object, object], bool], left: Callable | None,
              right: Callable | None) -> Callable[[object, object], bool]:
    """op applied after promoting either side (date -> timestamp -> timestamptz)."""
    if left and right:
        return lambda a, b: op(left(a), right(b))
    if left:
        return lambda a, b: op(left(a), b)
    return lambda a, b: op(a, right(b))

