"""Indonesian number formatting for every figure shown in the SAKIP deck.

All numbers go through this module so the deck is consistent: Babel's
``id_ID`` locale (thousands ".", decimals ","), half-up rounding as Excel does,
"-" for a missing value, and the minus sign "−" for a negative one, so that "−12,33%" (a
capaian below zero) never reads as the "-" of "no target".
"""

from __future__ import annotations

import re
import sys

from decimal import ROUND_HALF_UP, Decimal, localcontext
from numbers import Integral

from functools import lru_cache

from babel.numbers import get_decimal_symbol, get_group_symbol

LOCALE = "id_ID"
DASH = "-"
MINUS = "\u2212"

# Largest unit first; (size, suffix, max decimals). Trailing zeros are dropped.
_SHORT_UNITS = (
    (Decimal(10**12), "T", 2),  # triliun
    (Decimal(10**9), "M", 2),  # miliar
    (Decimal(10**6), "jt", 1),  # juta
)


def is_missing(value: object) -> bool:
    """Return True for None, NaN, pandas NA/NaT: a cell with no value.

    pandas is not imported for this: a pandas NA can only exist once pandas is loaded (the chart
    worker formats numbers without it).
    """
    if value is None:
        return True
    if isinstance(value, float):  # numpy's float64 too
        return value != value
    pd = sys.modules.get("pandas")
    return pd is not None and pd.api.types.is_scalar(value) and bool(pd.isna(value))


def _to_decimal(value: object) -> Decimal:
    """Convert as Excel shows it: to 15 significant digits, so 45.595 stays 45.595 and a computed
    105.62499999999999 ((2·16 − 15,1) / 16 × 100) is 105.625, which rounds half-up to 105,63."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Integral):
        return Decimal(int(value))  # exact even beyond float precision
    return Decimal(f"{float(value):.15g}")  # float() first: numpy's floats too


def _wide_context(amount: Decimal, decimals: int):
    """Decimal context holding every digit: quantize fails past the default 28."""
    return localcontext(prec=max(28, amount.adjusted() + decimals + 2))


def _rounded(value: object, decimals: int) -> Decimal:
    """Round half-up (Excel), never banker's rounding; -0 becomes 0."""
    exact = _to_decimal(value)
    with _wide_context(exact, decimals):
        amount = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return amount.copy_abs() if amount.is_zero() else amount  # no "-0,00" on a slide


@lru_cache(maxsize=1)
def _symbols() -> dict[int, str]:
    """The locale's group and decimal symbols from Babel's CLDR data, as a str.translate table."""
    return str.maketrans({",": get_group_symbol(LOCALE), ".": get_decimal_symbol(LOCALE)})


def _render(amount: Decimal, decimals: int, optional: bool = False) -> str:
    """Format an already rounded amount with the locale's symbols; optional=True drops trailing zeros.

    Python's own grouping of a Decimal, with Babel's id_ID symbols swapped in: the same text as
    babel.numbers.format_decimal for this locale's #,##0.00 pattern, at a fraction of the cost
    (a 1000-indicator deck formats some 20.000 figures).
    """
    text = format(amount, f",.{decimals}f")
    if optional and decimals:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_symbols()).replace("-", MINUS)


def _prefixed(prefix: str, text: str) -> str:
    """Put a currency prefix after the sign: "−Rp 5", not "Rp −5"."""
    return f"{MINUS}{prefix}{text[1:]}" if text.startswith(MINUS) else f"{prefix}{text}"


def _given(decimals: int | None, default: int) -> int:
    """Use the caller's decimals when given, else the unit's default."""
    return default if decimals is None else decimals


def format_number(value: object, decimals: int = 2) -> str:
    """Format with a fixed number of decimals: 1234.5 -> "1.234,50"."""
    if is_missing(value):
        return DASH
    return _render(_rounded(value, decimals), decimals)


def as_shown(value: object, decimals: int = 2) -> Decimal | None:
    """The value as a slide shows it (rounded half-up to `decimals`), for sums and comparisons in text."""
    return None if is_missing(value) else _rounded(value, decimals)


def format_integer(value: object) -> str:
    """Format as a whole number with thousands separators: 166350 -> "166.350"."""
    return format_number(value, 0)


def format_percent(value: object, decimals: int = 2) -> str:
    """Format a value already in percent units: 94.87 -> "94,87%"."""
    return DASH if is_missing(value) else f"{format_number(value, decimals)}%"


def format_capaian(value: object) -> str:
    """Format an achievement (capaian) percentage: 94.87 -> "94,87%"."""
    return format_percent(value)


def format_rupiah(value: object, prefix: str = "Rp ", decimals: int = 0) -> str:
    """Format an amount of rupiah: 419309 -> "Rp 419.309"."""
    return DASH if is_missing(value) else _prefixed(prefix, format_number(value, decimals))


