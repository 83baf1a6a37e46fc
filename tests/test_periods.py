"""A semester-I and a year-end deck of the same data differ as they should."""
import pytest
from pptx import Presentation

from sakip_report.build import Options, build


def _capaian_rows(pptx, title_start):
    """Body rows (as text lists) of the first table on slides whose title starts with `title_start`."""
    rows = []
    for slide in Presentation(str(pptx)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        tables = [s.table for s in slide.shapes if s.has_table]
        if title.startswith(title_start) and tables:
            rows += [[c.text_frame.text for c in row.cells] for row in list(tables[0].rows)[3:]]
    return rows


def _notes(pptx):
    return "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(pptx)).slides if s.has_notes_slide)


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = {}
    for period in ("2024-S1", "2024-S2"):
        folder = tmp_path_factory.mktemp(period)
        result = build(Options(out=folder, formats=("pptx",), period=period))
        out[period] = next(p for p in result.outputs if p.suffix == ".pptx")
    return out


def test_each_period_names_its_file(decks):
    assert decks["2024-S1"].name.endswith("2024-s1.pptx") and decks["2024-S2"].name.endswith("2024-s2.pptx")


def test_semester_one_deck_shows_semester_one_and_marks_semester_two_not_due(decks):
    sakip = next(r for r in _capaian_rows(decks["2024-S1"], "CAPAIAN INDIKATOR KINERJA UTAMA") if "Sakip" in r[2])
    # columns: .. T2024, T S1, T S2, R S1, R S2, C S1, C S2
    assert sakip[-7:] == ["86,90", "83,45", "86,90", "79,48", "…", "95,24%", "…"]


def test_year_end_deck_shows_both_semesters(decks):
    sakip = next(r for r in _capaian_rows(decks["2024-S2"], "CAPAIAN INDIKATOR KINERJA UTAMA") if "Sakip" in r[2])
    assert sakip[-7:] == ["86,90", "83,45", "86,90", "79,48", "88,37", "95,24%", "101,69%"]


def test_both_show_the_previous_year_beside_the_current(decks):
    for pptx in decks.values():
        sakip = next(r for r in _capaian_rows(pptx, "CAPAIAN INDIKATOR KINERJA UTAMA") if "Sakip" in r[2])
        assert sakip[3:6] == ["86,50", "88,30", "102,08%"]


@pytest.mark.parametrize(("period", "phrase"), [
    ("2024-S1", "Pada Semester I 2024 target 83,45 dengan realisasi 79,48, sehingga capaian 95,24% — Sangat Tinggi."),
    ("2024-S2", "Pada Semester II 2024 target 86,90 dengan realisasi 88,37, sehingga capaian 101,69% — Sangat Tinggi."),
])
def test_notes_analyse_the_period_of_the_deck(decks, period, phrase):
    assert phrase in _notes(decks[period])


def test_notes_compare_with_the_previous_year_and_say_whether_the_target_was_met(decks):
    notes = _notes(decks["2024-S2"])
    assert "Dibanding tahun 2023 (capaian 102,08%), capaian turun 0,39 poin persen." in notes
    assert "Target tercapai." in notes and "Target belum tercapai" in notes
