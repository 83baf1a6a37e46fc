"""A second, fictional agency (data/contoh-dinsos) builds its own deck with the same templates.

Dinas Sosial Kabupaten Sukamaju, 2025 against 2024: nothing of the Lamongan sample may leak into
it, and its Negatif indicators are computed with the formula the workbooks ask for. Expected
capaian are computed here from the workbook cells (read with openpyxl), never typed in.
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

DATA = Path(__file__).resolve().parents[1] / "data" / "contoh-dinsos"


# --- the build ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dinsos_build(tmp_path_factory):
    """(BuildResult, pptx path) of data/contoh-dinsos built with formats ("pptx",)."""
    result = build(Options(data=DATA, out=tmp_path_factory.mktemp("dinsos-pptx"), formats=("pptx",),
                           preview=False))
    decks = [p for p in result.outputs if p.suffix == ".pptx"]
    assert len(decks) == 1, f"expected one PPTX among the outputs, got {result.outputs}"
    return result, decks[0]


@pytest.fixture(scope="module")
def deck(dinsos_build):
    return Presentation(str(dinsos_build[1]))


@pytest.fixture(scope="module")
def deck_text(deck) -> str:
    return "\n".join(t for slide in deck.slides for t in _texts(slide.shapes))


def _title(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


def _table_rows(deck):
    """(slide number, [cell texts]) of every row of every table in the deck."""
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    yield n, [" ".join(cell.text.split()) for cell in row.cells]


# --- the workbooks, read independently of the package ---------------------------------------


def _profil() -> dict[str, object]:
    ws = openpyxl.load_workbook(DATA / "profil.xlsx", data_only=True)["Profil"]
    return {str(a).strip().lower(): b for a, b in ws.iter_rows(min_row=4, max_col=2, values_only=True) if a}


def _indicator_rows(sheet: str) -> list[dict[str, object]]:
    return indicator_rows(DATA / "kinerja.xlsx", sheet)


def _number(value) -> Decimal | None:
    """A workbook value as a Decimal; None for "-" or an empty cell."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
        return None
    return Decimal(repr(value))


def _persen(value: Decimal) -> str:
    """94.8077 -> "94,81%": two decimals, half-up, Indonesian separators (no thousands here)."""
    text = str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return text.replace(".", ",") + "%"


def _negatif(t: Decimal, r: Decimal) -> Decimal:
    return (2 * t - r) / t * 100


def _t_per_r(t: Decimal, r: Decimal) -> Decimal:
    return t / r * 100


def _row_of(pptx, name: str) -> dict[str, str]:
    """The row of a capaian table that shows the indicator, keyed by column id."""
    rows = [row for definition, row in keyed_rows(pptx) if "capaian_s2" in row
            and (row["nama"] == name or row["nama"].startswith(f"{name} ("))]
    assert len(rows) == 1, f"{name!r}: expected one row in a capaian table, found {len(rows)}"
    return rows[0]


# --- tests ----------------------------------------------------------------------------------


def test_build_has_no_layout_warnings_and_no_data_problems(dinsos_build):
    result, _ = dinsos_build
    assert result.warnings == [], "layout warnings:\n  " + "\n  ".join(result.warnings)
    # The stated capaian and the TOTAL row of the workbooks agree with what the build computes.
    assert not result.problems, "data problems:\n  " + "\n  ".join(map(str, result.problems))


def test_slide_count_is_plausible(dinsos_build, deck):
    result, _ = dinsos_build
    assert result.slides == len(deck.slides)
    assert 20 <= len(deck.slides) <= 45, f"{len(deck.slides)} slides"
    assert _title(deck.slides[0]).startswith("SISTEM AKUNTABILITAS")
    assert _title(deck.slides[-1]) == "TERIMA KASIH"


def test_deck_names_this_agency_and_nothing_of_the_sample(deck_text):
    assert "DINAS SOSIAL" in deck_text
    assert "Sukamaju" in deck_text
    for leak in ("lamongan", "tenaga kerja", "disnaker"):
        assert leak not in deck_text.lower(), f"{leak!r} from the Lamongan sample appears in the deck"


def test_years_are_2024_and_2025(deck, deck_text):
    years = set(re.findall(r"TAHUN (\d{4})", deck_text.upper()))
    assert years == {"2024", "2025"}, f"years named in the deck: {sorted(years)}"
    assert "Tahun 2024–2025" in deck_text  # the title slide's caption
    headers = [cells for _, cells in _table_rows(deck) if "TAHUN 2024" in cells and "TAHUN 2025" in cells]
    assert headers, "no table header with TAHUN 2024 and TAHUN 2025"