def format_rupiah_short(value: object) -> str:
    """Abbreviate rupiah for chart labels: 5794074990 -> "Rp 5,79 M" (trailing zeros dropped)."""
    if is_missing(value):
        return DASH
    unit = _short_unit(_to_decimal(value))
    if unit is None:
        return format_rupiah(value)
    size, suffix, decimals = unit
    return _prefixed("Rp ", f"{_render(_rounded(_to_decimal(value) / size, decimals), decimals, optional=True)} {suffix}")


def format_rupiah_short_all(values) -> list[str]:
    """Short rupiah labels of one chart: each value in its own unit (T, M, jt), the values of one unit
    with one number of decimals — the unit's, or none when all of them are whole in it — so that
    "Rp 1,20 M" stands beside "Rp 1,12 M", not "Rp 1,2 M"."""
    amounts = [None if is_missing(v) else _to_decimal(v) for v in values]
    units = [None if a is None else _short_unit(a) for a in amounts]
    places = {}
    for a, u in zip(amounts, units):
        if u is not None:
            size, suffix, decimals = u
            shown = _rounded(a / size, decimals)
            places[suffix] = max(places.get(suffix, 0), 0 if shown == shown.to_integral_value() else decimals)
    out = []
    for value, a, u in zip(values, amounts, units):
        if a is None:
            out.append(DASH)
        elif u is None:
            out.append(format_rupiah(value))
        else:
            size, suffix, _ = u
            out.append(_prefixed("Rp ", f"{_render(_rounded(a / size, places[suffix]), places[suffix])} {suffix}"))
    return out


def _short_unit(amount: Decimal) -> tuple[Decimal, str, int] | None:
    """The largest unit whose *rounded* value is >= 1, so 999.999.999 is "Rp 1 M"; None below a juta."""
    if abs(amount) < _SHORT_UNITS[-1][0]:
        return None
    for size, suffix, decimals in _SHORT_UNITS:
        if abs(_rounded(amount / size, decimals)) >= 1:
            return size, suffix, decimals
    return _SHORT_UNITS[-1]


def _is_whole(value: object) -> bool:
    """True when the value shows no fraction at the default 2 decimals."""
    amount = _rounded(value, 2)
    return amount == amount.to_integral_value()


def _as_percent(value: object, decimals: int | None) -> str:
    """Percent unit: 2 decimals by default."""
    return format_percent(value, _given(decimals, 2))


def _as_rupiah(value: object, decimals: int | None) -> str:
    """Rupiah unit: whole rupiah by default."""
    return format_rupiah(value, decimals=_given(decimals, 0))


def _as_score(value: object, decimals: int | None) -> str:
    """Score/index: the reference deck prints targets as "80" but scores as "86,50"."""
    return format_number(value, _given(decimals, 0 if _is_whole(value) else 2))


# Normalised satuan -> formatter; any other satuan is a count unit (see format_value).
_RUPIAH_PER = re.compile(r"^rp\.?\s*(/.*)$", re.I)
_BY_SATUAN = {
    "%": _as_percent,
    "persen": _as_percent,
    "persentase": _as_percent,
    "rp": _as_rupiah,
    "rp.": _as_rupiah,
    "rupiah": _as_rupiah,
    "nilai": _as_score,
    "indeks": _as_score,
    "skor": _as_score,
    "poin": _as_score,
    "": _as_score,  # no unit given: a bare number
}


def format_value(value: object, satuan: str | None, decimals: int | None = None) -> str:
    """Format an indicator value according to its unit (satuan)."""
    if is_missing(value):
        return DASH
    unit = (satuan or "").strip()
    formatter = _BY_SATUAN.get(unit.lower())
    if formatter is not None:
        return formatter(value, decimals)
    per = _RUPIAH_PER.match(unit)
    if per:  # "Rp/Kapita/Bulan" -> "Rp 419.309/Kapita/Bulan"
        return _as_rupiah(value, decimals) + per.group(1)
    # Count units ("orang", "Pencaker", ...): same number rule as scores, unit as written.
    return f"{_as_score(value, decimals)} {unit}"


def unit_word(satuan: str | None) -> str:
    """The unit `format_value` writes as a word after the figure ("orang", "per 100.000 KH"); "" for
    units it writes as a sign or not at all (%, Rp, nilai, indeks)."""
    unit = (satuan or "").strip()
    return "" if unit.lower() in _BY_SATUAN or _RUPIAH_PER.match(unit) else unit


def names_unit(name: str, unit: str | None) -> bool:
    """Whether an indicator's name already ends with its unit ("… per 1.000 Kelahiran Hidup"), so
    that a "(unit)" after it would say it twice."""
    unit = (unit or "").strip()
    return bool(unit) and name.rstrip(" .)").casefold().endswith(unit.casefold())
