"""Stage 3 — capaian, categories, predicates, budgets, and comparisons with what the sheets state."""
from __future__ import annotations

import math

from pathlib import Path

import pytest
from workbooks import PROFIL_NEXT_ROW, make_workbooks

from sakip_report import paths
from sakip_report.compute import (  # noqa: I001
    PeriodError,
    Period, capaian_value, compute, kategori, load_rules, period_of, predikat,
)
from sakip_report.normalise import S1, S2, TAHUNAN, read_data
from sakip_report.problems import WARNING

RULES = load_rules(Path(__file__).parent / "data" / "aturan.toml")  # the tests' own rules, not templates/


def computed(folder):
    data = read_data(folder)
    return data, compute(data, RULES)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return computed(make_workbooks(tmp_path_factory.mktemp("wb")))


def capaian_of(results, kode, tahun=2024, periode=S2):
    cap = results.capaian
    row = cap[(cap["kode"] == kode) & (cap["tahun"] == tahun) & (cap["periode"] == periode)]
    assert len(row) == 1
    value = row.iloc[0]["capaian"]
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


# --- capaian_value --------------------------------------------------------------------------
@pytest.mark.parametrize(("target", "realisasi", "rumus", "expected"), [
    (100, 94.87, "r/t", 94.87),
    (80, 100, "r/t", 125.0),
    (10, 8, "r/t", 80.0),
    (10, 8, "(2t-r)/t", 120.0),  # lower is better: below target is over 100 %
    (10, 12, "(2t-r)/t", 80.0),
    (10, 10, "(2t-r)/t", 100.0),
    (10, 25, "(2t-r)/t", -50.0),  # far above a lower-is-better target: negative, not clipped
    (10, 8, "t/r", 125.0),
    (10, 12.5, "t/r", 80.0),
    (75, 76.5, "r/t", 102.0),
    (0.5, 0.5, "r/t", 100.0),
])
def test_capaian_value_by_rumus(target, realisasi, rumus, expected):
    assert capaian_value(target, realisasi, rumus) == pytest.approx(expected)


def test_capaian_of_lower_is_better_indicator_uses_2t_minus_r():
    assert capaian_value(10, 8, "(2t-r)/t") == pytest.approx((2 * 10 - 8) / 10 * 100)


@pytest.mark.parametrize(("target", "realisasi", "rumus"), [
    (None, 90, "r/t"), (100, None, "r/t"), (None, None, "r/t"),
    (float("nan"), 90, "r/t"), (100, float("nan"), "(2t-r)/t"),
    (0, 90, "r/t"), (0, 90, "(2t-r)/t"), (0.0, 0.0, "r/t"),
    (10, 0, "t/r"),  # T/R divides by the realisasi
    (-5, 90, "r/t"),
])
def test_capaian_value_is_none_without_target_realisasi_or_with_zero_divisor(target, realisasi, rumus):
    assert capaian_value(target, realisasi, rumus) is None


def test_capaian_value_of_zero_realisasi_with_r_over_t_is_zero():
    assert capaian_value(10, 0, "r/t") == 0


# --- kategori and predikat ------------------------------------------------------------------
@pytest.mark.parametrize(("value", "label"), [
    (150, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.99, "Tinggi"),
    (76, "Tinggi"), (75.99, "Sedang"),
    (66, "Sedang"), (65.99, "Rendah"),
    (51, "Rendah"), (50.99, "Sangat Rendah"), (50, "Sangat Rendah"),
    (0, "Sangat Rendah"), (-20, "Sangat Rendah"),
    (None, "-"), (float("nan"), "-"),
])
def test_kategori_bands_at_their_edges(value, label):
    assert kategori(value, RULES) == label


@pytest.mark.parametrize(("score", "label"), [
    (100, "AA"), (90.01, "AA"), (90, "A"),
    (80.01, "A"), (80, "BB"),
    (70.01, "BB"), (70, "B"),
    (60.01, "B"), (60, "CC"),
    (50.01, "CC"), (50, "C"),
    (30.01, "C"), (30, "D"), (0, "D"),
    (None, "-"),
])
def test_predikat_edges_are_strictly_above(score, label):
    assert predikat(score, RULES) == label