def _negatif_indicators():
    return [r for r in _indicator_rows("IKU") + _indicator_rows("Indikator Program")
            if str(r["Polaritas"]).strip().lower() == "negatif" and not r["Rumus Capaian"]]


def test_the_sample_has_negatif_indicators_with_the_2t_r_formula():
    assert _profil()["rumus capaian polaritas negatif"] == "(2T-R)/T"
    assert _negatif_indicators(), "no Negatif indicator without its own Rumus Capaian"


@pytest.mark.parametrize("indicator", _negatif_indicators(), ids=lambda r: r["Kode"])
def test_negatif_capaian_is_two_t_minus_r_over_t(dinsos_build, indicator):
    row = _row_of(dinsos_build[1], indicator["Indikator"])
    pairs = {"capaian_lalu": ("2024 Target", "2024 Realisasi"),
             "capaian_s1": ("2025 Target Semester I", "2025 Realisasi Semester I"),
             "capaian_s2": ("2025 Target Semester II", "2025 Realisasi Semester II")}
    checked = 0
    for column, (t_key, r_key) in pairs.items():
        t, r = _number(indicator[t_key]), _number(indicator[r_key])
        if t is None or r is None:
            assert row[column] == "-", f"{indicator['Kode']} {t_key}: no target, expected '-'"
            continue
        expected = _negatif(t, r)
        assert row[column] == _persen(expected), (
            f"{indicator['Kode']} {t_key}: T={t} R={r}, (2T-R)/T = {_persen(expected)}, deck shows {row[column]}")
        assert t == r or _persen(expected) != _persen(r / t * 100), "R/T would give the same figure"
        checked += 1
    assert checked >= 2


def test_explicit_t_per_r_formula_is_used():
    explicit = [r for r in _indicator_rows("Indikator Program") if r["Rumus Capaian"]]
    assert [r["Rumus Capaian"] for r in explicit] == ["T/R"]


def test_t_per_r_capaian(dinsos_build):
    indicator = next(r for r in _indicator_rows("Indikator Program") if r["Rumus Capaian"] == "T/R")
    row = _row_of(dinsos_build[1], indicator["Indikator"])
    t, r = _number(indicator["2025 Target Semester II"]), _number(indicator["2025 Realisasi Semester II"])
    assert row["capaian_s2"] == _persen(_t_per_r(t, r))
    t, r = _number(indicator["2024 Target"]), _number(indicator["2024 Realisasi"])
    assert row["capaian_lalu"] == _persen(_t_per_r(t, r))


def test_total_anggaran_matches_the_total_row(dinsos_build):
    ws = openpyxl.load_workbook(DATA / "anggaran.xlsx", data_only=True)["Program"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] is not None]
    total = next(r for r in rows if r[0] == "TOTAL")
    programs = [r for r in rows if r[0] != "TOTAL"]
    col_2025 = 6  # G: Tahun 2025 › Anggaran
    assert ws.cell(3, col_2025 + 1).value == "Tahun 2025" and ws.cell(4, col_2025 + 1).value == "Anggaran"
    assert total[col_2025] == sum(r[col_2025] for r in programs)
    shown = f"{total[col_2025]:,}".replace(",", ".")
    totals = [row for _, row in keyed_rows(dinsos_build[1], "slides/04_anggaran_program.toml") if row["no"] == "TOTAL"]
    assert totals and totals[0]["anggaran"] == shown


def test_pohon_kinerja_has_two_tujuan_and_stays_on_its_slides(deck):
    W, H = deck.slide_width, deck.slide_height
    pohon = [s for s in deck.slides if _title(s).upper().startswith("POHON KINERJA")]
    assert len(pohon) >= 1
    tujuan = openpyxl.load_workbook(DATA / "kinerja.xlsx", data_only=True)["Tujuan"]
    n_tujuan = sum(1 for r in tujuan.iter_rows(min_row=4, values_only=True) if r[0])
    first = [t for t in _texts(pohon[0].shapes) if t.startswith("TUJUAN")]
    assert n_tujuan == 2 and len(first) == n_tujuan, f"first pohon slide shows {len(first)} tujuan"
    outside = []
    for n, slide in enumerate(pohon, 1):
        boxes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        assert len(boxes) >= 4, f"pohon slide {n}: only {len(boxes)} boxes"
        outside += [f"pohon slide {n}: {s.name} {s.text_frame.text[:40]!r}" for s in slide.shapes
                    if not (0 <= s.left and 0 <= s.top and s.left + s.width <= W and s.top + s.height <= H)]
    assert not outside, "shapes outside the slide:\n  " + "\n  ".join(outside)
