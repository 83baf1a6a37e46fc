"""A third, large fictional agency (data/contoh-dinkes) builds its deck with the same templates.

Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana of Kabupaten Tanjung Sari, 2025
against 2024: 12 IKU, 24 IKP, 8 programs, 36 sub kegiatan, long names, units that are not %.
The workbooks are written by tools/make_contoh_dinkes.py. Every expected figure is computed here
from the workbook cells (read with openpyxl, independently of the package), never typed in.
Layout (font sizes, overflow, pages) is not checked here: the layout tests hold this deck to the
same checks as the other samples.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from deck_text import keyed_rows
from sample_sheets import indicator_rows
from deck_text import shape_texts as _texts
from sakip_report.build import Options, build

DATA = Path(__file__).resolve().parents[1] / "data" / "contoh-dinkes"

# Column ids of a capaian table (slides/12_capaian_iku.toml, 14_capaian_ikp.toml) per period:
# its target, realisasi and capaian.
PERIODS = {  # period -> (target, realisasi, capaian) column ids; keys of _indicator_rows()
    "2024": ("target_lalu", "realisasi_lalu", "capaian_lalu"),
    "2025 Semester I": ("target_s1", "realisasi_s1", "capaian_s1"),
    "2025 Semester II": ("target_s2", "realisasi_s2", "capaian_s2"),
}
SOURCE = {  # period -> (target, realisasi) header of kinerja.xlsx (merged year over sub-header)
    "2024": ("2024 Target", "2024 Realisasi"),
    "2025 Semester I": ("2025 Target Semester I", "2025 Realisasi Semester I"),
    "2025 Semester II": ("2025 Target Semester II", "2025 Realisasi Semester II"),
}
A_PERCENTAGE = re.compile(r"\d+,\d{2}%")


# --- the build ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dinkes_build(tmp_path_factory):
    """(BuildResult, pptx path) of data/contoh-dinkes built with formats ("pptx",)."""
    result = build(Options(data=DATA, out=tmp_path_factory.mktemp("dinkes-pptx"), formats=("pptx",),
                           preview=False))
    decks = [p for p in result.outputs if p.suffix == ".pptx"]
    assert len(decks) == 1, f"expected one PPTX among the outputs, got {result.outputs}"
    return result, decks[0]


@pytest.fixture(scope="module")
def deck(dinkes_build):
    return Presentation(str(dinkes_build[1]))


@pytest.fixture(scope="module")
def deck_text(deck) -> str:
    return "\n".join(" ".join(t.split()) for slide in deck.slides for t in _texts(slide.shapes))


@pytest.fixture(scope="module")
def table_rows(dinkes_build) -> list[tuple[str, dict[str, str]]]:
    """(slide definition, {column id: text}) of every body row of every table in the deck."""
    return list(keyed_rows(dinkes_build[1]))


def _by(table_rows, definition: str) -> list[dict[str, str]]:
    return [row for d, row in table_rows if d == f"slides/{definition}"]


@pytest.fixture(scope="module")
def raw_rows(deck) -> list[list[str]]:
    """[cell texts] of every row of every table in the deck, whitespace collapsed."""
    rows = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                rows += [[" ".join(cell.text.split()) for cell in row.cells] for row in shape.table.rows]
    return rows


def _title(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


# --- the workbooks, read independently of the package ---------------------------------------


def _sheet(file: str, name: str):
    return openpyxl.load_workbook(DATA / file, data_only=True)[name]


def _profil() -> dict[str, object]:
    ws = _sheet("profil.xlsx", "Profil")
    return {str(a).strip().lower(): b for a, b in ws.iter_rows(min_row=4, max_col=2, values_only=True) if a}


def _indicator_rows(sheet: str) -> list[dict[str, object]]:
    return indicator_rows(DATA / "kinerja.xlsx", sheet)


def _all_indicators() -> list[dict[str, object]]:
    return _indicator_rows("IKU") + _indicator_rows("Indikator Program")


def _number(value) -> Decimal | None:
    """A workbook value as a Decimal; None for "-" or an empty cell."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
        return None
    return Decimal(repr(value))