# --- formulas chosen per indicator --------------------------------------------------------------
def test_positive_indicator_uses_r_over_t(sample):
    _, results = sample
    assert capaian_of(results, "IKU-1") == pytest.approx(94.87)
    assert capaian_of(results, "IKU-2", 2024, S1) == pytest.approx(97.5)


def test_negative_indicator_uses_the_default_of_aturan_without_profil_setting(sample):
    _, results = sample
    assert RULES.rumus_negatif == "(2t-r)/t"
    assert capaian_of(results, "IKP-2") == pytest.approx(120.0)  # target 10, realisasi 8
    rumus = results.indikator.set_index("kode")["rumus"]
    assert rumus["IKP-2"] == "(2t-r)/t" and rumus["IKP-1"] == "r/t"


@pytest.mark.parametrize(("setting", "expected"), [("T/R", 125.0), ("(2T-R)/T", 120.0), ("r/t", 80.0)])
def test_negative_indicator_uses_the_profil_rumus_when_set(tmp_path, setting, expected):
    edit = {"profil.xlsx": {"Profil": {f"A{PROFIL_NEXT_ROW}": "Rumus Capaian Polaritas Negatif",
                                       f"B{PROFIL_NEXT_ROW}": setting}}}
    _, results = computed(make_workbooks(tmp_path, edit=edit))
    assert capaian_of(results, "IKP-2") == pytest.approx(expected)
    assert capaian_of(results, "IKP-1") == pytest.approx(105.0)  # positive ones unchanged


@pytest.mark.parametrize(("cell", "rumus", "kode", "expected"), [
    ("U6", "T/R", "IKP-2", 125.0),  # Negatif with its own formula
    ("U6", "R/T", "IKP-2", 80.0),
    ("U5", "(2T-R)/T", "IKP-1", 95.0),  # Positif indicator told to use the lower-is-better formula
])
def test_per_indicator_rumus_capaian_overrides_polarity(tmp_path, cell, rumus, kode, expected):
    edit = {"kinerja.xlsx": {"Indikator Program": {cell: rumus}},
            "profil.xlsx": {"Profil": {f"A{PROFIL_NEXT_ROW}": "Rumus Capaian Polaritas Negatif",
                                       f"B{PROFIL_NEXT_ROW}": "(2T-R)/T"}}}
    _, results = computed(make_workbooks(tmp_path, edit=edit))
    assert capaian_of(results, kode) == pytest.approx(expected)


def test_capaian_rows_carry_the_cells_of_target_and_realisasi(sample):
    _, results = sample
    cap = results.capaian
    row = cap[(cap["kode"] == "IKU-1") & (cap["tahun"] == 2024) & (cap["periode"] == S2)].iloc[0]
    assert row["sumber_target"] == "kinerja.xlsx!IKU!P5"
    assert row["sumber_realisasi"] == "kinerja.xlsx!IKU!R5"
    assert row["kategori"] == "Sangat Tinggi"


def test_capaian_table_has_a_row_per_indicator_year_and_period(sample):
    _, results = sample
    keys = set(zip(results.capaian["kode"], results.capaian["tahun"], results.capaian["periode"]))
    assert len(keys) == len(results.capaian)
    for kode in ("IKU-1", "IKU-2", "IKP-1", "IKP-2", "IKP-3"):
        assert {(kode, 2023, TAHUNAN), (kode, 2024, TAHUNAN), (kode, 2024, S1), (kode, 2024, S2)} <= keys


def test_missing_semester_value_gives_no_capaian_and_dash_kategori(sample):
    _, results = sample
    assert capaian_of(results, "IKU-1", 2024, S1) is None
    cap = results.capaian.set_index(["kode", "tahun", "periode"])
    assert cap.loc[("IKU-1", 2024, S1), "kategori"] == "-"


# --- period ---------------------------------------------------------------------------------
def test_default_period_is_the_latest_with_a_realisasi(sample):
    data, _ = sample
    assert period_of(data) == Period(2024, 2023, S2)


@pytest.mark.parametrize(("asked", "period"), [("2024-S1", Period(2024, 2023, S1)), ("2024-s2", Period(2024, 2023, S2)),
                                               (" 2024 - S1 ", Period(2024, 2023, S1))])
