"""Strict parsing of numbers as agency staff type them in spreadsheets.

Text is read in the Indonesian format (thousands ".", decimals ","), as the workbooks' Petunjuk
says: "1.850" is one thousand eight hundred and fifty (`single_group` tells the caller, which
warns, since an English-format sheet would have meant 1,85). A text that fits no Indonesian
reading but could mean two numbers ("4.25") is refused with NumberParseError and both readings,
so staff fix the source cell.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from numbers import Integral, Real

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from sakip_report.formatting import LOCALE, is_missing

KINDS = ("decimal", "integer")
# A lone dash (hyphen, en/em dash, minus sign) is how staff write "no target/value".
_DASHES = frozenset({"-", "\u2013", "\u2014", "\u2212"})

_EXPECT_NUMBER = "angka dalam format Indonesia, mis. 94,87 atau 1.234.567"
_EXPECT_WHOLE = "bilangan bulat, mis. 1.234.567"

# re.ASCII: \d must not accept Arabic-Indic or other Unicode digits.
_PARENS = re.compile(r"\((.*)\)", re.S)
_AFFIXES = re.compile(r"(?P<minus>[-\u2212])?\s*(?:rp\.?\s*)?(?P<body>.*?)\s*%?", re.I | re.S)
_SINGLE_DOT = re.compile(r"\d+\.\d{1,3}", re.A)  # "4.25": English decimal or thousands?
_GROUPED = re.compile(r"\d{1,3}\.\d{3}", re.A)  # "1.234": valid Indonesian grouping
_INDONESIAN = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?", re.A)
_ENGLISH = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.A)


def plain(number: float) -> str:
    """Show a reading in Indonesian without grouping: 4.25 -> "4,25", 425 -> "425"."""
    return format_decimal(Decimal(repr(number)), format="0.##########", locale=LOCALE)


class NumberParseError(ValueError):
    """A cell's text is not an unambiguous Indonesian number."""

    def __init__(self, value: str, expected: str, readings: tuple = (), reason: str | None = None):
        # Pass everything to ValueError so the error survives pickling (multiprocessing).
        super().__init__(value, expected, readings, reason)
        self.value, self.expected, self.readings = value, expected, tuple(readings)
        if reason is None and self.readings:
            reason = "ambigu: bisa dibaca " + " atau ".join(map(plain, self.readings))
        self.reason = reason or "bukan angka yang valid"

    def __str__(self) -> str:
        return f"'{self.value}' {self.reason}; tulis {self.expected}"


def parse_number(raw: object, *, kind: str = "decimal") -> float | None:
    """Parse a cell value (number or Indonesian text); None means no value."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if isinstance(raw, str):
        return _parse_text(raw.strip(), kind)
    if is_missing(raw):
        return None
    if isinstance(raw, bool) or not isinstance(raw, (Real, Decimal)):
        raise NumberParseError(str(raw), _EXPECT_NUMBER, reason="bukan angka")
    return _checked(str(raw), raw, kind)


def _checked(text: str, amount: Real | Decimal, kind: str) -> float:
    """Reject infinities and, in an integer column, fractions; return a float."""
    if not math.isfinite(_as_float(amount)):
        raise NumberParseError(text, _EXPECT_NUMBER, reason="bukan angka terhingga")
    if kind == "integer" and amount != int(amount):  # not "% 1": Decimal overflows on it
        raise NumberParseError(text, _EXPECT_WHOLE, reason="bukan bilangan bulat")
    return _as_float(amount)


def _as_float(amount: Real | Decimal) -> float:
    """float() that overflows to inf instead of raising for huge ints."""
    return float(Decimal(int(amount))) if isinstance(amount, Integral) else float(amount)


def _parse_text(text: str, kind: str) -> float | None:
    """Parse stripped text such as "Rp 1.234.567", "94,87%", "(1.000)"."""
    if text == "" or text in _DASHES:
        return None
    negative, body = _split_sign(text)
    amount = _read_body(text, body, kind, -1 if negative else 1)
    return _checked(text, -amount if negative else amount, kind)


def _split_sign(text: str) -> tuple[bool, str]:
    """Strip sign, accounting parentheses, "Rp"/"Rp." and "%" around the digits."""
    parens = _PARENS.fullmatch(text)
    inner = parens.group(1).strip() if parens else text
    affixes = _AFFIXES.fullmatch(inner)  # always matches: every part is optional
    if parens and affixes["minus"]:
        raise NumberParseError(text, _EXPECT_NUMBER)  # "(-5)": which sign was meant?
    return bool(parens or affixes["minus"]), affixes["body"]


def _read_body(text: str, body: str, kind: str, sign: int) -> Decimal:
    """Read unsigned digits with "." and ","; raise on ambiguous or foreign formats."""
    if _SINGLE_DOT.fullmatch(body) and not (_GROUPED.fullmatch(body) and body[0] != "0"):
        raise _ambiguous(text, body, kind, sign)  # "4.25", "0.500": no Indonesian reading
    if _INDONESIAN.fullmatch(body):
        return _babel_parse(text, body)
    if _ENGLISH.fullmatch(body):
        indonesian = body.translate(str.maketrans(".,", ",."))
        expected = f"dalam format Indonesia ({indonesian})"
        raise NumberParseError(text, expected, reason="memakai format Inggris")
    raise NumberParseError(text, _EXPECT_NUMBER)


def single_group(raw: object) -> bool:
    """Whether `raw` is a text like "1.850" (also "(1.850)", "Rp 1.850", "1.850 %"): read as
    thousands, though in English it means 1,85. The parser's own sign and affix rules decide."""
    if not isinstance(raw, str):
        return False
    try:
        _, body = _split_sign(raw.strip())
    except NumberParseError:
        return False
    return bool(_GROUPED.fullmatch(body)) and body[0] != "0"


def _ambiguous(text: str, body: str, kind: str, sign: int) -> NumberParseError:
    """Build the error for "4.25": English decimal 4,25 or Indonesian thousands 425."""
    readings = (sign * float(body), sign * float(body.replace(".", "")))
    decimal_form = ("-" if sign < 0 else "") + body.replace(".", ",")
    expected = f"dengan koma desimal ({decimal_form})" if kind == "decimal" else _EXPECT_WHOLE
    return NumberParseError(text, expected, readings)


def _babel_parse(text: str, body: str) -> Decimal:
    """Let Babel's strict id_ID parser do the conversion of pre-validated digits."""
    try:
        return parse_decimal(body, locale=LOCALE, strict=True)
    except NumberFormatError as error:  # defensive: the regex should have caught it
        raise NumberParseError(text, _EXPECT_NUMBER) from error


def _scales_by_100(number_format: str | None) -> bool:
    """True if Excel shows the value x100: a "%" outside quotes/escapes (not 0.00"%")."""
    literal_free = re.sub(r'"[^"]*"|\\.', "", number_format or "")
    return "%" in literal_free


def parse_percent_cell(value: object, number_format: str | None) -> float | None:
    """Read an openpyxl percentage cell (value + number_format) in percent units."""
    number = parse_number(value, kind="decimal")
    if number is None or isinstance(value, str) or not _scales_by_100(number_format):
        return number
    return round(number * 100, 10)  # 0.9487 * 100 = 94.87000000000001 otherwise
