"""Table-driven and property tests for parsing numbers typed by staff."""

import datetime
import math
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_report.formatting import format_integer, format_number
from sakip_report.parsing import NumberParseError, parse_number, parse_percent_cell, single_group


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("94,87%", 94.87),
        ("94,87", 94.87),
        (" 94,87 ", 94.87),
        ("\xa094,87\u202f ", 94.87),
        ("94,87 %", 94.87),
        ("100", 100.0),
        ("0,5", 0.5),
        ("1,234", 1.234),  # Indonesian decimal comma
        ("1.234.567", 1234567.0),
        ("1.234,56", 1234.56),
        ("Rp 1.234.567", 1234567.0),
        ("Rp419.309,00", 419309.0),
        ("rp 2.500.000", 2500000.0),
        ("7.454.074.768", 7454074768.0),
        ("-5", -5.0),
        ("\u22125", -5.0),  # typographic minus sign
        ("-94,87%", -94.87),
        ("(1.000,5)", -1000.5),  # accounting negative
        ("-Rp 1.234.567", -1234567.0),
        ("", None),
        ("   ", None),
        ("-", None),
        ("\u2013", None),
        ("\u2014", None),
        (" - ", None),
        (None, None),
        (math.nan, None),
        (94.87, 94.87),
        (42, 42.0),
        (Decimal("2.5"), 2.5),
    ],
)
def test_parse_decimal(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234", 1234.0),  # valid grouping in an integer column
        ("1.234.567", 1234567.0),
        ("Rp 1.234.567", 1234567.0),
        ("Rp. 419.309", 419309.0),
        ("Rp419.309,00", 419309.0),
        ("419.309,00", 419309.0),
        ("7.454.074.768", 7454074768.0),
        ("166350", 166350.0),
        ("(1.000)", -1000.0),
        ("-5", -5.0),
        ("\u22125", -5.0),
        ("-", None),
        (166350, 166350.0),
        (419309.0, 419309.0),
    ],
)
def test_parse_integer(raw, expected):
    assert parse_number(raw, kind="integer") == expected


@pytest.mark.parametrize(
    ("raw", "kind", "readings"),
    [
        ("4.25", "decimal", (4.25, 425.0)),
        ("94.87", "decimal", (94.87, 9487.0)),
        ("0.5", "decimal", (0.5, 5.0)),
        ("-4.25", "decimal", (-4.25, -425.0)),
        ("94.87%", "decimal", (94.87, 9487.0)),
        ("4.25", "integer", (4.25, 425.0)),
        ("1.5", "integer", (1.5, 15.0)),
        ("1234.567", "integer", (1234.567, 1234567.0)),  # not valid grouping
    ],
)
def test_ambiguous_text_gives_both_readings(raw, kind, readings):
    with pytest.raises(NumberParseError) as caught:
        parse_number(raw, kind=kind)
    assert caught.value.readings == readings
    assert caught.value.value == raw
    assert f"'{raw}' ambigu" in str(caught.value)


def test_ambiguous_message_reads_like_the_example():
    with pytest.raises(NumberParseError) as caught:
        parse_number("4.25")
    assert str(caught.value) == (
        "'4.25' ambigu: bisa dibaca 4,25 atau 425; tulis dengan koma desimal (4,25)"
    )


