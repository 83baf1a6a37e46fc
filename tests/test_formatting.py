"""Table-driven tests for the deck's Indonesian number formatting."""

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_report.formatting import (
    DASH,
    names_unit,
    format_capaian,
    format_integer,
    format_number,
    format_percent,
    format_rupiah,
    format_rupiah_short,
    format_rupiah_short_all,
    format_value,
    is_missing,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (86.5, "86,50"),
        (88.3, "88,30"),
        (1234.5, "1.234,50"),
        (0, "0,00"),
        (1234567.891, "1.234.567,89"),
        # Half-up like Excel, not banker's rounding, and no float artefacts.
        (45.595, "45,60"),
        (109.2561, "109,26"),
        (183.86, "183,86"),
        (99.6585, "99,66"),
        (0.005, "0,01"),
        (0.015, "0,02"),
        (0.025, "0,03"),
        (2.675, "2,68"),
        (1.005, "1,01"),
        (-1.005, "\u22121,01"),
        (-1234.565, "\u22121.234,57"),
        (-0.001, "0,00"),  # no "-0,00" on a slide
        (Decimal("2.345"), "2,35"),
        (np.float64(45.595), "45,60"),
        # A computed value shows as Excel shows it (15 significant digits), then rounds half-up:
        # (2·16 − 15,1) / 16 × 100 is 105.62499999999999 in binary, 105,625 on paper.
        ((2 * 16 - 15.1) / 16 * 100, "105,63"),
        (0.1 + 0.2, "0,30"),
        (None, DASH),
        (math.nan, DASH),
        (pd.NA, DASH),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(94.8765, 1, "94,9"), (94.8765, 3, "94,877"), (0.5, 0, "1"), (2.5, 0, "3"), (-2.5, 0, "\u22123")],
)
def test_format_number_decimals(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7454074768, "7.454.074.768"),
        (166350, "166.350"),
        (999, "999"),
        (1000, "1.000"),
        (-166350, "\u2212166.350"),
        (10**13, "10.000.000.000.000"),
        (1234.5, "1.235"),
        (np.int64(166350), "166.350"),
        (None, DASH),
    ],
)
def test_format_integer(value, expected):
    assert format_integer(value) == expected


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        (format_percent, 94.87, "94,87%"),
        (format_percent, 50, "50,00%"),
        (format_percent, 100.005, "100,01%"),
        (format_percent, -3.2, "\u22123,20%"),
        (format_percent, None, DASH),
        (format_capaian, 94.87, "94,87%"),
        (format_capaian, 109.2561, "109,26%"),
        (format_capaian, math.nan, DASH),
    ],
)
def test_format_percent_and_capaian(function, value, expected):
    assert function(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (419309, "Rp 419.309"),
        (7454074768, "Rp 7.454.074.768"),
        (0, "Rp 0"),
        (419309.5, "Rp 419.310"),
        (-419309, "\u2212Rp 419.309"),
        (None, DASH),
    ],
)
def test_format_rupiah(value, expected):
    assert format_rupiah(value) == expected


def test_format_rupiah_prefix_and_decimals():
    assert format_rupiah(419309, prefix="Rp") == "Rp419.309"
    assert format_rupiah(1234.5, decimals=2) == "Rp 1.234,50"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5794074990, "Rp 5,79 M"),
        (1274999778, "Rp 1,27 M"),
        (2000000000, "Rp 2 M"),
        (1500000000, "Rp 1,5 M"),
        (255000000, "Rp 255 jt"),
        (10000000, "Rp 10 jt"),
        (12500000, "Rp 12,5 jt"),
        (1000000, "Rp 1 jt"),
        (999999, "Rp 999.999"),
        (419309, "Rp 419.309"),
        (999_999_999, "Rp 1 M"),  # rounds up into the next unit, not "Rp 1.000 jt"
        (3_450_000_000_000, "Rp 3,45 T"),
        (-5794074990, "\u2212Rp 5,79 M"),
        (None, DASH),
    ],
)
def test_format_rupiah_short(value, expected):
    assert format_rupiah_short(value) == expected


@pytest.mark.parametrize(
    ("value", "satuan", "expected"),
    [
        (94.87, "%", "94,87%"),
        (94.87, " Persen ", "94,87%"),
        (100, "%", "100,00%"),
        (419309, "Rp", "Rp 419.309"),
        (7454074768, "rupiah", "Rp 7.454.074.768"),
        (80, "Indeks", "80"),
        (81.0, "indeks", "81"),
        (86.5, "Nilai", "86,50"),
        (79.999, "skor", "80"),  # whole once rounded to 2 decimals
        (3.25, "poin", "3,25"),
        (160, "orang", "160 orang"),
        (1000, "Pencaker", "1.000 Pencaker"),
        (1200000, "jiwa", "1.200.000 jiwa"),
        (12, " perusahaan ", "12 perusahaan"),
        (12.5, "dokumen", "12,50 dokumen"),
        (5, None, "5"),
        (5.5, "", "5,50"),
        (None, "orang", DASH),
        (math.nan, "%", DASH),
    ],
)
def test_format_value(value, satuan, expected):
    assert format_value(value, satuan) == expected


@pytest.mark.parametrize(
    ("value", "satuan", "decimals", "expected"),
    [
        (94.8765, "%", 1, "94,9%"),
        (80, "indeks", 2, "80,00"),
        (1234.5, "Rp", 2, "Rp 1.234,50"),
        (160, "orang", 1, "160,0 orang"),
    ],
)
def test_format_value_decimals_override(value, satuan, decimals, expected):
    assert format_value(value, satuan, decimals=decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        (math.nan, True),
        (np.nan, True),
        (pd.NA, True),
        (pd.NaT, True),
        (0, False),
        (0.0, False),
        ("", False),
        ("-", False),
    ],
)
def test_is_missing(value, expected):
    assert is_missing(value) is expected


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_formats(x):
    assert format_number(x).replace("\u2212", "").replace(".", "").replace(",", "").isdigit()
    assert format_rupiah_short(x).startswith(("Rp ", "\u2212Rp "))


def test_huge_values_do_not_overflow_decimal_context():
    assert format_integer(10**30) == "1" + ".000" * 10


@pytest.mark.parametrize(("name", "unit", "says"), [
    ("Angka Kematian Bayi per 1.000 Kelahiran Hidup", "per 1.000 kelahiran hidup", True),
    ("Rasio Dokter (per 1.000 penduduk)", "per 1.000 penduduk", True),
    ("Angka Kematian Ibu", "per 100.000 KH", False),
    ("Jumlah orang", "", False),
])
def test_names_unit_tells_a_name_that_already_ends_with_its_unit(name, unit, says):
    assert names_unit(name, unit) is says


def test_short_rupiah_of_one_chart_share_decimals_within_a_unit():
    """A chart never shows "Rp 1,2 M" beside "Rp 1,12 M"; whole amounts of a unit stay whole; each
    value keeps the unit of its size (Rp 37 juta is not "Rp 0,04 M")."""
    assert format_rupiah_short_all([1_200_000_000, 1_120_000_000, 37_250_000, None]) == \
        ["Rp 1,20 M", "Rp 1,12 M", "Rp 37,3 jt", DASH]
    assert format_rupiah_short_all([2_000_000_000, 3_000_000_000]) == ["Rp 2 M", "Rp 3 M"]
    assert format_rupiah_short_all([999_999_999_999, 913_550_000_000]) == ["Rp 1 T", "Rp 913,55 M"]
    assert format_rupiah_short_all([419_309]) == ["Rp 419.309"]