def test_period_can_be_asked_for(sample, asked, period):
    data, _ = sample
    assert period_of(data, asked) == period


@pytest.mark.parametrize("asked", ["2024", "2024-S3", "S1", "2024/1"])
def test_malformed_period_is_refused(sample, asked):
    data, _ = sample
    with pytest.raises(PeriodError, match="2024-S1"):
        period_of(data, asked)


def test_period_of_a_year_not_in_the_data_is_refused(sample):
    data, _ = sample
    with pytest.raises(PeriodError, match="2019"):
        period_of(data, "2019-S1")


# --- budget ---------------------------------------------------------------------------------
def test_budget_per_sasaran_sums_its_programs(sample):
    _, results = sample
    sasaran = results.sasaran.set_index("kode")
    assert sasaran.loc["S1", "anggaran"] == 250_000_000 + 120_500_000
    assert sasaran.loc["S1", "realisasi"] == 240_000_000 + 100_000_000
    assert sasaran.loc["S2", "anggaran"] == 1_500_000_000
    assert sasaran.loc["S2", "capaian"] == pytest.approx(90.0)
    assert sasaran.loc["S2", "kategori"] == "Tinggi"
    assert sorted(sasaran.loc["S1", "sumber_anggaran"]) == ["anggaran.xlsx!Program!E5", "anggaran.xlsx!Program!E6"]


def test_moving_a_program_to_another_sasaran_moves_its_budget(tmp_path):
    _, results = computed(make_workbooks(tmp_path, edit={"anggaran.xlsx": {"Program": {"D6": "S2"}}}))
    sasaran = results.sasaran.set_index("kode")
    assert sasaran.loc["S1", "anggaran"] == 250_000_000
    assert sasaran.loc["S2", "anggaran"] == 1_500_000_000 + 120_500_000


def test_total_anggaran_and_realisasi_are_sums_of_programs(sample):
    _, results = sample
    assert results.total_anggaran == 1_870_500_000
    assert results.total_realisasi == 1_690_000_000
    program = results.program.set_index("kode")
    assert program.loc["3.27.02", "capaian"] == pytest.approx(96.0)
    assert program.loc["X.XX.01", "sumber_anggaran"] == "anggaran.xlsx!Program!E4"


def test_consistent_sample_gives_no_warnings(sample):
    data, results = sample
    assert list(results.problems) == []
    assert list(data.problems) == []


# --- comparisons with what the sheets state ---------------------------------------------------
@pytest.mark.parametrize(("cell", "stated", "computed_text", "stated_text"), [
    ("E7", 1_870_000_000, "1.870.500.000", "1.870.000.000"),
    ("F7", 1_700_000_000, "1.690.000.000", "1.700.000.000"),
])
def test_stated_total_that_differs_warns_with_both_values_and_the_cell(tmp_path, cell, stated, computed_text,
                                                                       stated_text):
    _, results = computed(make_workbooks(tmp_path, edit={"anggaran.xlsx": {"Program": {cell: stated}}}))
    [warning] = [p for p in results.problems if p.where == f"anggaran.xlsx!Program!{cell}"]
    assert warning.level == WARNING
    assert computed_text in warning.message and stated_text in warning.message


@pytest.mark.parametrize(("cell", "stated", "stated_text", "computed_text"), [
    ("T5", 0.95, "95,00%", "94,87%"),
    ("M6", 1.05, "105,00%", "103,57%"),
])
def test_stated_capaian_that_differs_warns_with_both_values_and_the_cell(tmp_path, cell, stated, stated_text,
                                                                        computed_text):
    _, results = computed(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {cell: stated}}}))
    [warning] = [p for p in results.problems if p.where == f"kinerja.xlsx!IKU!{cell}"]
    assert warning.level == WARNING
    assert stated_text in warning.message and computed_text in warning.message
    kode = "IKU-1" if cell.endswith("5") else "IKU-2"
    tahun, periode = (2024, S2) if cell == "T5" else (2023, TAHUNAN)
    assert capaian_of(results, kode, tahun, periode) != pytest.approx(stated * 100)  # computed is used


