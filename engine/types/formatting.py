"""to_char: PostgreSQL's formatting.c templates for numbers and date/times.

Numbers (NUM templates).  The number is first rendered as formatting.c
renders it: rounded to the template's fraction digits (numeric_round,
"%.*f" for floats, zeros appended for integers) and split into its sign and
digit string; a digit string with more integer digits than the template
allows becomes '#'s.  Then a small processor walks the template as
NUM_processor does: every digit position (9, 0, '.', D) either writes a
padding blank (suppressed by FM), a forced zero (from the first '0' on),
or the next character of the digit string; the sign goes just before the
first written digit unless S, MI, PL, SG or PR anchor it elsewhere;
',' and G print only once a digit has been written; FM also drops the
fraction's trailing zeros (but never those a '0' asks for).  EEEE, RN, L
and TH are supported; B, C, SP and V raise 0A000.

Date/times (DCH templates).  The template is scanned for the longest
keyword at each position (case matters where PostgreSQL's keyword table
distinguishes MONTH/Month/month), with the FM (no padding) and TM
prefixes and the TH/th ordinal suffix; double-quoted text and unknown
characters are copied.  Names are the C locale's English names.  The
session time zone is UTC, so TZ prints UTC (and nothing for a timestamp
without time zone) and OF +00.  For intervals the calendar-name patterns are
rejected as PostgreSQL rejects them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Callable

from ..errors import PgError
from . import conditions, numeric
from .datetimes import JULIAN_OFFSET
from .interval import USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC, Interval, _ctrunc

# --- numbers ------------------------------------------------------------------------

_NUM_KEYWORDS = sorted(
    [",", ".", "0", "9", "B", "C", "D", "EEEE", "FM", "G", "L", "MI", "PL", "PR", "RN", "SG", "SP",
     "S", "TH", "V", "b", "c", "d", "eeee", "fm", "g", "l", "mi", "pl", "pr", "rn", "sg", "sp",
     "s", "th", "v"], key=len, reverse=True)


def _num_tokens(template: str) -> list[str]:
    """Split a NUM template into keywords (upper-cased) and literal characters
    ("\0" + the character; a double-quoted string is literal throughout)."""
    tokens, pos = [], 0
    while pos < len(template):
        if template[pos] == '"':
            text, pos = _quoted(template, pos)
            tokens.extend("\0" + ch for ch in text)
            continue
        for kw in _NUM_KEYWORDS:
            if template.startswith(kw, pos):
                tokens.append(kw.upper() if kw not in ("th", "rn") else kw)
                pos += len(kw)
                break
        else:
            tokens.append("\0" + template[pos])
            pos += 1
    return tokens


def _quoted(template: str, pos: int) -> tuple[str, int]:
    """The text of the double-quoted literal at pos (backslash escapes the next
    character) and the position after its closing quote."""
    out, end, n = [], pos + 1, len(template)
    while end < n and template[end] != '"':
        if template[end] == "\\" and end + 1 < n:
            end += 1
        out.append(template[end])
        end += 1
    return "".join(out), end + 1


def _num_error(message: str) -> PgError:
    return PgError("42601", message)


@dataclass
class NumTemplate:
    """NUMDesc: what the template asks for."""

    tokens: list[str]
    pre: int = 0
    post: int = 0
    decimal: bool = False
    zero_start: int = -1       # 0-based index of the first '0' digit position
    zero_end: int = 0
    fill: bool = False
    lsign: str = ""            # "pre" / "post" position of S
    lsign_pre: int = 0
    minus: bool = False
    plus: bool = False
    bracket: bool = False
    roman: bool = False
    eeee: bool = False

    @classmethod
    def parse(cls, template: str) -> "NumTemplate":
        t = cls(_num_tokens(template))
        for tok in t.tokens:
            t._prepare(tok)
        return t

    def _prepare(self, tok: str) -> None:
        if tok in ("9", "0"):
            if self.bracket:
                raise _num_error(f'"{tok}" must be ahead of "PR"')
            if tok == "0" and self.zero_start < 0 and not self.decimal:
                self.zero_start = self.pre
            if self.decimal:
                self.post += 1
            else:
                self.pre += 1
            if tok == "0":
                self.zero_end = self.pre + self.post
        elif tok in (".", "D"):
            if self.decimal:
                raise _num_error("multiple decimal points")
            self.decimal = True
        elif tok == "FM":
            self.fill = True
        elif tok == "S":
            if self.lsign:
                raise _num_error('cannot use "S" twice')
            if self.plus or self.minus or self.bracket:
                raise _num_error('cannot use "S" and "PL"/"MI"/"SG"/"PR" together')
            self.lsign, self.lsign_pre = ("pre", self.pre) if not self.decimal else ("post", 0)
        elif tok in ("MI", "PL", "SG"):
            if self.lsign:
                raise _num_error(f'cannot use "S" and "{tok}" together')
            self.minus |= tok in ("MI", "SG")
            self.plus |= tok in ("PL", "SG")
        elif tok == "PR":
            if self.lsign or self.plus or self.minus:
                raise _num_error('cannot use "PR" and "S"/"PL"/"MI"/"SG" together')
            self.bracket = True
        elif tok in ("RN", "rn"):
            self.roman = True
        elif tok == "EEEE":
            self.eeee = True
        elif tok in ("B", "C", "SP", "V"):
            raise conditions.not_supported(f'the "{tok}" number format pattern')


def _roman(value: int) -> str:
    if not 1 <= value <= 3999:
        return "#" * 15
    out = []
    for amount, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _ordinal(digits: str) -> str:
    last = digits.rstrip(".")[-2:]
    if len(last) == 2 and last[0] == "1":
        return "th"
    return {"1": "st", "2": "nd", "3": "rd"}.get(last[-1:], "th")


class _NumWriter:
    """NUM_processor for to_char: one pass over the template."""

    def __init__(self, t: NumTemplate, digits: str, sign: str, pre_spaces: int) -> None:
        self.t, self.digits, self.sign, self.pre_spaces = t, digits, sign, pre_spaces
        self.pos = 0                 # next character of `digits`
        self.cur = 0                 # digit positions done
        self.num_in = False
        self.exhausted = False
        self.out: list[str] = []
        self.last_relevant = self._last_relevant() if t.fill and t.decimal else None
        if t.plus or t.minus:
            self.sign_wrote = not (t.plus and not t.minus)
        else:
            if sign != "-" and t.fill:
                t.bracket = False
            self.sign_wrote = sign == "+" and t.fill and not t.lsign
            if t.lsign == "pre" and t.pre == t.lsign_pre:
                t.lsign = "post"
        self.count = t.post + t.pre - 1 + (1 if not self.sign_wrote and pre_spaces == 0 else 0)

    def _last_relevant(self) -> int | None:
        point = self.digits.find(".")
        if point < 0:
            return None
        last = point
        for i in range(point + 1, len(self.digits)):
            if self.digits[i] != "0":
                last = i
        if self.t.zero_end > self.pre_spaces:
            last = max(last, min(len(self.digits) - 1, self.t.zero_end - self.pre_spaces))
        return last

    def _predec_space(self) -> bool:
        return (self.t.zero_start < 0 and self.pos == 0 and self.digits[:1] == "0"
                and self.t.post != 0)

    def _relevant_is_point(self) -> bool:
        return self.last_relevant is not None and self.digits[self.last_relevant] == "."

    def _write_sign(self) -> None:
        t = self.t
        if t.lsign:
            if t.lsign == "pre":
                self.out.append("-" if self.sign == "-" else "+")
                self.sign_wrote = True
            return
        if t.bracket:
            self.out.append(" " if self.sign == "+" else "<")
        elif self.sign == "-":
            self.out.append("-")
        elif not t.fill:
            self.out.append(" ")
        self.sign_wrote = True

    def digit(self, tok: str) -> None:
        t = self.t
        if (not self.sign_wrote
                and (self.cur >= self.pre_spaces or (t.zero_start >= 0 and t.zero_start == self.cur))
                and (not self._predec_space() or self._relevant_is_point())):
            self._write_sign()
        if self.cur < self.pre_spaces and (t.zero_start > self.cur or t.zero_start < 0):
            if not t.fill:
                self.out.append(" ")
        elif t.zero_start >= 0 and self.cur < self.pre_spaces and t.zero_start <= self.cur:
            self.out.append("0")
            self.num_in = True
        else:
            self._write_digit(tok)
            if self.exhausted:
                return
        self._maybe_close()
        self.cur += 1

    def _write_digit(self, tok: str) -> None:
        if self.pos >= len(self.digits):
            self.exhausted = True       # formatting.c writes the string's NUL here: the output ends
            return
        ch = self.digits[self.pos]
        if ch == ".":
            if not self._relevant_is_point() or self.t.fill:
                self.out.append(".")
        elif self.last_relevant is not None and self.pos > self.last_relevant and tok != "0":
            pass
        elif self._predec_space():
            if not self.t.fill:
                self.out.append(" ")
            elif self._relevant_is_point():
                self.out.append("0")
        else:
            self.out.append(ch)
            self.num_in = True
        self.pos += 1

    def _maybe_close(self) -> None:
        end = self.count + (1 if self.pre_spaces else 0) + (1 if self.t.decimal else 0)
        if self.last_relevant is not None and self.last_relevant == self.pos:
            end = self.cur
        if self.cur + 1 == end:
            if self.sign_wrote and self.t.bracket:
                self.out.append(" " if self.sign == "+" else ">")
            elif self.t.lsign == "post":
                self.out.append("-" if self.sign == "-" else "+")

    def render(self) -> str:
        for tok in self.t.tokens:
            if self.exhausted:
                break
            if tok in ("9", "0", ".", "D"):
                if not self.t.roman:
                    self.digit(tok)
            elif tok in (",", "G"):
                if self.num_in:
                    self.out.append(",")
                elif not self.t.fill:
                    self.out.append(" ")
            elif tok in ("MI", "PL"):
                wanted = "-" if tok == "MI" else "+"
                if self.sign == wanted:
                    self.out.append(wanted)
                elif not self.t.fill:
                    self.out.append(" ")
            elif tok == "SG":
                self.out.append(self.sign)
            elif tok == "L":
                self.out.append(" ")
            elif tok in ("TH", "th"):
                if not (self.digits.startswith("#") or self.sign == "-" or self.t.decimal):
                    if not self.digits[-1:].isdigit():
                        raise PgError("22P02", f'"{self.digits}" is not a number')
                    suffix = _ordinal(self.digits)
                    self.out.append(suffix.upper() if tok == "TH" else suffix)
            elif tok in ("RN", "rn"):
                text = self.digits if self.t.fill else self.digits.rjust(15)
                self.out.append(text if tok == "RN" else text.lower())
            elif tok.startswith("\0"):
                self.out.append(tok[1:])
        return "".join(self.out)


def _num_to_char(t: NumTemplate, digits: str, sign: str) -> str:
    """Pad or overflow the digit string against the template, then write it."""
    point = digits.find(".")
    pre_len = point if point >= 0 else len(digits)
    pre_spaces = 0
    if pre_len < t.pre:
        pre_spaces = t.pre - pre_len
    elif pre_len > t.pre:
        digits = "#" * t.pre + "." + "#" * t.post
    return _NumWriter(t, digits, sign, pre_spaces).render()


def _sci(value: Decimal, post: int) -> str:
    """numeric_out_sci: d.ddde+NN with `post` fraction digits."""
    if not value:
        return f"{0:.{post}e}"
    text = f"{value:.{post}e}".replace("E", "e")
    mantissa, exponent = text.split("e")
    return f"{mantissa}e{'-' if int(exponent) < 0 else '+'}{abs(int(exponent)):02d}"


def _eeee(t: NumTemplate, text: str) -> str:
    if text in ("NaN", "Infinity", "-Infinity"):     # sign, point, "e", exponent sign and two digits
        return " " + "#" * t.pre + "." + "#" * (t.post + 4)
    return text if text.startswith("-") else " " + text


def numeric_to_char(value: Decimal, template: str) -> str:
    t = NumTemplate.parse(template)
    if t.roman:
        return _NumWriter(_roman_template(t), _roman(int(numeric.numeric_round(value))) if value.is_finite()
                          else "#" * 15, "+", 0).render()
    if t.eeee:
        text = numeric.numeric_out(value) if not value.is_finite() else _sci(value, t.post)
        return _eeee(t, text)
    text = numeric.numeric_out(numeric.numeric_round(value, t.post))
    sign = "-" if text.startswith("-") else "+"
    return _num_to_char(t, text.lstrip("-"), sign)


def _roman_template(t: NumTemplate) -> NumTemplate:
    """Roman numerals ignore every other part of the template but FM."""
    return NumTemplate(t.tokens, fill=t.fill, roman=True)


def int_to_char(value: int, template: str) -> str:
    t = NumTemplate.parse(template)
    if t.roman or t.eeee:
        return numeric_to_char(Decimal(value), template)
    digits = str(abs(value)) + ("." + "0" * t.post if t.post else "")
    return _num_to_char(t, digits, "-" if value < 0 else "+")


def float_to_char(max_digits: int) -> Callable[[float, str], str]:
    """float4/float8 to_char: printf rounding limited to FLT_DIG/DBL_DIG digits."""
    def to_char_float(value: float, template: str) -> str:
        t = NumTemplate.parse(template)
        if value != value or value in (float("inf"), float("-inf")):
            if t.eeee:
                return _eeee(t, "NaN")
            if value != value:
                return _num_to_char(t, "NaN", "+")
            return _num_to_char(t, "#" * t.pre + "." + "#" * t.post, "-" if value < 0 else "+")
        if t.roman:
            return numeric_to_char(Decimal(round(value)), template)
        if t.eeee:
            text = f"{value:.{t.post}e}"
            mantissa, exponent = text.split("e")
            return _eeee(t, f"{mantissa}e{exponent[0]}{abs(int(exponent)):02d}")
        pre_len = len(f"{abs(value):.0f}")
        t.post = 0 if pre_len >= max_digits else min(t.post, max_digits - pre_len)
        text = f"{value:.{t.post}f}"
        sign = "-" if text.startswith("-") else "+"
        return _num_to_char(t, text.lstrip("-"), sign)
    return to_char_float


# --- date/times ---------------------------------------------------------------------

_SIGNED_WIDTH = {"HH", "HH12", "HH24", "MI", "SS", "MM", "YYYY"}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Keywords in matching order (longest first within a shared prefix).
_DCH_WORDS = [
    "A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY", "DDD", "DD", "DY", "Day", "Dy", "D",
    "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "FX", "HH24", "HH12", "HH", "IDDD", "ID", "IW",
    "IYYY", "IYY", "IY", "I", "J", "MI", "MM", "MONTH", "MON", "MS", "Month", "Mon", "OF",
    "P.M.", "PM", "Q", "RM", "SSSSS", "SSSS", "SS", "TZH", "TZM", "TZ", "US", "WW", "W",
    "Y,YYY", "YYYY", "YYY", "YY", "Y", "a.d.", "a.m.", "ad", "am", "b.c.", "bc", "cc", "day",
    "ddd", "dd", "dy", "d", "ff1", "ff2", "ff3", "ff4", "ff5", "ff6", "fx", "hh24", "hh12", "hh",
    "iddd", "id", "iw", "iyyy", "iyy", "iy", "i", "j", "mi", "mm", "month", "mon", "ms", "of",
    "p.m.", "pm", "q", "rm", "sssss", "ssss", "ss", "tz", "us", "ww", "w", "y,yyy", "yyyy",
    "yyy", "yy", "y"]
_DCH_RE = re.compile("|".join(re.escape(w) for w in sorted(_DCH_WORDS, key=len, reverse=True)))


@dataclass
class Moment:
    """struct pg_tm + fsec: the fields a DCH template reads."""

    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    micro: int
    when: date | None         # None for an interval
    zone: str | None          # 'UTC' for timestamptz, None otherwise

    @classmethod
    def of_datetime(cls, t: datetime, zone: str | None) -> "Moment":
        return cls(t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, t.date(), zone)

    @classmethod
    def of_interval(cls, iv: Interval) -> "Moment":
        years, months = _ctrunc(iv.months, 12)
        hours, rest = _ctrunc(iv.micros, USECS_PER_HOUR)
        minutes, rest = _ctrunc(rest, USECS_PER_MINUTE)
        seconds, micros = _ctrunc(rest, USECS_PER_SEC)
        return cls(years, months, iv.days, hours, minutes, seconds, micros, None, None)


def _cased(text: str, keyword: str) -> str:
    """MONTH -> JANUARY, Month -> January, month -> january."""
    if keyword.isupper():
        return text.upper()
    return text.lower() if keyword.islower() else text


def _dch_value(kw: str, m: Moment) -> tuple[str, int] | str:
    """(number, zero-pad width) for numeric patterns, or the text of the others."""
    upper = kw.upper()
    hour12 = m.hour % 12 or 12
    numbers = {
        "HH": (hour12, 2), "HH12": (hour12, 2), "HH24": (m.hour, 2), "MI": (m.minute, 2),
        "SS": (m.second, 2), "MS": (m.micro // 1000, 3), "US": (m.micro, 6),
        "SSSS": ((m.hour * 60 + m.minute) * 60 + m.second, 0), "SSSSS": ((m.hour * 60 + m.minute) * 60 + m.second, 0),
        "YYYY": (m.year, 4), "YYY": (m.year % 1000, 3), "YY": (m.year % 100, 2), "Y": (m.year % 10, 1),
        "CC": ((m.year + 99) // 100 if m.when else m.year // 100, 2), "MM": (m.month, 2), "DD": (m.day, 2),
    }
    for digits in range(1, 7):
        numbers[f"FF{digits}"] = (m.micro // 10 ** (6 - digits), digits)
    if upper in numbers:
        return numbers[upper]
    if upper == "Y,YYY":
        return f"{m.year // 1000},{m.year % 1000:03d}"
    if upper in ("AM", "PM", "A.M.", "P.M."):
        text = ("PM" if m.hour >= 12 else "AM") if len(upper) == 2 else ("P.M." if m.hour >= 12 else "A.M.")
        return _cased(text, kw)
    if upper in ("AD", "BC", "A.D.", "B.C."):
        return _cased("AD" if len(upper) == 2 else "A.D.", kw)
    if upper in ("TZ", "OF", "TZH", "TZM"):
        zone = "" if m.zone is None else _cased(m.zone, kw)
        return {"TZ": zone, "OF": "+00", "TZH": "+00", "TZM": "00"}[upper]
    if m.when is None:
        raise PgError("22007", "invalid format specification for an interval value",
                      hint="Intervals are not tied to specific calendar dates.")
    return _calendar_value(kw, upper, m.when)


def _calendar_value(kw: str, upper: str, d: date) -> tuple[str, int] | str:
    iso_year, iso_week, iso_day = d.isocalendar()
    doy = d.timetuple().tm_yday
    numbers = {
        "DDD": (doy, 3), "D": (d.isoweekday() % 7 + 1, 1), "ID": (iso_day, 1),
        "IW": (iso_week, 2), "WW": ((doy - 1) // 7 + 1, 2), "W": ((d.day - 1) // 7 + 1, 1),
        "Q": ((d.month - 1) // 3 + 1, 1), "J": (d.toordinal() + JULIAN_OFFSET, 0),
        "IYYY": (iso_year, 4), "IYY": (iso_year % 1000, 3), "IY": (iso_year % 100, 2), "I": (iso_year % 10, 1),
        "IDDD": ((d - date.fromisocalendar(iso_year, 1, 1)).days + 1, 3),
    }
    if upper in numbers:
        return numbers[upper]
    if upper in ("MONTH", "MON"):
        name = _MONTH_NAMES[d.month - 1]
        return _cased(name if upper == "MONTH" else name[:3], kw)
    if upper in ("DAY", "DY"):
        name = _DAY_NAMES[d.isoweekday() % 7]
        return _cased(name if upper == "DAY" else name[:3], kw)
    return _cased(_ROMAN_MONTHS[d.month - 1], kw)       # RM


def _dch_render(kw: str, m: Moment, fill: bool, suffix: str) -> str:
    value = _dch_value(kw, m)
    if isinstance(value, tuple):
        number, width = value
        if fill:
            text = str(number)
        else:                       # "%0*d" with one more place for a minus, as for HH24/MI/SS
            text = f"{number:0{width + (number < 0 and kw.upper() in _SIGNED_WIDTH)}d}"
        if suffix:
            ordinal = _ordinal(str(number))
            text += ordinal.upper() if suffix == "TH" else ordinal
        return text
    if not fill and kw.upper() in ("MONTH", "DAY"):
        return value.ljust(9)
    if not fill and kw.upper() == "RM":
        return value.ljust(4)
    return value


def dch_to_char(m: Moment, template: str) -> str:
    out, pos, n = [], 0, len(template)
    while pos < n:
        if template[pos] == '"':
            text, pos = _quoted(template, pos)
            out.append(text)
            continue
        if template.startswith('\\"', pos):
            out.append('"')
            pos += 2
            continue
        fill = False
        while template[pos:pos + 2] in ("FM", "fm", "TM", "tm", "FX", "fx"):
            fill |= template[pos:pos + 2] in ("FM", "fm")
            pos += 2
        match = _DCH_RE.match(template, pos)
        if match is None:
            if pos < n:
                out.append(template[pos])
            pos += 1
            continue
        kw = match.group()
        pos = match.end()
        suffix = template[pos:pos + 2] if template[pos:pos + 2] in ("TH", "th") else ""
        pos += len(suffix)
        if kw.upper() != "FX":
            out.append(_dch_render(kw, m, fill, suffix))
    return "".join(out)


def timestamp_to_char(t: datetime, template: str) -> str:
    return dch_to_char(Moment.of_datetime(t, None), template)


def timestamptz_to_char(t: datetime, template: str) -> str:
    return dch_to_char(Moment.of_datetime(t, "UTC"), template)


def interval_to_char(iv: Interval, template: str) -> str:
    return dch_to_char(Moment.of_interval(iv), template)