@pytest.mark.parametrize(
    ("raw", "kind", "expected_fragment"),
    [
        ("abc", "decimal", "angka dalam format Indonesia, mis. 94,87 atau 1.234.567"),
        ("12a", "decimal", "angka dalam format Indonesia"),
        ("1..2", "decimal", "angka dalam format Indonesia"),
        ("%", "decimal", "angka dalam format Indonesia"),
        ("Rp", "integer", "angka dalam format Indonesia"),
        ("1e5", "decimal", "angka dalam format Indonesia"),
        ("1 234", "integer", "angka dalam format Indonesia"),
        ("\u0663", "decimal", "angka dalam format Indonesia"),  # Arabic-Indic digit three
        (",5", "decimal", "angka dalam format Indonesia"),
        ("(-5)", "decimal", "angka dalam format Indonesia"),
        ("1,234,567.89", "decimal", "1.234.567,89"),
        ("1,234,567", "integer", "1.234.567"),
        ("94.8712", "decimal", "94,8712"),
        ("1.234,56", "integer", "bilangan bulat"),
        ("94,87", "integer", "bilangan bulat"),
        (4.5, "integer", "bilangan bulat"),
        (True, "decimal", "angka dalam format Indonesia"),
        (math.inf, "decimal", "angka dalam format Indonesia"),
        (datetime.date(2024, 1, 1), "decimal", "angka dalam format Indonesia"),
    ],
)
def test_invalid_input_raises(raw, kind, expected_fragment):
    with pytest.raises(NumberParseError) as caught:
        parse_number(raw, kind=kind)
    error = caught.value
    assert expected_fragment in error.expected
    assert error.readings == ()
    assert f"'{error.value}'" in str(error)
    assert str(raw).strip() == error.value


def test_english_format_is_named_in_the_message():
    with pytest.raises(NumberParseError, match="format Inggris.*1.234.567,89"):
        parse_number("1,234,567.89")


def test_error_is_a_value_error_and_pickles():
    with pytest.raises(ValueError) as caught:
        parse_number("4.25")
    clone = pickle.loads(pickle.dumps(caught.value))
    assert (clone.value, clone.readings, str(clone)) == ("4.25", (4.25, 425.0), str(caught.value))


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="kind"):
        parse_number("1", kind="percent")


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (0.9487, "0.00%", 94.87),
        (0.5, "0%", 50.0),
        (1.0926, "0.00%", 109.26),
        (94.87, "0.00", 94.87),
        (94.87, "General", 94.87),
        (94.87, '0.00"%"', 94.87),  # literal "%": Excel does not scale by 100
        (94.87, "0.00\\%", 94.87),  # escaped "%": literal too
        (80, None, 80.0),
        ("94,87%", "General", 94.87),
        ("94,87", "@", 94.87),
        ("-", "0.00%", None),
        (None, "0.00%", None),
    ],
)
def test_parse_percent_cell(value, number_format, expected):
    assert parse_percent_cell(value, number_format) == expected


def test_parse_percent_cell_text_is_still_strict():
    with pytest.raises(NumberParseError):
        parse_percent_cell("94.87", "General")


# Plain st.text() rarely looks numeric; the second alphabet hits the parser's branches.
@given(st.text() | st.text(alphabet="0123456789.,-\u2212()%Rp \xa0"))
def test_any_text_parses_or_raises_number_parse_error(text):
    for kind in ("decimal", "integer"):
        try:
            result = parse_number(text, kind=kind)
        except NumberParseError:
            continue
        assert result is None or (isinstance(result, float) and math.isfinite(result))


@given(st.integers(min_value=0, max_value=10**13))
def test_integer_round_trip(n):
    assert parse_number(format_integer(n), kind="integer") == n


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_two_decimal_round_trip(cents):
    x = cents / 100
    assert parse_number(format_number(x)) == pytest.approx(x, abs=1e-9)


def test_parse_reads_one_dot_group_as_thousands():
    assert parse_number("1.850") == 1850.0
    assert parse_number("-1.850") == -1850.0
    assert parse_number("Rp 1.850") == 1850.0
    assert single_group("1.850") and single_group(" 1.850% ") and not single_group("1.850,5")


@pytest.mark.parametrize("typed", ["(1.850)", "Rp\u00a01.850", "1.850\u00a0%", " 1.850 "])
def test_every_way_of_typing_one_dot_group_is_told_as_thousands(typed):
    """The warning follows the parser's own sign and affix rules, not a copy of them."""
    assert abs(parse_number(typed)) == 1850.0 and single_group(typed)


def test_a_leading_zero_group_has_no_indonesian_reading_and_stays_ambiguous():
    with pytest.raises(NumberParseError) as caught:
        parse_number("0.500")
    assert caught.value.readings == (0.5, 500.0)
    assert not single_group("0.500")