def test_stated_capaian_of_negative_indicator_is_compared_with_its_formula(tmp_path):
    # 1.2 (120 %) is right for (2T-R)/T; with T/R (125 %) it differs
    edit = {"kinerja.xlsx": {"Indikator Program": {"U6": "T/R"}}}
    _, results = computed(make_workbooks(tmp_path, edit=edit))
    [warning] = [p for p in results.problems if p.where == "kinerja.xlsx!Indikator Program!T6"]
    assert "120,00%" in warning.message and "125,00%" in warning.message


@pytest.mark.parametrize("zero", [0, "0", "0,00"])
def test_zero_target_warns_and_gives_no_capaian(tmp_path, zero):
    _, results = computed(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"P6": zero}}}))
    assert capaian_of(results, "IKU-2") is None
    [warning] = [p for p in results.problems if p.where == "kinerja.xlsx!IKU!P6"]
    assert warning.level == WARNING and "tidak dapat dihitung: target 0" in warning.message
    cap = results.capaian.set_index(["kode", "tahun", "periode"])
    assert cap.loc[("IKU-2", 2024, S2), "kategori"] == "-"


def test_a_zero_realisasi_under_t_over_r_warns_on_the_realisasi_cell(tmp_path):
    """Zero cases of a lower-is-better indicator under T/R: no capaian, and the warning says why and
    what to do (the formula's divisor is the realisasi)."""
    edit = {"kinerja.xlsx": {"Indikator Program": {"U6": "T/R", "R6": 0, "T6": None}}}
    _, results = computed(make_workbooks(tmp_path, edit=edit))
    assert capaian_of(results, "IKP-2") is None
    [warning] = [p for p in results.problems if p.where == "kinerja.xlsx!Indikator Program!R6"]
    assert "tidak dapat dihitung: realisasi 0" in warning.message and "(2T-R)/T" in warning.expected


# --- rules as data (aturan.toml) ----------------------------------------------------------------
def _rules(tmp_path, kategori: str, predikat: str = '[[predikat]]\nlabel = "X"\n') -> Path:
    path = tmp_path / "aturan.toml"
    path.write_text(kategori + predikat + '[capaian]\nnegatif = "(2T-R)/T"\npositif = "R/T"\n', encoding="utf-8")
    return path


ANOTHER_PROVINCE = """
[[kategori]]
label = "Sangat Baik"
lebih_dari = 100
[[kategori]]
label = "Baik"
min = 75
maks = 100
[[kategori]]
label = "Cukup"
min = 55
kurang_dari = 75
[[kategori]]
label = "Kurang"
kurang_dari = 55
"""


@pytest.mark.parametrize(("value", "label"), [
    (100.01, "Sangat Baik"), (100, "Baik"), (75, "Baik"), (74.99, "Cukup"), (55, "Cukup"), (54.99, "Kurang"), (-5, "Kurang"),
])
def test_bands_with_open_or_closed_bounds_at_both_ends(tmp_path, value, label):
    rules = load_rules(_rules(tmp_path, ANOTHER_PROVINCE))
    assert kategori(value, rules) == label


@pytest.mark.parametrize(("text", "words"), [
    ('[[kategori]]\nlabel = "A"\nmin = 50\n', ("nilai", "tidak masuk")),
    ('[[kategori]]\nlabel = "A"\ndiatas = 50\n[[kategori]]\nlabel = "B"\n', ("diatas", "tidak dikenal")),
    ('[[kategori]]\nlabel = "A"\nmin = 50\nlebih_dari = 40\n[[kategori]]\nlabel = "B"\n', ("dua batas",)),
], ids=["gap", "unknown key", "two lower bounds"])
def test_a_rule_mistake_names_the_file(tmp_path, text, words):
    from sakip_report.problems import TemplateProblem

    with pytest.raises(TemplateProblem) as err:
        load_rules(_rules(tmp_path, text))
    assert "aturan.toml" in str(err.value) and all(w in str(err.value) for w in words), str(err.value)


def test_the_shipped_rules_load_and_cover_every_value():
    rules = load_rules(paths.TEMPLATES / paths.RULES)
    assert {kategori(v, rules) for v in (-1e6, 0, 50, 75, 90, 100, 1e6)} and predikat(100, rules)