def _is_dash(value) -> bool:
    return isinstance(value, str) and value.strip() == "-"


def _persen(value: Decimal) -> str:
    """104.7826 -> "104,78%": two decimals, half-up, Indonesian decimal comma."""
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",") + "%"


def _rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


FORMULAS = {
    "R/T": lambda t, r: r / t * 100,
    "(2T-R)/T": lambda t, r: (2 * t - r) / t * 100,
    "T/R": lambda t, r: t / r * 100,
}


def _formula_of(indicator) -> str:
    """The formula the row asks for: its Rumus Capaian, else the Profil's for Negatif, else R/T."""
    own = indicator["Rumus Capaian"]
    if own:
        return own.replace(" ", "").upper()
    if str(indicator["Polaritas"]).strip().lower() == "negatif":
        return str(_profil()["rumus capaian polaritas negatif"]).replace(" ", "").upper()
    return "R/T"


def _capaian_row(table_rows, name: str) -> dict[str, str]:
    """The capaian-table row that shows the indicator (exactly one), keyed by column id."""
    name = " ".join(name.split())  # a unit word the cells leave out follows the name: "AKI (per 100.000 KH)"
    rows = [row for _, row in table_rows if "capaian_s2" in row
            and (row["nama"] == name or row["nama"].startswith(f"{name} ("))]
    assert len(rows) == 1, f"{name!r}: expected one row in a capaian table, found {len(rows)}"
    return rows[0]


def _negatif():
    return [r for r in _all_indicators() if str(r["Polaritas"]).strip().lower() == "negatif"]


def _cases(kind: str) -> list[tuple[dict, str]]:
    """(indicator, period) where the target is "-" (kind "tanpa_target") or where a target exists
    but the realisasi cell is empty (kind "belum_dilaporkan")."""
    out = []
    for ind in _all_indicators():
        for period, (t_key, r_key) in SOURCE.items():
            t, r = ind[t_key], ind[r_key]
            if kind == "tanpa_target" and _is_dash(t):
                out.append((ind, period))
            if kind == "belum_dilaporkan" and _number(t) is not None and r is None:
                out.append((ind, period))
    return out


# --- tests ----------------------------------------------------------------------------------


def test_build_has_no_data_problems(dinkes_build):
    result, _ = dinkes_build
    # The stated capaian and the TOTAL row agree with what the build computes: nothing to report.
    assert not result.problems, "data problems:\n  " + "\n  ".join(map(str, result.problems))
    assert result.slides >= 30


