"""The fast renderer prints exactly what Babel's id_ID pattern prints, but for the minus sign:
"−" (U+2212), so a negative figure never reads as the "-" of a missing one."""
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from sakip_report.formatting import LOCALE, MINUS, format_integer, format_number


@given(st.decimals(min_value=-10**13, max_value=10**13, places=2, allow_nan=False, allow_infinity=False))
def test_two_decimals_match_babel(value):
    assert format_number(value) == format_decimal(Decimal(value), format="#,##0.00", locale=LOCALE).replace("-", MINUS)


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_integers_match_babel(value):
    assert format_integer(value) == format_decimal(value, format="#,##0", locale=LOCALE).replace("-", MINUS)