def test_the_sample_is_large():
    """The sizes the layout tests rely on this sample for."""
    assert len(_indicator_rows("IKU")) >= 11
    assert len(_indicator_rows("Indikator Program")) >= 22
    program = [r for r in _sheet("anggaran.xlsx", "Program").iter_rows(min_row=5, values_only=True)
               if r[0] not in (None, "TOTAL")]
    assert len(program) >= 8
    sub = [r for r in _sheet("anggaran.xlsx", "Sub Kegiatan").iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(sub) >= 34
    names = [r["Indikator"] for r in _all_indicators()] + [r[2] for r in sub] + [r[2] for r in program]
    assert sum(len(n) >= 80 for n in names) >= 5, "too few long names"
    units = {r["Satuan"] for r in _all_indicators()}
    assert {"per 100.000 KH", "per 1.000 KH", "kasus", "tahun"} <= units


def test_deck_names_this_agency_and_nothing_of_the_other_samples(deck_text):
    assert "DINAS KESEHATAN" in deck_text.upper()
    assert "Tanjung Sari" in deck_text
    for leak in ("lamongan", "sukamaju"):
        assert leak not in deck_text.lower(), f"{leak!r} from another sample appears in the deck"


def test_years_are_2024_and_2025(deck_text, raw_rows):
    # Table headers name the two years ("TAHUN 2024"); a definition may cite a regulation's year.
    headers = {cell for cells in raw_rows for cell in cells if re.fullmatch(r"TAHUN \d{4}", cell)}
    assert headers == {"TAHUN 2024", "TAHUN 2025"}, f"year headers in the deck: {sorted(headers)}"
    assert "Tahun 2024–2025" in deck_text  # the title slide's caption


@pytest.mark.parametrize("sheet", ["IKU", "Indikator Program"])
def test_every_indicator_appears_with_its_capaian_row(deck_text, table_rows, sheet):
    missing = [r["Kode"] for r in _indicator_rows(sheet) if " ".join(r["Indikator"].split()) not in deck_text]
    assert not missing, f"{sheet}: not in the deck: {missing}"
    for indicator in _indicator_rows(sheet):
        _capaian_row(table_rows, indicator["Indikator"])


def test_the_sample_has_negatif_indicators_with_their_own_formula():
    formulas = {r["Kode"]: _formula_of(r) for r in _negatif()}
    assert len(formulas) >= 4
    assert "T/R" in formulas.values() and "(2T-R)/T" in formulas.values(), formulas
    assert any(r["Rumus Capaian"] for r in _negatif()), "no Negatif indicator picks its own formula"


@pytest.mark.parametrize("indicator", _negatif(), ids=lambda r: r["Kode"])
def test_negatif_capaian_uses_the_formula_its_row_asks_for(table_rows, indicator):
    row = _capaian_row(table_rows, indicator["Indikator"])
    formula = _formula_of(indicator)
    checked = 0
    for period, (t_key, r_key) in SOURCE.items():
        t, r = _number(indicator[t_key]), _number(indicator[r_key])
        shown = row[PERIODS[period][2]]
        if t is None or r is None:
            assert not A_PERCENTAGE.search(shown), f"{indicator['Kode']} {period}: nothing to compute, shows {shown}"
            continue
        expected = _persen(FORMULAS[formula](t, r))
        assert shown == expected, (
            f"{indicator['Kode']} {period}: T={t} R={r}, {formula} = {expected}, deck shows {shown}")
        checked += 1
    assert checked >= 1


def test_an_explicit_formula_changes_the_figure(table_rows):
    """Where a Negatif row asks for T/R, the deck does not show what the default would give."""
    differs = 0
    for indicator in [r for r in _negatif() if r["Rumus Capaian"]]:
        row = _capaian_row(table_rows, indicator["Indikator"])
        default = str(_profil()["rumus capaian polaritas negatif"]).replace(" ", "").upper()
        for period, (t_key, r_key) in SOURCE.items():
            t, r = _number(indicator[t_key]), _number(indicator[r_key])
            if t is not None and r is not None and t != r:
                differs += row[PERIODS[period][2]] != _persen(FORMULAS[default](t, r))
    assert differs >= 2


def test_no_target_is_not_computed_even_with_a_realisasi(table_rows):
    cases = _cases("tanpa_target")
    assert len(cases) >= 10
    with_realisasi = 0
    for indicator, period in cases:
        row = _capaian_row(table_rows, indicator["Indikator"])
        t_cell, r_cell, c_cell = (row[i] for i in PERIODS[period])
        assert not re.search(r"\d", t_cell), f"{indicator['Kode']} {period}: target '-' shown as {t_cell!r}"
        assert not A_PERCENTAGE.search(c_cell), f"{indicator['Kode']} {period}: capaian computed without target"
        if _number(indicator[SOURCE[period][1]]) is not None:
            with_realisasi += 1
            assert re.search(r"\d", r_cell), f"{indicator['Kode']} {period}: the realisasi is not shown"
    assert with_realisasi >= 1, "no indicator has a realisasi in a period without target"


def test_realisasi_not_reported_is_not_computed(table_rows):
    cases = _cases("belum_dilaporkan")
    kinds = {indicator["Kode"].split("-")[0] for indicator, _ in cases}
    assert kinds == {"IKU", "IKP"}, f"expected a not-reported realisasi in both sheets, found {kinds}"
    for indicator, period in cases:
        row = _capaian_row(table_rows, indicator["Indikator"])
        t_cell, r_cell, c_cell = (row[i] for i in PERIODS[period])
        assert re.search(r"\d", t_cell), f"{indicator['Kode']} {period}: the target is not shown"
        assert not re.search(r"\d", r_cell), f"{indicator['Kode']} {period}: empty realisasi shown as {r_cell!r}"
        assert not A_PERCENTAGE.search(c_cell), f"{indicator['Kode']} {period}: capaian computed without realisasi"


def _program_sheet():
    ws = _sheet("anggaran.xlsx", "Program")
    col = next(c for c in range(1, ws.max_column + 1)
               if ws.cell(3, c).value == "Tahun 2025" and ws.cell(4, c).value == "Anggaran")
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] is not None]
    return col - 1, [r for r in rows if r[0] != "TOTAL"], next(r for r in rows if r[0] == "TOTAL")


def test_total_anggaran_is_the_sum_of_the_programs(table_rows):
    col, programs, total = _program_sheet()
    computed = sum(r[col] for r in programs)
    assert total[col] == computed, "the TOTAL row of the workbook disagrees with its programs"
    totals = [row for row in _by(table_rows, "04_anggaran_program.toml") if row["no"] == "TOTAL"]
    assert totals and totals[0]["anggaran"] == _rupiah(computed)


def test_sub_kegiatan_add_up_to_their_program():
    col, programs, _ = _program_sheet()
    kegiatan = {r[0]: r[1] for r in _sheet("anggaran.xlsx", "Kegiatan").iter_rows(min_row=4, values_only=True) if r[0]}
    sums: dict[str, int] = {}
    for r in _sheet("anggaran.xlsx", "Sub Kegiatan").iter_rows(min_row=4, values_only=True):
        if r[0]:
            sums[kegiatan[r[1]]] = sums.get(kegiatan[r[1]], 0) + r[6]
    assert {r[1]: r[col] for r in programs} == sums


def test_small_budget_program_and_realisasi_below_anggaran():
    col, programs, total = _program_sheet()
    assert min(r[col] for r in programs) < total[col] / 1000, "no small-budget program"
    assert all(r[col + 1] < r[col] for r in programs), "realisasi anggaran should be below anggaran"


def test_anggaran_mendukung_kemiskinan_is_the_sum_of_its_sub_kegiatan(table_rows):
    sub = [r for r in _sheet("anggaran.xlsx", "Sub Kegiatan").iter_rows(min_row=4, values_only=True) if r[0]]
    ya = [r for r in sub if str(r[7]).strip().lower() == "ya"]
    assert 3 <= len(ya) < len(sub)
    totals = [row for row in _by(table_rows, "06_anggaran_kemiskinan.toml") if row["no"] == "TOTAL"]
    assert totals and totals[0]["anggaran"] == _rupiah(sum(r[6] for r in ya))


def test_every_program_prioritas_sub_kegiatan_is_shown(table_rows):
    sub = [r for r in _sheet("anggaran.xlsx", "Sub Kegiatan").iter_rows(min_row=4, values_only=True) if r[0]]
    prioritas = [" ".join(r[2].split()) for r in sub if str(r[8]).strip().lower() == "ya"]
    assert 3 <= len(prioritas) < len(sub)
    shown = {row["sub_kegiatan"] for row in _by(table_rows, "11_program_prioritas.toml")}
    assert not [n for n in prioritas if n not in shown]


def test_pohon_kinerja_shows_both_tujuan(deck):
    pohon = [s for s in deck.slides if _title(s).upper().startswith("POHON KINERJA")]
    assert pohon
    n_tujuan = sum(1 for r in _sheet("kinerja.xlsx", "Tujuan").iter_rows(min_row=4, values_only=True) if r[0])
    first = [t for t in _texts(pohon[0].shapes) if t.startswith("TUJUAN")]
    assert len(first) == n_tujuan == 2
